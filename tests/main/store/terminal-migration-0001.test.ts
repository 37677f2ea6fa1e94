import { existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../core/dossiers/dossier';
import { DossierOutbox } from '../../../main/agent/dossier-outbox';
import { migration0001 } from '../../../main/agent/store/migrations/0001-dossier-outbox';
import { TERMINAL_MIGRATIONS } from '../../../main/agent/store/migrations';
import { LEGACY_OUTBOX_FILE, openTerminalDb, TERMINAL_DB_FILE } from '../../../main/agent/store/terminal-db';
import { tempDir } from '../../support/centre';

/** The schema the counter's outbox was created with before migrations (commit 7e5d373, dossier-outbox.ts). */
const OLD_SCHEMA = `
  CREATE TABLE IF NOT EXISTS leased_codes (
    code      TEXT PRIMARY KEY,
    day       TEXT NOT NULL,
    leased_at TEXT NOT NULL,
    used_at   TEXT
  ) STRICT;
  CREATE TABLE IF NOT EXISTS outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    code         TEXT NOT NULL UNIQUE,
    command_id   TEXT NOT NULL UNIQUE,
    input_json   TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    dossier_json TEXT NOT NULL,
    pdf          BLOB,
    pdf_pages    INTEGER,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'pdf-pending', 'delivered', 'failed')),
    error        TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    delivered_at TEXT
  ) STRICT;
  CREATE INDEX IF NOT EXISTS outbox_undelivered ON outbox (state, seq);
`;

const input = { procedureCode: 'KD-TL', applicant: { fullName: 'Nguyễn Văn An', idNumber: '001203004567' }, documents: [], feePaid: 0 };

describe('terminal migration 0001: the dossier outbox', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('creates the outbox and leased codes on a new terminal, with their constraints', () => {
    const db = openTerminalDb(tmp.dir, [migration0001]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    expect(tables).toEqual(['leased_codes', 'outbox']);
    const row = db.prepare("INSERT INTO outbox (code, command_id, input_json, received_at, dossier_json, state) VALUES (?, ?, '{}', 'x', '{}', ?)");
    row.run('HK-260505-0001', 'c1', 'pending');
    expect(() => row.run('HK-260505-0001', 'c2', 'pending')).toThrow(/UNIQUE/);
    expect(() => row.run('HK-260505-0002', 'c1', 'pending')).toThrow(/UNIQUE/);
    expect(() => row.run('HK-260505-0003', 'c3', 'lost')).toThrow(/CHECK/);
    expect(db.prepare("EXPLAIN QUERY PLAN SELECT * FROM outbox WHERE state IN ('pending', 'pdf-pending') ORDER BY seq").all().map((r) => (r as { detail: string }).detail).join(' ')).toMatch(/outbox_undelivered/);
    db.close();
  });

  it('adopts a file made by the old code, undelivered dossiers and leased codes kept, and the file renamed', () => {
    const legacy = new BetterSqlite3(path.join(tmp.dir, LEGACY_OUTBOX_FILE));
    legacy.pragma('journal_mode = WAL');
    legacy.exec(OLD_SCHEMA);
    legacy.prepare("INSERT INTO leased_codes (code, day, leased_at, used_at) VALUES ('HK-260505-0001', '260505', 'x', 'y'), ('HK-260505-0002', '260505', 'x', NULL)").run();
    const put = legacy.prepare('INSERT INTO outbox (code, command_id, input_json, received_at, dossier_json, pdf, pdf_pages, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    put.run('HK-260505-0001', 'cmd-1', JSON.stringify(input), '2026-05-05T01:00:00.000Z', JSON.stringify({ code: 'HK-260505-0001' }), Buffer.from('%PDF-1.7 trang'), 2, 'pdf-pending');
    put.run('HK-260504-0031', 'cmd-2', JSON.stringify(input), '2026-05-05T01:05:00.000Z', JSON.stringify({ code: 'HK-260504-0031' }), null, null, 'pending');
    expect(legacy.pragma('user_version', { simple: true })).toBe(0);
    legacy.close();

    const outbox = new DossierOutbox(tmp.dir);
    try {
      expect(existsSync(path.join(tmp.dir, LEGACY_OUTBOX_FILE))).toBe(false);
      expect(existsSync(path.join(tmp.dir, TERMINAL_DB_FILE))).toBe(true);
      expect(outbox.undelivered().map((r) => [r.code, r.commandId, r.state, r.pdfPages])).toEqual([
        ['HK-260505-0001', 'cmd-1', 'pdf-pending', 2],
        ['HK-260504-0031', 'cmd-2', 'pending', null],
      ]);
      expect(outbox.pdfOf('HK-260505-0001')?.toString()).toBe('%PDF-1.7 trang');
      expect(outbox.codesLeft('260505')).toBe(1);
      outbox.markReceived(outbox.undelivered()[1]!.seq, { code: 'HK-260504-0031' } as unknown as Dossier);
      expect(outbox.notDeliveredCount()).toBe(1);
    } finally {
      outbox.close();
    }
    const db = new BetterSqlite3(path.join(tmp.dir, TERMINAL_DB_FILE));
    // Adopted, then brought up to this terminal's latest schema.
    expect(db.pragma('user_version', { simple: true })).toBe(TERMINAL_MIGRATIONS.at(-1)!.version);
    db.close();
  });

  it('refuses a database newer than this terminal knows, leaving it untouched', () => {
    const db = openTerminalDb(tmp.dir);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openTerminalDb(tmp.dir)).toThrow(/newer than this terminal knows/);
  });
});
