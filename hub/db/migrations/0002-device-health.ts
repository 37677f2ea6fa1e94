import type { Migration } from '../migration';

/** The last printer health each terminal reported, kept across hub restarts for the admin's device page. */
export const migration0002: Migration = {
  version: 2,
  name: 'device health',
  up(db) {
    db.exec(`
      CREATE TABLE device_health (
        device_id      TEXT PRIMARY KEY,
        printer_id     TEXT NOT NULL,
        printer_health TEXT NOT NULL CHECK (printer_health IN ('ok','paper-near-end','paper-out','cover-open','offline','unknown')),
        detail         TEXT NOT NULL,
        reported_at    TEXT NOT NULL
      ) STRICT;
    `);
  },
};
