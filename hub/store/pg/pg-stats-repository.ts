import type { IdleGap } from '../../../core/stats/aggregate-stats';
import type { StatsRange } from '../../../core/stats/stats-report';
import type { TicketFactRow } from '../../stats/stats-repository';
import type { PgSql } from './pg-store';

/** Seconds from one stored ISO instant to another, rounded to the millisecond as on SQLite. */
const seconds = (from: string, to: string) => `round(extract(epoch FROM ${to}::timestamptz - ${from}::timestamptz), 3)::float8`;

const FACTS = `
  SELECT t.day, t.issued_at AS "issuedAt", t.service_id AS "serviceId", t.counter_id AS "counterId", t.clerk_id AS "clerkId", t.state,
         CASE WHEN t.first_called_at IS NOT NULL THEN ${seconds('t.issued_at', 't.first_called_at')} END AS "waitSeconds",
         CASE WHEN t.state = 'done' AND t.started_at IS NOT NULL AND t.finished_at IS NOT NULL
              THEN ${seconds('t.started_at', 't.finished_at')} END AS "serviceSeconds",
         r.rating
  FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id
  WHERE t.centre_id = $1 AND t.day BETWEEN $2 AND $3
  ORDER BY t.id`;

/** As hub/stats/stats-repository.ts idleSql(): the previous finish of the same counter or clerk that day, per handled ticket. */
function idleSql(column: 'counter_id' | 'clerk_id'): string {
  return `
    WITH handled AS (
      SELECT ${column} AS k, first_called_at, called_at,
             LAG(finished_at) OVER (PARTITION BY day, ${column} ORDER BY called_at, id) AS prev_finished
      FROM tickets
      WHERE centre_id = $1 AND day BETWEEN $2 AND $3 AND ${column} IS NOT NULL AND called_at IS NOT NULL
        AND state IN ('called', 'serving', 'done', 'no-show')
    )
    SELECT k AS key,
           greatest(0, ${seconds('prev_finished', '(CASE WHEN first_called_at >= prev_finished THEN first_called_at ELSE called_at END)')}) AS seconds
    FROM handled WHERE prev_finished IS NOT NULL`;
}

/**
 * The PostgreSQL twin of hub/stats/stats-repository.ts: the same per-ticket facts and idle gaps,
 * of one centre's tickets only (statistics stay per centre). Reads only, on the pool or the
 * caller's transaction.
 */
export class PgStatsRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async ticketFacts(range: StatsRange): Promise<TicketFactRow[]> {
    return this.sql.rows<TicketFactRow>(FACTS, [this.centreId, range.from, range.to]);
  }

  async idleGaps(range: StatsRange): Promise<IdleGap[]> {
    const rows = async (by: 'counter' | 'clerk', column: 'counter_id' | 'clerk_id') =>
      (await this.sql.rows<{ key: string; seconds: number }>(idleSql(column), [this.centreId, range.from, range.to])).map((r) => ({ by, ...r }));
    return [...(await rows('counter', 'counter_id')), ...(await rows('clerk', 'clerk_id'))];
  }
}
