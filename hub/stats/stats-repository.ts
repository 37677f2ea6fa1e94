import type { Database, Statement } from 'better-sqlite3';
import type { IdleGap } from '../../core/stats/aggregate-stats';
import type { RatingLevel } from '../../core/stats/ratings';
import type { StatsRange } from '../../core/stats/stats-report';
import type { TicketState } from '../../core/queue/types';

export interface TicketFactRow {
  readonly day: string;
  readonly issuedAt: string;
  readonly serviceId: string;
  readonly counterId: string | null;
  readonly clerkId: string | null;
  readonly state: TicketState;
  readonly waitSeconds: number | null;
  readonly serviceSeconds: number | null;
  readonly rating: RatingLevel | null;
}

// Durations from the stored ISO instants (all UTC, "…Z"), rounded to the millisecond to drop julianday's float residue.
const FACTS = `
  SELECT t.day, t.issued_at AS issuedAt, t.service_id AS serviceId, t.counter_id AS counterId, t.clerk_id AS clerkId, t.state,
         CASE WHEN t.first_called_at IS NOT NULL
              THEN round((julianday(t.first_called_at) - julianday(t.issued_at)) * 86400, 3) END AS waitSeconds,
         CASE WHEN t.state = 'done' AND t.started_at IS NOT NULL AND t.finished_at IS NOT NULL
              THEN round((julianday(t.finished_at) - julianday(t.started_at)) * 86400, 3) END AS serviceSeconds,
         r.rating
  FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id
  WHERE t.day BETWEEN @from AND @to
  ORDER BY t.id`;

/**
 * Idle gaps of one counter or clerk within a day: each ticket handled there, in call order, is
 * paired with the finish of the one before it. The call that counts is the ticket's first call,
 * unless that was before the previous finish (the ticket was first called at another counter and
 * transferred here): then its latest call here.
 */
function idleSql(column: 'counter_id' | 'clerk_id'): string {
  return `
    WITH handled AS (
      SELECT ${column} AS k, first_called_at, called_at,
             LAG(finished_at) OVER (PARTITION BY day, ${column} ORDER BY called_at, id) AS prev_finished
      FROM tickets
      WHERE day BETWEEN @from AND @to AND ${column} IS NOT NULL AND called_at IS NOT NULL
        AND state IN ('called', 'serving', 'done', 'no-show')
    )
    SELECT k AS key,
           max(0, round((julianday(CASE WHEN first_called_at >= prev_finished THEN first_called_at ELSE called_at END)
                         - julianday(prev_finished)) * 86400, 3)) AS seconds
    FROM handled WHERE prev_finished IS NOT NULL`;
}

/** The statistics' SQL: per-ticket facts and idle gaps; grouping and percentiles happen in core/stats. */
export class StatsRepository {
  private readonly facts: Statement;
  private readonly counterIdle: Statement;
  private readonly clerkIdle: Statement;

  constructor(db: Database) {
    this.facts = db.prepare(FACTS);
    this.counterIdle = db.prepare(idleSql('counter_id'));
    this.clerkIdle = db.prepare(idleSql('clerk_id'));
  }

  ticketFacts(range: StatsRange): TicketFactRow[] {
    return this.facts.all(range) as TicketFactRow[];
  }

  idleGaps(range: StatsRange): IdleGap[] {
    const rows = (by: 'counter' | 'clerk', s: Statement) => (s.all(range) as { key: string; seconds: number }[]).map((r) => ({ by, ...r }));
    return [...rows('counter', this.counterIdle), ...rows('clerk', this.clerkIdle)];
  }
}
