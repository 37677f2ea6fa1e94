import { chainExistingRows, DOSSIER_HISTORY_CHAIN } from '../../audit/hash-chain';
import type { Migration } from '../migration';

/**
 * Tamper-evident records: the dossier control sheet (Form 05) history and a new log of
 * administrative actions are hash-chained (hub/audit/hash-chain.ts). History rows written before
 * this migration are chained by it, in id order.
 */
// The version lives here only: the lead renumbers at merge.
export const auditChainMigration: Migration = {
  version: 12,
  name: 'audit chain',
  up(db) {
    db.exec(`
      ALTER TABLE dossier_history ADD COLUMN prev_hash TEXT;
      ALTER TABLE dossier_history ADD COLUMN hash TEXT;

      CREATE TABLE audit_log (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        action      TEXT NOT NULL,
        subject     TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}',
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL UNIQUE
      ) STRICT;
      -- Append-only for the hub and every tool: a change has to drop these first, and the chain shows it.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
    chainExistingRows(db, DOSSIER_HISTORY_CHAIN);
  },
};
