import { ChainWalker, purgedLinksOf, type ChainReport, type StoredRow } from '../../audit/chain-verifier';
import { AUDIT_LOG_CHAIN, DOSSIER_HISTORY_CHAIN, storedColumns, type ChainedTable } from '../../audit/hash-chain';
import { sourceIdOf, type IdOffsets } from './import/import-plan';
import type { Queryable } from './queryable';

/** Rows read per round trip while walking a chain. */
const PAGE = 2000;

/**
 * Walks one centre's two hash chains in the province database (audit_log, dossier_history: one
 * chain each per centre, in id order), as `motcua audit verify` walks a centre's SQLite file.
 * Rows that `motcua province import` moved keep the hash SQLite gave them, which covers their
 * SQLite id: the import's recorded offsets give that id back (hub/store/pg/import/import-plan.ts).
 * Rows written in the province database hash their own id. Stops at the first broken link.
 */
export async function verifyCentreChains(db: Queryable, centreId: string): Promise<ChainReport & { readonly heads: Readonly<Record<string, string>> }> {
  const imported = await db.query<{ id_offsets_json: string }>('SELECT id_offsets_json FROM imports WHERE centre_id = $1', [centreId]);
  const offsets = imported.rows[0] ? (JSON.parse(imported.rows[0].id_offsets_json) as IdOffsets) : {};
  const purges = await db.query<{ detail_json: string }>(`SELECT detail_json FROM audit_log WHERE centre_id = $1 AND action = 'privacy.purge' ORDER BY id`, [centreId]);
  const purged = purgedLinksOf(purges.rows.map((r) => r.detail_json));
  let rows = 0;
  const heads: Record<string, string> = {};
  for (const spec of [DOSSIER_HISTORY_CHAIN, AUDIT_LOG_CHAIN]) {
    const walker = new ChainWalker(spec, spec === DOSSIER_HISTORY_CHAIN ? purged : new Map(), (id) => sourceIdOf(offsets, spec.table, id));
    await walk(db, spec, centreId, walker);
    const r = walker.report();
    if (!r.ok) return { ...r, rows: rows + r.rows, heads };
    rows += r.rows;
    heads[spec.table] = walker.head;
  }
  return { ok: true, rows, heads };
}

async function walk(db: Queryable, spec: ChainedTable, centreId: string, walker: ChainWalker): Promise<void> {
  let after = 0;
  for (;;) {
    const { rows } = await db.query<StoredRow>(
      `SELECT ${storedColumns(spec).join(', ')}, prev_hash, hash FROM ${spec.table} WHERE centre_id = $1 AND id > $2 ORDER BY id LIMIT ${PAGE}`,
      [centreId, after],
    );
    for (const row of rows) if (!walker.push(row)) return;
    if (rows.length < PAGE) return;
    after = Number(rows.at(-1)!.id);
  }
}
