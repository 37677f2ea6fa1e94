import type { Migration } from '../migration';

export const CONFIG_DIGESTS_VERSION = 16;

/**
 * The config the hub last ran, as one SHA-256 per top-level section (never the settings: the
 * config holds PIN hashes and legacy tokens). A start whose config differs appends
 * `config.change` to the audit chain naming the sections (hub/audit/config-change.ts).
 */
export const migrationConfigDigests: Migration = {
  version: CONFIG_DIGESTS_VERSION,
  name: 'config digests',
  up(db) {
    db.exec(`
      CREATE TABLE config_digests (
        section     TEXT PRIMARY KEY,
        digest      TEXT NOT NULL CHECK (length(digest) = 64),
        recorded_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
