import type { Database } from 'better-sqlite3';
import { CHAINED_TABLES, chainHash, GENESIS_HASH, hashedColumns, storedColumns, type ChainedTable, type ChainRow } from './hash-chain';

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

export type StoredRow = ChainRow & { readonly prev_hash: string | null; readonly hash: string | null };

/**
 * Checks one chain's rows fed in id order, a row at a time (so a store that pages its rows can
 * feed them). `hashedId` gives the id a row's hash covers: its own, except for rows a province
 * import moved, whose hash covers the id they had in the centre's SQLite file.
 */
export class ChainWalker {
  private prev = GENESIS_HASH;
  private prevId: number | null = null;
  private count = 0;
  private broken: BrokenLink | null = null;

  constructor(
    private readonly spec: ChainedTable,
    private readonly purged: ReadonlyMap<string, string> = new Map(),
    private readonly hashedId: (id: number) => number = (id) => id,
  ) {}

  /** Feeds the next row; false once a link is broken (later rows are not looked at). */
  push(row: StoredRow): boolean {
    if (this.broken) return false;
    const id = Number(row.id);
    // Rows the retention purge deleted are bridged only through the links it put on the (chained) audit log.
    while (row.prev_hash !== this.prev && this.purged.has(this.prev)) this.prev = this.purged.get(this.prev)!;
    if (row.prev_hash !== this.prev) {
      const before = this.prevId === null ? 'the start of the chain' : `row ${this.prevId}`;
      this.broken = { table: this.spec.table, rowId: id, problem: `prev_hash ${short(row.prev_hash)} does not match ${before} (${short(this.prev)}): a row before it was deleted, inserted or moved` };
      return false;
    }
    const expected = chainHash(this.prev, { ...row, id: this.hashedId(id) }, hashedColumns(this.spec, row));
    if (row.hash !== expected) {
      this.broken = { table: this.spec.table, rowId: id, problem: `hash ${short(row.hash)} does not match the row's content (${short(expected)}): the row was changed` };
      return false;
    }
    this.prev = expected;
    this.prevId = id;
    this.count += 1;
    return true;
  }

  /** The last hash of the chain so far (the genesis hash before any row). */
  get head(): string {
    return this.prev;
  }

  report(): ChainReport {
    return this.broken ? { ok: false, rows: this.count, broken: this.broken } : { ok: true, rows: this.count };
  }
}

/**
 * Walks one chain in id order. An edited row no longer matches its hash; a deleted or moved row
 * leaves the next row's prev_hash pointing at a hash that is not the row before it.
 */
export function verifyChain(db: Database, spec: ChainedTable, purged: ReadonlyMap<string, string> = new Map()): ChainReport {
  // A database not yet migrated to a later column is read without it (its rows have none).
  const present = new Set((db.pragma(`table_info(${spec.table})`) as { name: string }[]).map((c) => c.name));
  const columns = storedColumns(spec).filter((c) => present.has(c));
  const rows = db.prepare(`SELECT ${columns.join(', ')}, prev_hash, hash FROM ${spec.table} ORDER BY id`).iterate() as IterableIterator<StoredRow>;
  const walker = new ChainWalker(spec, purged);
  for (const row of rows) if (!walker.push(row)) break;
  return walker.report();
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
  return purgedLinksOf(db.prepare(`SELECT detail_json FROM audit_log WHERE action = 'privacy.purge' ORDER BY id`).pluck().all() as string[]);
}

/** The purge's links from the detail_json of its audit_log rows, in id order. */
export function purgedLinksOf(rows: readonly string[]): Map<string, string> {
  const links = new Map<string, string>();
  for (const json of rows) {
    const history = (JSON.parse(json) as { detail?: { purgedHistory?: PurgedLink[] } }).detail?.purgedHistory ?? [];
    for (const l of history) if (l.prev_hash && l.hash) links.set(l.prev_hash, l.hash);
  }
  return links;
}

function short(hash: string | null): string {
  return hash === null ? '(none)' : `${hash.slice(0, 12)}…`;
}
