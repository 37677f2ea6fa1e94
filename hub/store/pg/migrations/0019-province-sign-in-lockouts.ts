import type { PgMigration } from '../migrate';

/**
 * The province administrators' sign-in lockout (docs/province.md "Province statistics over HTTP"):
 * one row per subject (`admin:<username>`) for the whole province, so wrong passwords count
 * wherever they are tried — at every centre's address, through every hub process — not 5 per
 * centre. A centre's own subjects stay in sign_in_lockouts, per (centre, subject).
 */
export const pgMigration0019: PgMigration = {
  version: 19,
  name: 'province sign-in lockouts',
  sql: `
    CREATE TABLE province_sign_in_lockouts (
      subject      TEXT PRIMARY KEY,
      failures     INTEGER NOT NULL CHECK (failures >= 0),
      locked_until TEXT
    );
  `,
};
