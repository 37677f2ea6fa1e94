import type { Migration } from '../migration';

/**
 * Dossiers received at the counter, the documents checklist received with each, and the
 * processing control sheet (Form 05): one row per hand-off with who, in which role, when.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'dossiers',
  up(db) {
    db.exec(`
      CREATE TABLE dossiers (
        code                TEXT PRIMARY KEY,
        -- YYMMDD of receipt (Vietnamese wall time) and the day's sequence: the code is built from them.
        day                 TEXT NOT NULL,
        seq                 INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 9999),
        procedure_code      TEXT NOT NULL,
        procedure_name      TEXT NOT NULL,
        department_id       TEXT NOT NULL,
        service_id          TEXT NOT NULL,
        status              TEXT NOT NULL CHECK (status IN ('received','processing','supplement-requested','done','returned','refused')),
        applicant_name      TEXT NOT NULL,
        applicant_id_number TEXT NOT NULL CHECK (length(applicant_id_number) = 12),
        applicant_dob       TEXT,
        applicant_address   TEXT,
        applicant_phone     TEXT,
        fee                 INTEGER NOT NULL CHECK (fee >= 0),
        fee_paid            INTEGER NOT NULL CHECK (fee_paid >= 0),
        ticket_id           INTEGER REFERENCES tickets (id),
        received_at         TEXT NOT NULL,
        received_by         TEXT NOT NULL,
        due_at              TEXT NOT NULL,
        due_local           TEXT NOT NULL,
        missing_json        TEXT NOT NULL DEFAULT '[]',
        updated_at          TEXT NOT NULL,
        UNIQUE (day, seq)
      ) STRICT;
      -- The back office lists its department's dossiers by status.
      CREATE INDEX dossiers_by_department ON dossiers (department_id, status, received_at);

      CREATE TABLE dossier_documents (
        dossier_code TEXT NOT NULL REFERENCES dossiers (code),
        position     INTEGER NOT NULL,
        name         TEXT NOT NULL,
        copies       INTEGER NOT NULL CHECK (copies >= 1),
        original     INTEGER NOT NULL CHECK (original IN (0, 1)),
        PRIMARY KEY (dossier_code, position)
      ) STRICT;

      CREATE TABLE dossier_history (
        id           INTEGER PRIMARY KEY,
        dossier_code TEXT NOT NULL REFERENCES dossiers (code),
        at           TEXT NOT NULL,
        action       TEXT NOT NULL,
        from_status  TEXT,
        to_status    TEXT NOT NULL,
        device_id    TEXT NOT NULL,
        role         TEXT NOT NULL,
        actor_name   TEXT NOT NULL,
        note         TEXT,
        new_due_at   TEXT
      ) STRICT;
      CREATE INDEX dossier_history_by_dossier ON dossier_history (dossier_code, id);
    `);
  },
};
