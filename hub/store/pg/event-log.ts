import type { Queryable } from './queryable';

/**
 * The events of a centre, numbered 1, 2, 3… with no gap and in commit order, whichever hub
 * process writes them: terminals take a gap in `seq` to mean "I missed a frame" and fetch a
 * snapshot, so a sequence (which leaves gaps on rollback and hands out numbers in start order,
 * not commit order) will not do. The writer takes the centre's row lock to number its events,
 * as the last statement before its commit, so the lock is held for one round trip and a commit.
 */


export interface NewEvent {
  readonly at: string;
  readonly type: string;
  /** Exactly one of ticketId and counterId (the table's CHECK). */
  readonly ticketId?: number;
  readonly counterId?: string;
}

const SQL = {
  reserve: 'UPDATE centres SET last_event_seq = last_event_seq + $2 WHERE id = $1 RETURNING last_event_seq',
  // One statement for the whole list, column by column.
  insert: `INSERT INTO events (centre_id, seq, at, type, ticket_id, counter_id)
     SELECT $1, e.* FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[]) AS e`,
} as const;

/** Numbers and inserts the events of the caller's transaction for one centre; returns their seqs, in order. */
export async function appendEvents(db: Queryable, centreId: string, events: readonly NewEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const { rows } = await db.query<{ last_event_seq: number }>(SQL.reserve, [centreId, events.length]);
  const last = rows[0]?.last_event_seq;
  if (last === undefined) throw new Error(`unknown centre "${centreId}"`);
  const seqs = events.map((_, i) => last - events.length + 1 + i);
  await db.query(SQL.insert, [
    centreId,
    seqs,
    events.map((e) => e.at),
    events.map((e) => e.type),
    events.map((e) => e.ticketId ?? null),
    events.map((e) => e.counterId ?? null),
  ]);
  return seqs;
}
