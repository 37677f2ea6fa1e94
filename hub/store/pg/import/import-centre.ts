import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { AUDIT_LOG_CHAIN, chainHash, GENESIS_HASH } from '../../../audit/hash-chain';
import { pgSchemaVersion } from '../connect';
import { PG_MIGRATIONS } from '../migrations';
import { StoreToolError } from '../tool-error';
import { copyTable } from './copy-table';
import { importDossierFiles, type ImportedFiles } from './import-files';
import { IMPORT_PLAN, SQLITE_INTERNAL_TABLES, type IdOffset, type IdOffsets } from './import-plan';
import type { SqliteSnapshot } from './sqlite-snapshot';

type Queryable = Pick<pg.ClientBase, 'query'>;

export interface ImportOptions {
  /** The centre's id in the province; `name` (from the province config) creates its centres row if absent. */
  readonly centre: { readonly id: string; readonly name?: string };
  /** Who ran it, for the imports row and the audit log: `cli:<os user>`. */
  readonly importedBy: string;
  readonly now: Date;
  /** The centre's `dossier-files` directory: its scans and result files go into dossier_blobs too. Absent: rows only. */
  readonly filesDir?: string;
}

export interface ImportReport {
  readonly centreId: string;
  readonly createdCentre: boolean;
  readonly sha256: string;
  readonly sourceVersion: number;
  /** Rows copied per table, in the plan's order. */
  readonly rows: Readonly<Record<string, number>>;
  readonly offsets: IdOffsets;
  /** The centre's last event seq after the import: its next event is this + 1. */
  readonly lastEventSeq: number;
  /** The audit_log row recording the import, appended to the centre's chain. */
  readonly auditId: number;
  /** The dossier files carried into dossier_blobs, when a directory was given. */
  readonly files: ImportedFiles | null;
}

/**
 * Moves one centre's SQLite data into the province database in ONE transaction: either every
 * row, the imports record and the audit entry commit, or nothing does. See docs/province.md
 * ("Import") for the id mapping and the chains.
 */
export async function importCentre(db: Queryable, snapshot: SqliteSnapshot, options: ImportOptions): Promise<ImportReport> {
  checkPlanCoversFile(snapshot.db);
  await checkSchemaCurrent(db);
  await db.query('BEGIN');
  try {
    const report = await importInTransaction(db, snapshot, options);
    await db.query('COMMIT');
    return report;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    if (e instanceof StoreToolError) throw e;
    const code = (e as { code?: string }).code;
    if (code === '23505') {
      throw new StoreToolError('conflict', `Trung tâm ${options.centre.id} hoặc tệp này vừa được nhập bởi một lần chạy khác: không nhập lần hai.`, `Centre ${options.centre.id} or this file was just imported by another run: not imported twice.`);
    }
    throw e;
  }
}

async function importInTransaction(db: Queryable, snap: SqliteSnapshot, options: ImportOptions): Promise<ImportReport> {
  const centreId = options.centre.id;
  const at = options.now.toISOString();
  const createdCentre = await lockCentre(db, options.centre, at);
  await refuseSecondImport(db, centreId, snap.sha256);
  // The record first: a concurrent import of the same centre or file waits on its unique keys, then fails.
  const inserted = await db.query<{ id: number }>(
    `INSERT INTO imports (centre_id, source_sha256, source_file, source_version, row_counts_json, id_offsets_json, imported_at, imported_by)
     VALUES ($1, $2, $3, $4, '{}', '{}', $5, $6) RETURNING id`,
    [centreId, snap.sha256, path.basename(snap.source), snap.sourceVersion, at, options.importedBy],
  );
  await refuseCentreWithData(db, centreId);

  // Other centres' hubs keep reading; their inserts into these tables wait until this commits, so
  // the id ranges taken below stay this import's alone.
  const identityTables = IMPORT_PLAN.filter((t) => t.identity).map((t) => t.table);
  await db.query(`LOCK TABLE ${identityTables.join(', ')} IN EXCLUSIVE MODE`);
  const offsets: Record<string, IdOffset> = {};
  for (const table of identityTables) {
    const sourceMax = (snap.db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${table}`).get() as { m: number }).m;
    const offset = await highestIdTaken(db, table);
    offsets[table] = { offset, last: offset + sourceMax };
  }

  const rows: Record<string, number> = {};
  for (const spec of IMPORT_PLAN) rows[spec.table] = await copyTable(db, snap.db, spec, centreId, offsets);
  const files = options.filesDir === undefined ? null : await importDossierFiles(db, snap.db, options.filesDir);

  for (const table of identityTables) {
    const o = offsets[table]!;
    if (o.last > o.offset) await db.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`, [table, o.last]);
  }
  const lastEventSeq = sourceLastEventSeq(snap.db);
  await db.query('UPDATE centres SET last_event_seq = $2 WHERE id = $1', [centreId, lastEventSeq]);

  const fileCounts = files && { scans: files.scans, results: files.results, bytes: files.bytes, missing: files.missing };
  const auditId = await appendImportAudit(db, centreId, options, { sourceSha256: snap.sha256, sourceFile: path.basename(snap.source), sourceVersion: snap.sourceVersion, rows, offsets, ...(fileCounts ? { files: fileCounts } : {}) });
  await db.query('UPDATE imports SET row_counts_json = $2, id_offsets_json = $3 WHERE id = $1', [inserted.rows[0]!.id, JSON.stringify(rows), JSON.stringify(offsets)]);
  return { centreId, createdCentre, sha256: snap.sha256, sourceVersion: snap.sourceVersion, rows, offsets, lastEventSeq, auditId, files };
}

/** Every table of the file is in the plan, and every table of the plan in the file: nothing is left behind silently. */
export function checkPlanCoversFile(db: Database): void {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  const planned = new Set(IMPORT_PLAN.map((t) => t.table));
  const unplanned = tables.filter((t) => !planned.has(t) && !SQLITE_INTERNAL_TABLES.includes(t));
  const absent = [...planned].filter((t) => !tables.includes(t));
  if (unplanned.length > 0 || absent.length > 0) {
    const what = [unplanned.length > 0 ? `tables not in the import plan: ${unplanned.join(', ')}` : '', absent.length > 0 ? `planned tables missing from the file: ${absent.join(', ')}` : ''].filter(Boolean).join('; ');
    throw new StoreToolError('internal', `Bản motcua này chưa biết cách nhập mọi bảng của tệp (${what}).`, `This motcua cannot import every table of the file (${what}).`);
  }
}

async function checkSchemaCurrent(db: Queryable): Promise<void> {
  const version = await pgSchemaVersion(db);
  const latest = PG_MIGRATIONS.length;
  if (version > latest) {
    throw new StoreToolError('conflict', `Cơ sở dữ liệu tỉnh ở phiên bản ${version}, mới hơn bản motcua này (${latest}): hãy nâng cấp motcua.`, `The province database is at schema version ${version}, newer than this motcua knows (${latest}): upgrade motcua.`);
  }
  if (version < latest) {
    throw new StoreToolError('conflict', `Cơ sở dữ liệu tỉnh ở phiên bản ${version}, cần ${latest}: chạy "motcua migrate --store …" trước.`, `The province database is at schema version ${version}, this import needs ${latest}: run "motcua migrate --store …" first.`);
  }
}

/** Takes the centre's row lock (creating the row from the province config if needed); true if created. */
async function lockCentre(db: Queryable, centre: ImportOptions['centre'], at: string): Promise<boolean> {
  let created = false;
  if (centre.name !== undefined) {
    const r = await db.query('INSERT INTO centres (id, name, last_event_seq, created_at) VALUES ($1, $2, 0, $3) ON CONFLICT (id) DO NOTHING', [centre.id, centre.name, at]);
    created = r.rowCount === 1;
  }
  const { rows } = await db.query('SELECT id FROM centres WHERE id = $1 FOR UPDATE', [centre.id]);
  if (rows.length === 0) {
    throw new StoreToolError('not-found', `Không có trung tâm "${centre.id}" trong cơ sở dữ liệu tỉnh: cho biết tệp cấu hình tỉnh (--province) để tạo nó.`, `No centre "${centre.id}" in the province database: give the province config (--province) to create it.`);
  }
  return created;
}

async function refuseSecondImport(db: Queryable, centreId: string, sha256: string): Promise<void> {
  const { rows } = await db.query<{ centre_id: string; source_sha256: string; source_file: string; imported_at: string }>(
    'SELECT centre_id, source_sha256, source_file, imported_at FROM imports WHERE centre_id = $1 OR source_sha256 = $2 ORDER BY id LIMIT 1',
    [centreId, sha256],
  );
  const prior = rows[0];
  if (!prior) return;
  if (prior.centre_id === centreId) {
    throw new StoreToolError('conflict', `Trung tâm ${centreId} đã được nhập lúc ${prior.imported_at} (tệp ${prior.source_file}): mỗi trung tâm chỉ nhập một lần.`, `Centre ${centreId} was imported at ${prior.imported_at} (file ${prior.source_file}): a centre is imported once.`);
  }
  throw new StoreToolError('conflict', `Tệp này (SHA-256 ${sha256.slice(0, 12)}…) đã được nhập cho trung tâm ${prior.centre_id} lúc ${prior.imported_at}: không nhập lần hai.`, `This file (SHA-256 ${sha256.slice(0, 12)}…) was imported for centre ${prior.centre_id} at ${prior.imported_at}: not imported twice.`);
}

/** A centre a hub already ran for in the province database: merging two histories is not an import. */
async function refuseCentreWithData(db: Queryable, centreId: string): Promise<void> {
  for (const spec of IMPORT_PLAN.filter((t) => t.perCentre)) {
    const { rows } = await db.query(`SELECT 1 FROM ${spec.table} WHERE centre_id = $1 LIMIT 1`, [centreId]);
    if (rows.length > 0) {
      throw new StoreToolError('conflict', `Trung tâm ${centreId} đã có dữ liệu trong cơ sở dữ liệu tỉnh (bảng ${spec.table}): chỉ nhập vào một trung tâm chưa có dữ liệu.`, `Centre ${centreId} already has data in the province database (table ${spec.table}): import only into a centre without data.`);
    }
  }
}

/** The highest id of the table or its identity ever handed out (a rolled-back insert's id included). */
async function highestIdTaken(db: Queryable, table: string): Promise<number> {
  const { rows } = await db.query<{ m: number }>(
    `SELECT greatest(
       (SELECT coalesce(max(id), 0) FROM ${table}),
       (SELECT coalesce(s.last_value, 0) FROM pg_sequences s WHERE format('%I.%I', s.schemaname, s.sequencename)::regclass = pg_get_serial_sequence($1, 'id')::regclass)
     )::bigint AS m`,
    [table],
  );
  return Number(rows[0]!.m);
}

/** The file's last event seq: AUTOINCREMENT's counter, which is past max(seq) if the last events were ever deleted. */
function sourceLastEventSeq(db: Database): number {
  const max = (db.prepare('SELECT coalesce(max(seq), 0) AS m FROM events').get() as { m: number }).m;
  const counter = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'events'`).pluck().get() as number | undefined;
  return Math.max(max, counter ?? 0);
}

/** Appends `province.import` to the centre's audit chain, after the imported rows: the chain goes on unbroken. */
async function appendImportAudit(db: Queryable, centreId: string, options: ImportOptions, detail: Record<string, unknown>): Promise<number> {
  const head = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE centre_id = $1 ORDER BY id DESC LIMIT 1', [centreId]);
  const heads = await db.query<{ hash: string | null }>('SELECT hash FROM dossier_history WHERE centre_id = $1 ORDER BY id DESC LIMIT 1', [centreId]);
  const prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
  const next = await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::bigint AS id`);
  const row = {
    id: Number(next.rows[0]!.id),
    at: options.now.toISOString(),
    actor: options.importedBy,
    action: 'province.import',
    subject: centreId,
    detail_json: JSON.stringify({ ...detail, chainHeads: { audit_log: prevHash, dossier_history: heads.rows[0]?.hash ?? GENESIS_HASH } }),
  };
  const hash = chainHash(prevHash, row, AUDIT_LOG_CHAIN.columns);
  await db.query('INSERT INTO audit_log (id, centre_id, at, actor, action, subject, detail_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    row.id, centreId, row.at, row.actor, row.action, row.subject, row.detail_json, prevHash, hash,
  ]);
  return row.id;
}
