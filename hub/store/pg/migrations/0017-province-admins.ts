import type { PgMigration } from '../migrate';

/**
 * Province administrators (docs/province.md "Province statistics over HTTP"): an account with no
 * centre belongs to the province. It reads the province's statistics and administers no centre;
 * every centre's repositories keep seeing only `centre_id = <their centre>`, which a null never
 * equals. Usernames stay unique across the province (the primary key), and its sessions live in
 * admin_sessions like any other (their account has the scope). PostgreSQL only: a single centre's
 * SQLite hub has no province (tests/hub/pg/pg-schema-parity.test.ts lists the difference).
 */
export const pgMigration0017: PgMigration = {
  version: 17,
  name: 'province administrators',
  sql: `
    ALTER TABLE admin_accounts ALTER COLUMN centre_id DROP NOT NULL;
  `,
};
