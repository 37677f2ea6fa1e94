import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** The prev_hash of a chain's first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** A hash-chained table: which columns a row's hash covers (its id included, so a reorder shows). */
export interface ChainedTable {
  readonly table: string;
  /** Every column but prev_hash and hash; the hash covers these and nothing else. */
  readonly columns: readonly string[];
  /**
   * Columns added after the chain began: stored and read with the others, hashed only when not
   * null. A row written before them (null there) keeps the hash it was given, so old chains still
   * verify; a row written with them has them in its hash (clearing one later breaks the hash).
   */
  readonly laterColumns?: readonly string[];
}

/** Every stored column of a chained table but prev_hash and hash: what is read and written. */
export function storedColumns(spec: ChainedTable): readonly string[] {
  return [...spec.columns, ...(spec.laterColumns ?? [])];
}

/** The columns a row's hash covers: the table's columns, and the later ones the row has a value in. */
export function hashedColumns(spec: ChainedTable, row: ChainRow): readonly string[] {
  const later = (spec.laterColumns ?? []).filter((c) => row[c] !== null && row[c] !== undefined);
  return later.length === 0 ? spec.columns : [...spec.columns, ...later];
}

export const DOSSIER_HISTORY_CHAIN: ChainedTable = {
  table: 'dossier_history',
  columns: ['id', 'dossier_code', 'at', 'action', 'from_status', 'to_status', 'device_id', 'role', 'actor_name', 'note', 'new_due_at'],
  // The unit that acted (issue 13): SQLite migration 0024, PostgreSQL 0015.
  laterColumns: ['unit_kind', 'unit_id', 'unit_name'],
};

export const AUDIT_LOG_CHAIN: ChainedTable = {
  table: 'audit_log',
  columns: ['id', 'at', 'actor', 'action', 'subject', 'detail_json'],
};

export const CHAINED_TABLES: readonly ChainedTable[] = [DOSSIER_HISTORY_CHAIN, AUDIT_LOG_CHAIN];

export type ChainValue = string | number | null;
export type ChainRow = Readonly<Record<string, ChainValue>>;

/** JSON with the keys in code-point order and no spaces: the same row always gives the same text. */
export function canonicalJson(row: ChainRow, columns: readonly string[]): string {
  const sorted = [...columns].sort();
  return `{${sorted.map((c) => `${JSON.stringify(c)}:${JSON.stringify(row[c] ?? null)}`).join(',')}}`;
}

/** hash = SHA-256(prev_hash || canonical JSON of the row), hex. */
export function chainHash(prevHash: string, row: ChainRow, columns: readonly string[]): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(row, columns), 'utf8').digest('hex');
}

/**
 * Appends rows to one chained table. The caller runs it inside the transaction that writes the
 * row, so the head it reads is the head it extends (SQLite has one writer at a time).
 */
export class ChainAppender {
  private readonly headStmt;
  private readonly insertStmt;

  constructor(db: Database, private readonly spec: ChainedTable) {
    this.headStmt = db.prepare<[], { id: number; hash: string | null }>(`SELECT id, hash FROM ${spec.table} ORDER BY id DESC LIMIT 1`);
    const all = [...storedColumns(spec), 'prev_hash', 'hash'];
    this.insertStmt = db.prepare(`INSERT INTO ${spec.table} (${all.join(', ')}) VALUES (${all.map((c) => `@${c}`).join(', ')})`);
  }

  /** Inserts the row (without its id: the next one is taken) and returns its id and hash. */
  append(values: ChainRow): { id: number; hash: string } {
    const head = this.headStmt.get();
    const id = (head?.id ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const row = { ...Object.fromEntries(storedColumns(this.spec).map((c) => [c, values[c] ?? null])), id };
    const hash = chainHash(prevHash, row, hashedColumns(this.spec, row));
    this.insertStmt.run({ ...row, prev_hash: prevHash, hash });
    return { id, hash };
  }
}

/** Chains every row of a table in id order, overwriting prev_hash and hash (the migration's first chaining). */
export function chainExistingRows(db: Database, spec: ChainedTable): number {
  // The columns of the table as this migration knows it (later columns come with later migrations).
  const rows = db.prepare(`SELECT ${spec.columns.join(', ')} FROM ${spec.table} ORDER BY id`).all() as ChainRow[];
  const update = db.prepare(`UPDATE ${spec.table} SET prev_hash = ?, hash = ? WHERE id = ?`);
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const hash = chainHash(prev, row, spec.columns);
    update.run(prev, hash, row.id);
    prev = hash;
  }
  return rows.length;
}
