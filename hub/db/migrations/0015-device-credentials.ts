import type { Migration } from '../migration';

/** The one place this migration's number is written (the lead renumbers at merge). */
export const DEVICE_CREDENTIALS_VERSION = 15;

/**
 * Paired device credentials and one-time pairing codes. Only hashes are kept (see
 * hub/devices/device-credentials.ts and pairing-codes.ts for why SHA-256 is enough for each).
 *
 * A device of the centre config has at most one row: its current credential, and during a
 * rotation the previous one, accepted until the terminal first signs in with the new one. A
 * revoked row keeps no hash at all: nothing it held works, and pairing again fills it anew.
 */
export const migrationDeviceCredentials: Migration = {
  version: DEVICE_CREDENTIALS_VERSION,
  name: 'device credentials, pairing codes',
  up(db) {
    db.exec(`
      CREATE TABLE device_credentials (
        device_id       TEXT PRIMARY KEY,
        credential_hash TEXT UNIQUE CHECK (credential_hash IS NULL OR length(credential_hash) = 64),
        previous_hash   TEXT UNIQUE CHECK (previous_hash IS NULL OR length(previous_hash) = 64),
        created_at      TEXT NOT NULL,
        last_seen_at    TEXT,
        revoked_at      TEXT,
        -- Revoked: no hash. Live: a hash.
        CHECK ((revoked_at IS NULL) = (credential_hash IS NOT NULL)),
        CHECK (previous_hash IS NULL OR credential_hash IS NOT NULL)
      ) STRICT;

      CREATE TABLE pairing_codes (
        id          INTEGER PRIMARY KEY,
        device_id   TEXT NOT NULL,
        salt        TEXT NOT NULL CHECK (length(salt) = 32),
        code_hash   TEXT NOT NULL CHECK (length(code_hash) = 64),
        created_by  TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        used_at     TEXT
      ) STRICT;
      -- The codes a pairing attempt is checked against: those of the last day, newest first.
      CREATE INDEX pairing_codes_by_created ON pairing_codes (created_at);
      CREATE INDEX pairing_codes_by_device ON pairing_codes (device_id, used_at);
    `);
  },
};
