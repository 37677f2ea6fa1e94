import type { Database } from 'better-sqlite3';
import { CHAINED_TABLES, chainHash, GENESIS_HASH, type ChainedTable, type ChainRow } from './hash-chain';

/** The first link of a chain that does not hold: where it is and what differs. */
export interface BrokenLink {
  readonly table: string;
  readonly rowId: number;
  readonly problem: string;
}

export type ChainReport = { readonly ok: true; readonly rows: number } | { readonly ok: false; readonly rows: number; readonly broken: BrokenLink };

/** A chained row deleted by the retention purge, as the purge recorded it on the audit log. */
export interface PurgedLink {
  readonly id: number;
  readonly prev_hash: string | null;
  readonly hash: string | null;
}

type StoredRow = ChainRow & { readonly prev_hash: string | null; readonly hash: string | null };

/**
 * Walks one chain in id order. An edited row no longer matches its hash; a deleted or moved row
 * leaves the next row's prev_hash pointing at a hash that is not the row before it.
 */
export function verifyChain(db: Database, spec: ChainedTable, purged: ReadonlyMap<string, string> = new Map()): ChainReport {
  const rows = db.prepare(`SELECT ${spec.columns.join(', ')}, prev_hash, hash FROM ${spec.table} ORDER BY id`).iterate() as IterableIterator<StoredRow>;
  let prev = GENESIS_HASH;
  let prevId: number | null = null;
  let count = 0;
  for (const row of rows) {
    const id = Number(row.id);
    const broken = (problem: string): ChainReport => ({ ok: false, rows: count, broken: { table: spec.table, rowId: id, problem } });
    // Rows the retention purge deleted are bridged only through the links it put on the (chained) audit log.
    while (row.prev_hash !== prev && purged.has(prev)) prev = purged.get(prev)!;
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
  const purged = purgedLinks(db);
  for (const spec of CHAINED_TABLES) {
    const r = verifyChain(db, spec, spec.table === 'dossier_history' ? purged : new Map());
    if (!r.ok) return { ...r, rows: rows + r.rows };
    rows += r.rows;
  }
  return { ok: true, rows };
}

/** prev_hash → hash of each dossier_history row the retention purge deleted (from its audit_log entries). */
function purgedLinks(db: Database): Map<string, string> {
  const links = new Map<string, string>();
  const rows = db.prepare(`SELECT detail_json FROM audit_log WHERE action = 'privacy.purge' ORDER BY id`).pluck().all() as string[];
  for (const json of rows) {
    const history = (JSON.parse(json) as { detail?: { purgedHistory?: PurgedLink[] } }).detail?.purgedHistory ?? [];
    for (const l of history) if (l.prev_hash && l.hash) links.set(l.prev_hash, l.hash);
  }
  return links;
}

function short(hash: string | null): string {
  return hash === null ? '(none)' : `${hash.slice(0, 12)}…`;
}
