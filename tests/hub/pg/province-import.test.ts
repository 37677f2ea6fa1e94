import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../hub/db/migration';
import { MIGRATIONS } from '../../../hub/db/migrations';
import { verifyCentreChains } from '../../../hub/store/pg/chain-verify';
import { appendEvents } from '../../../hub/store/pg/event-log';
import { IMPORT_PLAN } from '../../../hub/store/pg/import/import-plan';
import { PG_ONLY_COLUMNS } from '../../../hub/store/pg/migrations';
import { openSqliteSnapshot } from '../../../hub/store/pg/import/sqlite-snapshot';
import { PgAuditLog } from '../../../hub/store/pg/pg-audit-log';
import { PgDossierRepository } from '../../../hub/store/pg/pg-dossier-repository';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { allocateTicketNumber } from '../../../hub/store/pg/ticket-numbers';
import { StoreToolError } from '../../../hub/store/pg/tool-error';
import { tempDir } from '../../support/centre';
import { buildBaDinhHistory, buildDemoCentreHistory } from '../../support/centre-history';
import { compareImportedAnswers } from '../../support/imported-answers';
import { runMotcua } from '../../support/motcua-cli';
import { ImportDatabases } from '../../support/import-databases';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';

warnIfPostgresMissing('province-import');

const PROVINCE = 'kiosk-config/demo-province.json';
const HOAN_KIEM = { id: 'hoan-kiem', name: 'Bộ phận Một cửa quận Hoàn Kiếm' };
const BA_DINH = { id: 'ba-dinh', name: 'Bộ phận Một cửa quận Ba Đình' };

type Row = Record<string, unknown>;
/** Rows as comparable text: keys sorted, rows sorted. */
const canonical = (rows: readonly Row[]): string[] => rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))).sort();

/**
 * Which rows of a table belong to a centre: by centre_id, or through the parent that has it. For
 * the few tables keyed by a province-wide device id alone, the source file's own keys.
 */
const OWN_ROWS: Record<string, string> = {
  dossier_documents: 'dossier_code IN (SELECT code FROM dossiers WHERE centre_id = $1)',
  dossier_files: 'dossier_code IN (SELECT code FROM dossiers WHERE centre_id = $1)',
  dossier_results: 'dossier_code IN (SELECT code FROM dossiers WHERE centre_id = $1)',
  admin_sessions: 'username IN (SELECT username FROM admin_accounts WHERE centre_id = $1)',
  officer_sessions: 'device_id = ANY ($1)',
  device_credentials: 'device_id = ANY ($1)',
  pairing_codes: 'device_id = ANY ($1)',
  // The import's own record follows the centre's rows on its chain (checked apart).
  audit_log: `centre_id = $1 AND action <> 'province.import'`,
  // A lease with no online number that day gets a row "none issued yet" (0) from the database (migration 0021; checked apart).
  number_sequences: 'centre_id = $1 AND last_number > 0',
};

describe.skipIf(POSTGRES_MISSING !== null)('motcua province import: a centre\'s SQLite file into the province database, exactly once (real hubs, real PostgreSQL)', () => {
  let dbs: ImportDatabases;
  let tmp: ReturnType<typeof tempDir>;
  let fileA: string; // the demo centre, imported as Hoàn Kiếm
  let fileB: string; // Ba Đình of the demo province



  /** The columns holding another table's id, from the SQLite file's own foreign keys (not the import's plan). */
  function sqliteReferences(db: BetterSqlite3.Database, table: string): Map<string, string> {
    const fks = db.prepare('SELECT "from" AS col, "table" AS target, "to" AS target_col FROM pragma_foreign_key_list(?)').all(table) as { col: string; target: string; target_col: string }[];
    return new Map(fks.filter((f) => f.target_col === 'id').map((f) => [f.col, f.target]));
  }

  /**
   * Columns whose ids are not a column's but inside its JSON: the command log's answers name
   * tickets and result files by id, moved by the import (compareImportedAnswers checks them).
   */
  const COMPARED_APART: Record<string, string> = { commands: 'result_json' };

  /** Every table of the file, row for row, equals the centre's rows in PostgreSQL with the import's offsets taken off again. */
  async function expectSameRows(pool: pg.Pool, file: string, centreId: string): Promise<Record<string, number>> {
    const db = new BetterSqlite3(file, { readonly: true });
    const counts: Record<string, number> = {};
    try {
      const offsets = JSON.parse((await pool.query<{ j: string }>('SELECT id_offsets_json AS j FROM imports WHERE centre_id = $1', [centreId])).rows[0]!.j) as Record<string, { offset: number }>;
      const identities = new Set((await pool.query<{ table_name: string }>(`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND is_identity = 'YES'`)).rows.map((r) => r.table_name));
      const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
      expect(tables.sort()).toEqual(IMPORT_PLAN.map((t) => t.table).sort());
      for (const table of tables) {
        const apart = COMPARED_APART[table];
        const expected = (db.prepare(`SELECT * FROM ${table}`).all() as Row[]).map((r) => (apart ? { ...r, [apart]: null } : r));
        const refs = sqliteReferences(db, table);
        if (identities.has(table)) refs.set('id', table);
        const deviceIds = expected.map((r) => r.device_id);
        const where = OWN_ROWS[table] ?? 'centre_id = $1';
        const params = where.includes('device_id = ANY') ? [deviceIds] : [centreId];
        const { rows } = await pool.query<Row>(`SELECT * FROM ${table} WHERE ${where}`, params);
        const actual = rows.map((r) => {
          const { centre_id: _c, ...rest } = r;
          for (const column of PG_ONLY_COLUMNS[table] ?? []) delete rest[column];
          if (apart) rest[apart] = null;
          for (const [col, target] of refs) if (rest[col] !== null) rest[col] = (rest[col] as number) - offsets[target]!.offset;
          return rest;
        });
        expect(canonical(actual), `${table} of ${centreId}`).toEqual(canonical(expected));
        counts[table] = expected.length;
      }
      // The column the database keeps (migration 0021): on every numbering row, the lowest number its leases start at.
      const leased = (db.prepare('SELECT day, service_id, min(first_number) AS lowest FROM number_leases GROUP BY day, service_id').all() as { day: string; service_id: string; lowest: number }[]);
      const { rows: numbering } = await pool.query<{ day: string; service_id: string; last_number: number; lowest_leased: number | null }>(
        'SELECT day, service_id, last_number, lowest_leased FROM number_sequences WHERE centre_id = $1', [centreId]);
      for (const lease of leased) {
        expect(numbering.find((n) => n.day === lease.day && n.service_id === lease.service_id)?.lowest_leased, `lowest_leased of ${lease.day} ${lease.service_id}`).toBe(lease.lowest);
      }
      expect(numbering.filter((n) => n.lowest_leased !== null)).toHaveLength(leased.length);
    } finally {
      db.close();
    }
    return counts;
  }

  beforeAll(async () => {
    dbs = await ImportDatabases.start('import');
    tmp = tempDir('motcua-import-');
    fileA = path.join(tmp.dir, 'hoan-kiem', 'hub.sqlite');
    fileB = path.join(tmp.dir, 'ba-dinh', 'hub.sqlite');
    await buildDemoCentreHistory(fileA);
    await buildBaDinhHistory(fileB);
  }, 240_000);
  afterAll(async () => {
    await dbs?.stop();
    tmp?.remove();
  });

  it('moves every table row for row, ids shifted past the other centre\'s and every reference with them; both centres present; chains verify; numbering and events go on', { timeout: 120_000 }, async () => {
    const { url, pool } = await dbs.fresh();
    // Ba Đình first, so Hoàn Kiếm's ids must move past rows already there.
    const b = await dbs.importFile(url, fileB, BA_DINH);
    const a = await dbs.importFile(url, fileA, HOAN_KIEM);
    expect(a.offsets.tickets).toEqual({ offset: 3, last: 3 + 6 });
    expect(a.offsets.audit_log!.offset).toBe(2); // Ba Đình's one row and its import's record

    // The centre's dossier files came with it, byte for byte (PostgreSQL hashes what it holds).
    const held = async (centreId: string) =>
      (await pool.query<{ kind: string; ok: boolean }>(`SELECT b.kind, encode(sha256(b.bytes), 'hex') = b.sha256 AS ok FROM dossier_blobs b JOIN dossiers d ON d.code = b.dossier_code WHERE d.centre_id = $1 ORDER BY b.kind, b.dossier_code`, [centreId])).rows;
    for (const [report, file, centreId] of [[a, fileA, 'hoan-kiem'], [b, fileB, 'ba-dinh']] as const) {
      const source = new BetterSqlite3(file, { readonly: true });
      const scans = (source.prepare('SELECT count(*) AS n FROM dossier_files').get() as { n: number }).n;
      const results = (source.prepare('SELECT count(*) AS n FROM dossier_results').get() as { n: number }).n;
      source.close();
      expect(report.files).toMatchObject({ scans, results, missing: [] });
      expect(await held(centreId)).toEqual([...Array(results).fill({ kind: 'result', ok: true }), ...Array(scans).fill({ kind: 'scan', ok: true })]);
    }
    expect(a.files!.scans + a.files!.results).toBeGreaterThan(0);

    const countsA = await expectSameRows(pool, fileA, 'hoan-kiem');
    const countsB = await expectSameRows(pool, fileB, 'ba-dinh');
    // The command log's answers: the same, but for the ids, which name the same tickets and result files in PostgreSQL.
    for (const [file, centreId] of [[fileA, 'hoan-kiem'], [fileB, 'ba-dinh']] as const) {
      const source = new BetterSqlite3(file, { readonly: true });
      try {
        const answers = await compareImportedAnswers(source, pool, centreId);
        expect(answers.problems, centreId).toEqual([]);
        if (centreId === 'hoan-kiem') {
          expect(answers.ids).toMatchObject({ 'ticket:issue': ['ticket.id'], 'ticket:rate': ['rating.ticketId'], 'appointment:check-in': ['appointment.ticketId', 'ticket.id'], 'ticket:deliver-offline': ['ticket.id'], 'dossier:act': ['results[].id'] });
        }
      } finally {
        source.close();
      }
    }
    expect(a.rows).toEqual(countsA);
    expect(b.rows).toEqual(countsB);
    // Every table was exercised by the real hub, but for the lockouts (a wrong password locks after five)
    // and the outbox's two tables: the history's centre has no partner system configured (so no notifier,
    // and no "nhắc tôi khi còn N người" reminders either; their import is the contract test's and the plan's);
    // nor does it book online (booking_*).
    expect(Object.entries(countsA).filter(([, n]) => n === 0).map(([t]) => t).sort()).toEqual(['booking_holds', 'booking_identities', 'outbox', 'sign_in_lockouts', 'ticket_reminders', 'webhook_subscription_states']);
    // Nothing else in the database: each table holds exactly the two centres' rows (plus the imports' own audit records).
    for (const spec of IMPORT_PLAN) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${spec.table}`);
      expect(rows[0]!.n, spec.table).toBe(countsA[spec.table]! + countsB[spec.table]! + (spec.table === 'audit_log' ? 2 : 0));
    }
    // No id used twice across centres (the primary keys say so too), and each centre's references land on its own rows.
    const strays = await pool.query(`SELECT r.id FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.centre_id <> t.centre_id
      UNION ALL SELECT e.seq FROM events e JOIN tickets t ON t.id = e.ticket_id WHERE e.centre_id <> t.centre_id
      UNION ALL SELECT o.ticket_id FROM offline_tickets o JOIN number_leases l ON l.id = o.lease_id WHERE o.centre_id <> l.centre_id`);
    expect(strays.rows).toEqual([]);

    // The imports' records.
    const imports = await pool.query('SELECT centre_id, source_sha256, source_file, source_version, row_counts_json, imported_by FROM imports ORDER BY id');
    expect(imports.rows).toEqual([
      { centre_id: 'ba-dinh', source_sha256: b.sha256, source_file: 'hub.sqlite', source_version: MIGRATIONS.length, row_counts_json: JSON.stringify(b.rows), imported_by: 'cli:test' },
      { centre_id: 'hoan-kiem', source_sha256: a.sha256, source_file: 'hub.sqlite', source_version: MIGRATIONS.length, row_counts_json: JSON.stringify(a.rows), imported_by: 'cli:test' },
    ]);
    expect((await pool.query('SELECT id, name, last_event_seq FROM centres ORDER BY id')).rows).toEqual([
      { id: 'ba-dinh', name: BA_DINH.name, last_event_seq: 3 },
      { id: 'hoan-kiem', name: HOAN_KIEM.name, last_event_seq: 14 },
    ]);

    // The chains: SQLite's rows keep their hashes, verified with their SQLite ids; the import's record extends the chain.
    const source = new BetterSqlite3(fileA, { readonly: true });
    const chained = (source.prepare('SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM dossier_history) AS n').get() as { n: number }).n;
    const lastAudit = source.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string;
    const lastDay = source.prepare(`SELECT day, last_number FROM number_sequences WHERE service_id = 'ho-tich'`).get() as { day: string; last_number: number };
    source.close();
    expect(await verifyCentreChains(pool, 'hoan-kiem')).toMatchObject({ ok: true, rows: chained + 1 });
    expect(await verifyCentreChains(pool, 'ba-dinh')).toMatchObject({ ok: true, rows: 2 });
    const record = await pool.query<{ prev_hash: string; action: string; detail_json: string }>('SELECT prev_hash, action, detail_json FROM audit_log WHERE id = $1', [a.auditId]);
    expect(record.rows[0]).toMatchObject({ prev_hash: lastAudit, action: 'province.import' });
    expect(JSON.parse(record.rows[0]!.detail_json)).toMatchObject({ sourceSha256: a.sha256, rows: a.rows });

    // A changed row is caught (the verifier is not a formality), in a transaction rolled back after.
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE dossier_history SET note = 'đã sửa' WHERE id = (SELECT min(id) FROM dossier_history WHERE centre_id = 'hoan-kiem')`);
      expect(await verifyCentreChains(client, 'hoan-kiem')).toMatchObject({ ok: false, broken: { table: 'dossier_history', problem: expect.stringContaining('the row was changed') } });
      await client.query('ROLLBACK');

      // What the centre does next continues after the imported history.
      await client.query('BEGIN');
      const number = await allocateTicketNumber(client, { centreId: 'hoan-kiem', day: lastDay.day, service: { id: 'ho-tich', numberFrom: 1001, numberTo: 1999 } });
      expect(number).toEqual({ ok: true, value: lastDay.last_number + 1 });
      const ticket = await client.query<{ id: number }>(
        `INSERT INTO tickets (centre_id, day, service_id, number, state, issued_at, issued_by) VALUES ('hoan-kiem', $1, 'ho-tich', $2, 'waiting', $3, 'kiosk-1') RETURNING id`,
        [lastDay.day, lastDay.last_number + 1, new Date().toISOString()],
      );
      expect(ticket.rows[0]!.id).toBe(a.offsets.tickets!.last + 1);
      expect(await appendEvents(client, 'hoan-kiem', [{ at: new Date().toISOString(), type: 'issued', ticketId: ticket.rows[0]!.id }])).toEqual([15]);
      expect(await appendEvents(client, 'ba-dinh', [{ at: new Date().toISOString(), type: 'paused', counterId: 'quay-1' }])).toEqual([4]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }

    // The province hubs' appends extend both imported chains from their last rows, each hashed with its own PostgreSQL id.
    const store = new PgStore(pool);
    const dossiers = new PgDossierRepository(store.sql, 'hoan-kiem');
    const importedDossier = (await pool.query<{ code: string }>(`SELECT code FROM dossiers WHERE centre_id = 'hoan-kiem' ORDER BY code LIMIT 1`)).rows[0]!.code;
    await store.transaction(async () => {
      await dossiers.record(importedDossier, { at: new Date().toISOString(), action: 'processing', fromStatus: 'received', toStatus: 'processing', deviceId: 'bo-phan-1', role: 'backoffice', actorName: 'Lê Thị Mai', note: null, newDueAt: null, unit: { kind: 'agency', id: 'so-tu-phap', name: 'Sở Tư pháp' } });
      await new PgAuditLog(store, 'hoan-kiem', () => new Date()).record({ actor: 'admin', action: 'config.change', subject: 'kiosk-config' });
    });
    await new PgAuditLog(store, 'ba-dinh', () => new Date()).record({ actor: 'admin', action: 'config.change', subject: 'kiosk-config' });
    expect(await verifyCentreChains(pool, 'hoan-kiem')).toMatchObject({ ok: true, rows: chained + 3 });
    expect(await verifyCentreChains(pool, 'ba-dinh')).toMatchObject({ ok: true, rows: 3 });
  });

  it('the CLI prints the counts; a second import of the centre, or of the same file as another centre, is refused and changes nothing', { timeout: 300_000 }, async () => {
    const { url, pool } = await dbs.fresh();
    const first = await runMotcua(['province', 'import', '--from', fileA, '--store', url, '--centre', 'hoan-kiem', '--province', PROVINCE]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const source = new BetterSqlite3(fileA, { readonly: true });
    for (const spec of IMPORT_PLAN) {
      const n = (source.prepare(`SELECT count(*) AS n FROM ${spec.table}`).get() as { n: number }).n;
      expect(first.stdout).toMatch(new RegExp(`\\n  ${spec.table} +${n}\\n`));
    }
    source.close();
    expect(first.stdout).toMatch(/^imported centre hoan-kiem \(created from the province config\): \d+ rows, source sha256 [0-9a-f]{64}, schema version \d+\n/);
    expect(first.stdout).toMatch(/\nhash chains: ok, \d+ rows\n$/);
    expect(first.stdout).toMatch(/\ndossier files from .*dossier-files: [1-9]\d* scans, [1-9]\d* result files, \d+ bytes into dossier_blobs\n/);
    const before = (await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0];

    const [again, sameFile, unknown, notCreated] = await Promise.all([
      runMotcua(['province', 'import', '--from', fileA, '--store', url, '--centre', 'hoan-kiem', '--province', PROVINCE]),
      runMotcua(['province', 'import', '--from', fileA, '--store', url, '--centre', 'ba-dinh', '--province', PROVINCE]),
      runMotcua(['province', 'import', '--from', fileB, '--store', url, '--centre', 'cau-giay', '--province', PROVINCE]),
      runMotcua(['province', 'import', '--from', fileB, '--store', url, '--centre', 'ba-dinh']),
    ]);
    expect(again).toMatchObject({ code: 4, stdout: '', stderr: expect.stringMatching(/conflict: Trung tâm hoan-kiem đã được nhập lúc .*mỗi trung tâm chỉ nhập một lần\.\nCentre hoan-kiem was imported at .*a centre is imported once\./) });
    expect(sameFile).toMatchObject({ code: 4, stderr: expect.stringMatching(/Tệp này \(SHA-256 [0-9a-f]{12}…\) đã được nhập cho trung tâm hoan-kiem/) });
    expect(unknown).toMatchObject({ code: 3, stderr: expect.stringContaining('không có trung tâm "cau-giay" (có: tp-ha-noi, hoan-kiem, ba-dinh)') });
    expect(notCreated).toMatchObject({ code: 3, stderr: expect.stringContaining('Không có trung tâm "ba-dinh" trong cơ sở dữ liệu tỉnh') });
    expect((await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0]).toEqual(before);
    expect((await pool.query('SELECT centre_id FROM imports')).rows).toEqual([{ centre_id: 'hoan-kiem' }]);
    expect((await pool.query('SELECT id FROM centres')).rows).toEqual([{ id: 'hoan-kiem' }]);
  });

  it('two imports of the same centre racing: exactly one commits, the other is refused', { timeout: 120_000 }, async () => {
    const { url, pool } = await dbs.fresh();
    const results = await Promise.allSettled([dbs.importFile(url, fileB, BA_DINH), dbs.importFile(url, fileB, BA_DINH)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(StoreToolError);
    expect(refused.reason).toMatchObject({ kind: 'conflict' });
    expect((await pool.query('SELECT count(*)::int AS n FROM tickets')).rows).toEqual([{ n: 3 }]);
  });

  it('a dossier file that is absent or not the bytes its row describes is listed and not imported; the others are', { timeout: 120_000 }, async () => {
    const { url, pool } = await dbs.fresh();
    const dir = path.join(tmp.dir, 'changed');
    mkdirSync(dir);
    const file = path.join(dir, 'hub.sqlite');
    copyFileSync(fileA, file);
    cpSync(path.join(path.dirname(fileA), 'dossier-files'), path.join(dir, 'dossier-files'), { recursive: true });
    const db = new BetterSqlite3(file);
    db.prepare(`UPDATE dossier_files SET uploaded_by = 'quay-2'`).run(); // another file's content: not "the same file"
    const scan = db.prepare('SELECT dossier_code, sha256 FROM dossier_files ORDER BY dossier_code').get() as { dossier_code: string; sha256: string };
    const result = db.prepare('SELECT dossier_code, sha256 FROM dossier_results ORDER BY id').get() as { dossier_code: string; sha256: string };
    const counts = { scans: db.prepare('SELECT count(*) FROM dossier_files').pluck().get() as number, results: db.prepare('SELECT count(*) FROM dossier_results').pluck().get() as number };
    db.close();
    writeFileSync(path.join(dir, 'dossier-files', `${scan.dossier_code}.pdf`), '%PDF-1.7 another scan');
    rmSync(path.join(dir, 'dossier-files', 'results', result.dossier_code, `${result.sha256}.pdf`));

    const report = await dbs.importFile(url, file, HOAN_KIEM);
    expect(report.files).toMatchObject({ scans: counts.scans - 1, results: counts.results - 1, missing: [`${scan.dossier_code} scan ${scan.sha256}`, `${result.dossier_code} result ${result.sha256}`] });
    expect((await pool.query('SELECT count(*)::int AS n FROM dossier_blobs')).rows[0]).toEqual({ n: counts.scans + counts.results - 2 });
  });

  it('a row PostgreSQL refuses half-way through leaves nothing behind: no rows, no record, no centre; the good file imports afterwards', { timeout: 120_000 }, async () => {
    const { url, pool } = await dbs.fresh();
    const corrupt = path.join(tmp.dir, 'corrupt.sqlite');
    copyFileSync(fileA, corrupt);
    const db = new BetterSqlite3(corrupt);
    // SQLite keeps a NUL inside text; PostgreSQL's text cannot hold one. dossier_files comes after tickets, events, dossiers…
    db.prepare(`UPDATE dossier_files SET uploaded_by = 'counter' || char(0) || '-1'`).run();
    const code = db.prepare('SELECT dossier_code FROM dossier_files').pluck().get() as string;
    db.close();

    const failed = dbs.importFile(url, corrupt, HOAN_KIEM);
    await expect(failed).rejects.toBeInstanceOf(StoreToolError);
    await expect(failed).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringContaining(`Bảng dossier_files, dòng dossier_code="${code}": PostgreSQL từ chối`),
    });
    for (const table of [...IMPORT_PLAN.map((t) => t.table), 'imports', 'centres']) {
      expect((await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0], table).toEqual({ n: 0 });
    }
    const ok = await dbs.importFile(url, fileA, HOAN_KIEM);
    expect(ok.rows.tickets).toBe(6);
    expect(await verifyCentreChains(pool, 'hoan-kiem')).toMatchObject({ ok: true });
  });

  it('refuses a file newer than this build, a file that is not a hub database, a broken chain, a hub still running, and a province database not migrated', { timeout: 120_000 }, async () => {
    const newer = path.join(tmp.dir, 'newer.sqlite');
    copyFileSync(fileB, newer);
    const n = new BetterSqlite3(newer);
    n.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    n.close();
    expect(() => openSqliteSnapshot(newer)).toThrow(expect.objectContaining({ kind: 'conflict', message: expect.stringContaining(`ở phiên bản ${MIGRATIONS.length + 1}, mới hơn bản motcua này`) }));

    const text = path.join(tmp.dir, 'not-a-db.sqlite');
    copyFileSync(path.resolve(PROVINCE), text);
    expect(() => openSqliteSnapshot(text)).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
    expect(() => openSqliteSnapshot(path.join(tmp.dir, 'absent.sqlite'))).toThrow(expect.objectContaining({ kind: 'not-found' }));

    const broken = path.join(tmp.dir, 'broken.sqlite');
    copyFileSync(fileA, broken);
    const b = new BetterSqlite3(broken);
    b.prepare(`UPDATE dossier_history SET note = 'sửa sau' WHERE id = 2`).run();
    b.close();
    expect(() => openSqliteSnapshot(broken)).toThrow(expect.objectContaining({ kind: 'invalid-input', message: expect.stringContaining('Chuỗi băm của') }));

    // A hub still running on the file (its write-ahead log open beside it): refused, its later writes would be lost.
    const live = path.join(tmp.dir, 'live.sqlite');
    copyFileSync(fileB, live);
    const running = new BetterSqlite3(live);
    try {
      running.pragma('journal_mode = WAL');
      running.prepare(`INSERT INTO config_digests (section, digest, recorded_at) VALUES ('later', ?, ?)`).run('a'.repeat(64), new Date().toISOString());
      expect(() => openSqliteSnapshot(live)).toThrow(expect.objectContaining({ kind: 'conflict', message: expect.stringContaining('live.sqlite-wal') }));
    } finally {
      running.close();
    }
    expect(openSqliteSnapshot(live).close()).toBeUndefined(); // closed cleanly: the log is gone

    // An older file: its copy is migrated, the file itself is left as it was.
    const older = path.join(tmp.dir, 'older.sqlite');
    const o = new BetterSqlite3(older);
    migrate(o, MIGRATIONS.slice(0, 12));
    o.close();
    const snap = openSqliteSnapshot(older);
    try {
      expect(snap.sourceVersion).toBe(12);
      expect(snap.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      snap.close();
    }
    const again = new BetterSqlite3(older, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(12);
    again.close();

    const url = await dbs.server.createDatabase('import_unmigrated');
    await expect(dbs.importFile(url, fileB, BA_DINH)).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('chạy "motcua migrate --store …" trước') });
  });
});
