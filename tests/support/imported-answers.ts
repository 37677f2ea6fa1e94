import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';

/**
 * Command answers of a centre's SQLite file against the same answers after `province import`,
 * found without the import's own map (hub/store/pg/import/answer-ids.ts): the two are walked side
 * by side; every value must be equal, except numbers named `id` or `…Id`, which must name the same
 * row in each database — the same ticket (its day, service and number), the same result file (its
 * dossier and SHA-256). An id the walk cannot tell the table of is a problem too.
 */

type Queryable = Pick<pg.ClientBase, 'query'>;

/** What the comparison found: the paths of ids compared (`ticket.id`, `results[].id`), and every difference that is not a moved id. */
export interface AnswerComparison {
  readonly ids: readonly string[];
  readonly problems: readonly string[];
}

interface IdPair {
  readonly path: string;
  readonly table: 'tickets' | 'dossier_results';
  readonly sqliteId: number;
  readonly pgId: number;
}

const ID_NAME = /^id$|Id$/;

/** The table an id names, from where it sits: `ticketId`; `id` of a ticket (number, day, service) or of a result file (sha256). */
function tableOf(key: string, parent: Record<string, unknown>): IdPair['table'] | null {
  if (key === 'ticketId') return 'tickets';
  if (key !== 'id') return null;
  if ('number' in parent && 'day' in parent && 'serviceId' in parent) return 'tickets';
  if ('sha256' in parent && 'attachedAt' in parent) return 'dossier_results';
  return null;
}

function walk(a: unknown, b: unknown, path: string, key: string | null, parent: Record<string, unknown> | null, ids: IdPair[], problems: string[]): void {
  if (typeof a === 'number' && typeof b === 'number' && key !== null && parent !== null && ID_NAME.test(key)) {
    const table = tableOf(key, parent);
    if (table === null) problems.push(`${path}: a numeric id the comparison cannot place (${a} → ${b})`);
    else ids.push({ path, table, sqliteId: a, pgId: b });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) problems.push(`${path}: ${a.length} elements → ${b.length}`);
    a.forEach((x, i) => walk(x, b[i], `${path}[]`, null, null, ids, problems));
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    if (Object.keys(ra).join() !== Object.keys(rb).join()) problems.push(`${path}: keys ${Object.keys(ra).join()} → ${Object.keys(rb).join()}`);
    for (const k of Object.keys(ra)) walk(ra[k], rb[k], path === '' ? k : `${path}.${k}`, k, ra, ids, problems);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
}

/** A row's natural key in each database, so two ids can be said to name the same row. */
async function naturalKeys(source: BetterSqlite3.Database, db: Queryable, centreId: string, pair: IdPair): Promise<[string | null, string | null]> {
  if (pair.table === 'tickets') {
    const s = source.prepare('SELECT day, service_id, number FROM tickets WHERE id = ?').get(pair.sqliteId) as object | undefined;
    const p = (await db.query('SELECT day, service_id, number FROM tickets WHERE id = $1 AND centre_id = $2', [pair.pgId, centreId])).rows[0] as object | undefined;
    return [s ? JSON.stringify(s) : null, p ? JSON.stringify(p) : null];
  }
  const s = source.prepare('SELECT dossier_code, sha256 FROM dossier_results WHERE id = ?').get(pair.sqliteId) as object | undefined;
  const p = (await db.query('SELECT r.dossier_code, r.sha256 FROM dossier_results r JOIN dossiers d ON d.code = r.dossier_code WHERE r.id = $1 AND d.centre_id = $2', [pair.pgId, centreId])).rows[0] as object | undefined;
  return [s ? JSON.stringify(s) : null, p ? JSON.stringify(p) : null];
}

/** One answer as the SQLite file kept it against the same answer from PostgreSQL (stored, or replayed by a hub). */
export async function compareAnswer(source: BetterSqlite3.Database, db: Queryable, centreId: string, sqliteAnswer: unknown, pgAnswer: unknown): Promise<AnswerComparison> {
  const ids: IdPair[] = [];
  const problems: string[] = [];
  walk(sqliteAnswer, pgAnswer, '', null, null, ids, problems);
  for (const pair of ids) {
    const [s, p] = await naturalKeys(source, db, centreId, pair);
    if (s === null || s !== p) problems.push(`${pair.path}: SQLite ${pair.table} ${pair.sqliteId} is ${s ?? 'absent'}, PostgreSQL ${pair.pgId} is ${p ?? `absent from ${centreId}`}`);
  }
  return { ids: [...new Set(ids.map((i) => i.path.replace(/^value\./, '')))].sort(), problems };
}

/**
 * Every command of the file against its imported row: the answers' differences (prefixed with the
 * command id) and, per command name, the id paths compared.
 */
export async function compareImportedAnswers(source: BetterSqlite3.Database, db: Queryable, centreId: string): Promise<{ readonly problems: readonly string[]; readonly ids: Readonly<Record<string, readonly string[]>> }> {
  const rows = source.prepare('SELECT command_id, name, result_json FROM commands ORDER BY command_id').all() as { command_id: string; name: string; result_json: string }[];
  const imported = new Map(
    (await db.query<{ command_id: string; result_json: string }>('SELECT command_id, result_json FROM commands WHERE centre_id = $1', [centreId])).rows.map((r) => [r.command_id, r.result_json]),
  );
  const problems: string[] = [];
  const ids: Record<string, Set<string>> = {};
  for (const row of rows) {
    const stored = imported.get(row.command_id);
    if (stored === undefined) {
      problems.push(`${row.command_id} (${row.name}): not imported`);
      continue;
    }
    const c = await compareAnswer(source, db, centreId, JSON.parse(row.result_json), JSON.parse(stored));
    problems.push(...c.problems.map((p) => `${row.command_id} (${row.name}) ${p}`));
    for (const path of c.ids) (ids[row.name] ??= new Set()).add(path);
  }
  return { problems, ids: Object.fromEntries(Object.entries(ids).map(([name, paths]) => [name, [...paths].sort()])) };
}
