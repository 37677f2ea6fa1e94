import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { StoreToolError } from '../tool-error';
import { PG_ONLY_COLUMNS } from '../migrations';
import type { IdOffsets, ImportedTable, SourceValue as Value } from './import-plan';

type Queryable = Pick<pg.ClientBase, 'query'>;

/** PostgreSQL takes at most 65,535 parameters a statement; 500 rows keep statements small besides. */
const MAX_PARAMS = 60_000;
const MAX_ROWS = 500;

/**
 * Copies one table of the SQLite copy into PostgreSQL, in key order and in batches: each value
 * as it is (the two schemas hold the same values, docs/province.md), the centre's id added where
 * the table has centre_id, identity ids and the columns referring to them shifted by their
 * table's offset, and what the plan's `rewrite` says of the row (ids inside a command's answer),
 * which may refuse it (`invalid-input`, naming the row). A batch PostgreSQL refuses is tried again
 * row by row, so the refusal names the row (a duplicate key across centres: `conflict`; anything
 * else: `invalid-input`). Returns the rows copied.
 */
export async function copyTable(db: Queryable, source: Database, spec: ImportedTable, centreId: string, offsets: IdOffsets): Promise<number> {
  const columns = (source.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(spec.table) as string[]);
  await checkColumns(db, spec, columns);
  const target = spec.perCentre ? ['centre_id', ...columns] : columns;
  const shift = columns.map((c) => {
    const table = c === 'id' && spec.identity ? spec.table : spec.refs[c];
    return table === undefined ? 0 : offsets[table]!.offset;
  });
  const mapRow = (row: Value[]): Value[] => {
    const values = row.map((v, i) => (v === null || shift[i] === 0 ? v : Number(v) + shift[i]!));
    if (spec.rewrite) rewriteRow(spec, columns, row, values, offsets);
    return spec.perCentre ? [centreId, ...values] : values;
  };
  const perBatch = Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / target.length));
  const rows = source.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(spec.table)} ORDER BY ${spec.key.map(quote).join(', ')}`).raw().iterate() as IterableIterator<Value[]>;
  let batch: Value[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await insertBatch(db, spec, target, batch.map(mapRow), batch);
    copied += batch.length;
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  return copied;
}

/** Applies the plan's rewrite of one row to its values (in place), or refuses the row by its key. */
function rewriteRow(spec: ImportedTable, columns: readonly string[], sourceRow: readonly Value[], values: Value[], offsets: IdOffsets): void {
  const r = spec.rewrite!(Object.fromEntries(columns.map((c, i) => [c, sourceRow[i]!])), offsets);
  if (!r.ok) {
    const key = keyOf(spec, columns, sourceRow);
    throw new StoreToolError('invalid-input', `Bảng ${spec.table}, dòng ${key}: ${r.vi}. Không nhập gì.`, `Table ${spec.table}, row ${key}: ${r.en}. Nothing imported.`);
  }
  for (const [column, value] of Object.entries(r.values)) {
    const i = columns.indexOf(column);
    if (i < 0) throw new Error(`import plan: ${spec.table} has no column ${column} to rewrite`);
    values[i] = value;
  }
}

async function insertBatch(db: Queryable, spec: ImportedTable, columns: readonly string[], rows: readonly Value[][], sourceRows: readonly Value[][]): Promise<void> {
  await db.query('SAVEPOINT import_batch');
  try {
    await insert(db, spec.table, columns, rows);
    await db.query('RELEASE SAVEPOINT import_batch');
    return;
  } catch (e) {
    await db.query('ROLLBACK TO SAVEPOINT import_batch');
    // Find the row: each alone, until one is refused.
    for (let i = 0; i < rows.length; i++) {
      await db.query('SAVEPOINT import_row');
      try {
        await insert(db, spec.table, columns, [rows[i]!]);
        await db.query('RELEASE SAVEPOINT import_row');
      } catch (rowError) {
        throw refusal(spec, columns, sourceRows[i]!, rowError);
      }
    }
    throw refusal(spec, columns, sourceRows[0]!, e);
  }
}

function insert(db: Queryable, table: string, columns: readonly string[], rows: readonly Value[][]): Promise<unknown> {
  const params: Value[] = [];
  const tuples = rows.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
  return db.query(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

/** The refused row by its key as it was in the SQLite file, and PostgreSQL's reason. */
function refusal(spec: ImportedTable, columns: readonly string[], sourceRow: readonly Value[], e: unknown): StoreToolError {
  const key = keyOf(spec, spec.perCentre ? columns.slice(1) : columns, sourceRow);
  const { code, message, detail } = e as { code?: string; message: string; detail?: string };
  const why = detail ? `${message} (${detail})` : message;
  if (code === '23505') {
    return new StoreToolError('conflict', `Bảng ${spec.table}, dòng ${key}: trùng khoá với dữ liệu đã có trong cơ sở dữ liệu tỉnh — ${why}. Không nhập gì.`, `Table ${spec.table}, row ${key}: its key is already taken in the province database — ${why}. Nothing imported.`);
  }
  return new StoreToolError('invalid-input', `Bảng ${spec.table}, dòng ${key}: PostgreSQL từ chối — ${why}. Không nhập gì.`, `Table ${spec.table}, row ${key}: refused by PostgreSQL — ${why}. Nothing imported.`);
}

/** A row named by its key's values as the SQLite file holds them: `command_id="…"`. */
function keyOf(spec: ImportedTable, sourceColumns: readonly string[], sourceRow: readonly Value[]): string {
  return spec.key.map((k) => `${k}=${JSON.stringify(sourceRow[sourceColumns.indexOf(k)] ?? null)}`).join(', ');
}

/** The PostgreSQL table has the SQLite table's columns, plus centre_id where planned and the columns the database keeps itself (PG_ONLY_COLUMNS), and nothing else. */
async function checkColumns(db: Queryable, spec: ImportedTable, columns: readonly string[]): Promise<void> {
  const { rows } = await db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, [spec.table]);
  const pg = new Set(rows.map((r) => r.column_name));
  const expected = new Set(spec.perCentre ? ['centre_id', ...columns] : columns);
  const missing = [...expected].filter((c) => !pg.has(c));
  const extra = [...pg].filter((c) => !expected.has(c) && !(PG_ONLY_COLUMNS[spec.table] ?? []).includes(c));
  if (missing.length > 0 || extra.length > 0) {
    const what = `${spec.table}: ${missing.length > 0 ? `missing ${missing.join(', ')}` : ''}${extra.length > 0 ? ` extra ${extra.join(', ')}` : ''}`.trim();
    throw new StoreToolError('internal', `Bảng trong cơ sở dữ liệu tỉnh khác bảng của tệp SQLite (${what}).`, `A table of the province database differs from the SQLite file's (${what}).`);
  }
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
