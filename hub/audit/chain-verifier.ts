import type { Database } from 'better-sqlite3';
import { CHAINED_TABLES, chainHash, GENESIS_HASH, type ChainedTable, type ChainRow } from './hash-chain';

/** The first link of a chain that does not hold: where it is and what differs. */
export interface BrokenLink {
  readonly table: string;
  readonly rowId: number;
  readonly problem: string;
}

export type ChainReport = { readonly ok: true; readonly rows: number } | { readonly ok: false; readonly rows: number; readonly broken: BrokenLink };

type StoredRow = ChainRow & { readonly prev_hash: string | null; readonly hash: string | null };

/**
 * Walks one chain in id order. An edited row no longer matches its hash; a deleted or moved row
 * leaves the next row's prev_hash pointing at a hash that is not the row before it.
 */
export function verifyChain(db: Database, spec: ChainedTable): ChainReport {
  const rows = db.prepare(`SELECT ${spec.columns.join(', ')}, prev_hash, hash FROM ${spec.table} ORDER BY id`).iterate() as IterableIterator<StoredRow>;
  let prev = GENESIS_HASH;
  let prevId: number | null = null;
  let count = 0;
  for (const row of rows) {
    const id = Number(row.id);
    const broken = (problem: string): ChainReport => ({ ok: false, rows: count, broken: { table: spec.table, rowId: id, problem } });
    if (row.prev_hash !== prev) {
      const before = prevId === null ? 'the start of the chain' : `row ${prevId}`;
      return broken(`prev_hash ${short(row.prev_hash)} does not match ${before} (${short(prev)}): a row before it was deleted, inserted or moved`);
    }
    const expected = chainHash(prev, row, spec.columns);
    if (row.hash !== expected) return broken(`hash ${short(row.hash)} does not match the row's content (${short(expected)}): the row was changed`);
    prev = expected;
    prevId = id;
    count += 1;
  }
  return { ok: true, rows: count };
}

/** Every chain of the hub's database; stops at the first broken link. */
export function verifyAllChains(db: Database): ChainReport {
  let rows = 0;
  for (const spec of CHAINED_TABLES) {
    const r = verifyChain(db, spec);
    if (!r.ok) return { ...r, rows: rows + r.rows };
    rows += r.rows;
  }
  return { ok: true, rows };
}

function short(hash: string | null): string {
  return hash === null ? '(none)' : `${hash.slice(0, 12)}…`;
}
