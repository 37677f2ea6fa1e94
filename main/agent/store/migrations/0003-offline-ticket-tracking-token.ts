import type { Database } from 'better-sqlite3';
import type { Migration } from '../../../../core/store/migrate';

/**
 * The public token a kiosk draws for a ticket it issues offline when the centre has a public
 * address: printed in the ticket's QR at once, sent with the delivery so the hub registers it.
 * Null: no public address (no QR printed), or a ticket issued before this migration.
 */
export const migration0003: Migration<Database> = {
  version: 3,
  name: '0003-offline-ticket-tracking-token',
  up(db) {
    db.exec(`ALTER TABLE offline_tickets ADD COLUMN tracking_token TEXT CHECK (tracking_token IS NULL OR length(tracking_token) = 24);`);
  },
};
