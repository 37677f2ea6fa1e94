import { PgSql } from './pg-store';
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

/**
 * One statement: the centre row's lock taken and the seqs reserved (the UPDATE, which waits for
 * the lock and then counts on the newest row version), and the events inserted numbered from it.
 * The lock is held from this single round trip to the commit. Its two parts are exported for the
 * command log, which writes a command's answer in the same statement (pg-command-log.ts).
 */
export const RESERVE_EVENT_SEQS = 'reserved AS (UPDATE centres SET last_event_seq = last_event_seq + $2 WHERE id = $1 RETURNING last_event_seq, listeners)';
export const INSERT_EVENTS = `INSERT INTO events (centre_id, seq, at, type, ticket_id, counter_id)
  SELECT $1, reserved.last_event_seq - $2 + e.n, e.at, e.type, e.ticket_id, e.counter_id
  FROM reserved, unnest($3::text[], $4::text[], $5::bigint[], $6::text[]) WITH ORDINALITY AS e(at, type, ticket_id, counter_id, n)
  RETURNING seq`;
export const APPEND_EVENTS = `WITH ${RESERVE_EVENT_SEQS},
  appended AS (${INSERT_EVENTS})
  SELECT appended.seq, reserved.listeners FROM appended, reserved`;
/** A row of APPEND_EVENTS: an event's seq and the centre's listening processes when it was numbered. */
export interface AppendedEvent {
  readonly seq: number;
  readonly listeners: string[];
}

/** How many parameters APPEND_EVENTS takes ($1…$6). */
export const APPEND_EVENTS_PARAMS = 6;

/**
 * Numbers and inserts the events of the caller's transaction for one centre; returns their seqs,
 * in order. Through the running transaction (PgSql) the statement is held back for the one after
 * it (PgSql.hold): when that is the command's answer, both go as one statement.
 */
export async function appendEvents(db: Queryable | PgSql, centreId: string, events: readonly NewEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const params = [
    centreId,
    events.length,
    events.map((e) => e.at),
    events.map((e) => e.type),
    events.map((e) => e.ticketId ?? null),
    events.map((e) => e.counterId ?? null),
  ];
  const { rows } = await (db instanceof PgSql ? db.hold<AppendedEvent>(APPEND_EVENTS, params) : db.query<AppendedEvent>(APPEND_EVENTS, params));
  // No centre row, nothing reserved: nothing inserted.
  if (rows.length === 0) throw new Error(`unknown centre "${centreId}"`);
  const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
  // Who listened when they were numbered: whether they must reach the other processes (centre-listeners.ts).
  if (db instanceof PgSql) db.noteEventListeners(seqs, rows[0]!.listeners);
  return seqs;
}
