import type { DossierCounts, ProvinceStats } from '../../../core/stats/province-stats';
import type { Queryable } from './queryable';

export type { DossierCounts, ProvinceStats };

const OPEN = `d.status IN ('received', 'processing', 'supplement-requested')`;
const COUNTS = `count(d.code)::integer AS received,
  (count(*) FILTER (WHERE ${OPEN}))::integer AS open,
  (count(*) FILTER (WHERE ${OPEN} AND d.due_at < $3))::integer AS overdue,
  (count(*) FILTER (WHERE d.status IN ('done', 'returned')))::integer AS finished,
  (count(*) FILTER (WHERE d.status = 'refused'))::integer AS refused`;
// Instants are fixed-width ISO text (docs/province.md "Schema decisions"): text order is time order.
const IN_RANGE = `d.received_at >= $1 AND d.received_at < $2`;

/**
 * The province's dossier statistics over its PostgreSQL database: per centre (every centre of the
 * database, also one with nothing received) and per competent agency (wherever the dossier was
 * received), received in the range, still open, overdue now, finished, refused. Read-only, one
 * snapshot per query; a read replica can answer it (docs/province.md "Growing past one machine").
 */
export async function provinceStats(db: Queryable, range: { readonly from?: string; readonly to?: string }, at: Date): Promise<ProvinceStats> {
  const params = [range.from ?? '', range.to ?? '\uffff', at.toISOString()];
  const centres = await db.query<DossierCounts>(
    `SELECT c.id, c.name, ${COUNTS} FROM centres c LEFT JOIN dossiers d ON d.centre_id = c.id AND ${IN_RANGE} GROUP BY c.id, c.name ORDER BY c.id`,
    params,
  );
  const agencies = await db.query<DossierCounts>(`SELECT d.department_id AS id, d.department_id AS name, ${COUNTS} FROM dossiers d WHERE ${IN_RANGE} GROUP BY d.department_id ORDER BY d.department_id`, params);
  const sum = (k: keyof ProvinceStats['total']) => centres.rows.reduce((n, r) => n + r[k], 0);
  return {
    at: at.toISOString(),
    from: range.from ?? null,
    to: range.to ?? null,
    centres: centres.rows,
    agencies: agencies.rows,
    total: { received: sum('received'), open: sum('open'), overdue: sum('overdue'), finished: sum('finished'), refused: sum('refused') },
  };
}
