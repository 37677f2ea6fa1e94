import type { Migration } from '../migration';

/** The one place this migration's number is written (the lead renumbers at merge). */
export const ADMIN_ACCOUNTS_VERSION = 14;

/**
 * Administrator accounts of the admin screen, their sessions and the sign-in lockouts. Only
 * hashes are kept: the password's scrypt hash (hub/clerks/pin-hash.ts), the session token's
 * SHA-256. A lockout is a row, so restarting the hub does not lift it.
 */
export const migrationAdminAccounts: Migration = {
  version: ADMIN_ACCOUNTS_VERSION,
  name: 'admin accounts, sessions, sign-in lockouts',
  up(db) {
    db.exec(`
      CREATE TABLE admin_accounts (
        username      TEXT PRIMARY KEY CHECK (length(username) BETWEEN 3 AND 40),
        password_hash TEXT NOT NULL CHECK (password_hash GLOB 'scrypt$*'),
        created_at    TEXT NOT NULL,
        password_set_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE admin_sessions (
        token_hash   TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
        username     TEXT NOT NULL REFERENCES admin_accounts (username) ON DELETE CASCADE,
        -- The admin device it was opened at: the token is refused anywhere else.
        device_id    TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        expires_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX admin_sessions_by_username ON admin_sessions (username);
      CREATE INDEX admin_sessions_by_device ON admin_sessions (device_id, expires_at);

      -- One row per sign-in subject (path and name, e.g. 'admin:lan'): failures since the last
      -- success, and until when it is locked (NULL: not locked).
      CREATE TABLE sign_in_lockouts (
        subject      TEXT PRIMARY KEY,
        failures     INTEGER NOT NULL CHECK (failures >= 0),
        locked_until TEXT
      ) STRICT;
    `);
  },
};
