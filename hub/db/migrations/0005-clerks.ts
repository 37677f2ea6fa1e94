import type { Migration } from '../migration';

/** Who served each ticket: the clerk signed in at the counter when it was called. */
export const migration0005: Migration = {
  version: 5,
  name: 'clerk of each ticket',
  up(db) {
    db.exec(`ALTER TABLE tickets ADD COLUMN clerk_id TEXT;`);
  },
};
