import type { CallCandidates } from '../../../core/queue/call-candidates';
import type { NumberedService } from '../../../core/queue/numbering';
import { ok, type Result } from '../../../core/result';
import { RECENT_CALLS, type CounterState, type QueueEvent, type TicketEventType } from '../../../core/queue/snapshot';
import type { Counter, PriorityClass, Ticket } from '../../../core/queue/types';
import { ESTIMATE_SAMPLE } from '../../../core/queue/wait-estimate';
import { TICKET_COLUMNS, toCounterStates, toTicket, type CounterStateRow, type StoredCounterState, type IssuedTicket, type TicketRow, type WaitFigures } from '../../queue/ticket-rows';
import { appendEvents } from './event-log';
import type { PgSql } from './pg-store';
import { judgeTakenNumber, lockNumbering, TAKE_NEXT_NUMBER } from './ticket-numbers';

/**
 * The PostgreSQL twin of hub/queue/ticket-repository.ts: the same methods with the same
 * arguments, async, for one centre of the province (every statement filters by centre_id).
 *
 * Exact when several hub processes write at once, without read-then-write:
 * - numbering() takes the (centre, day, service) row lock of number_sequences (ticket-numbers.ts)
 *   before reading, so the number insertTicket() then writes, or the lease NumberLeases writes,
 *   cannot have been taken by another transaction meanwhile;
 * - callCandidates() locks the head tickets it returns (FOR UPDATE SKIP LOCKED): two counters
 *   calling at once get different tickets; byId() and activeAtCounter() lock the ticket a command
 *   is about to change (FOR UPDATE), and activeAtCounter() first takes the counter's lock, so two
 *   commands of one counter (a double tap reaching two processes) take turns;
 * - events are numbered by event-log.ts under the centre's row lock, gap-free in commit order.
 * Outside a transaction the reads take no lock.
 */

/**
 * The first key of the counters' transaction-scoped advisory locks (the second: a hash of centre
 * and counter). An advisory lock, not counter_states' row: that row does not exist before the
 * counter's first change, and creating it would change what counterStates() reports.
 */
const COUNTER_LOCK_SPACE = 74_465_932;

const T = TICKET_COLUMNS;

interface WaitFiguresRow {
  readonly waiting_ahead: number;
  readonly states: CounterStateRow[];
  readonly minutes: number[];
}

const toWaitFigures = (row: WaitFiguresRow): WaitFigures => ({ waitingAhead: row.waiting_ahead, counterStates: toCounterStates(row.states), recentMinutes: row.minutes });
const COUNTER_STATES = 'SELECT counter_id, paused, paused_reason, clerk_id FROM counter_states WHERE centre_id = $1';

/**
 * The service's ($3) `limit` latest service durations in minutes, as rows (minutes, finished_at) of
 * centre $1 — SQLite's julianday difference × 1440 rounded to 3 places: the same minutes from the
 * same text. Shared by the wait figures and the one-statement issue (pg-issue-alone.ts).
 */
export const recentDurations = (limit: string) => `SELECT round((extract(epoch FROM finished_at::timestamptz - started_at::timestamptz) / 60)::numeric, 3)::float8 AS minutes, finished_at FROM tickets
          WHERE centre_id = $1 AND service_id = $3 AND state = 'done' AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT ${limit}`;

/**
 * The columns of a ticket's wait figures — waiting ahead of it ($1 centre, $2 day, $3 service, $4 its
 * issue time, `ticketId` its id), the counter states, its service's `limit` latest durations — as
 * one snapshot.
 */
const waitFiguresOf = (ticketId: string, limit: string) => `(SELECT count(*) FROM tickets WHERE centre_id = $1 AND day = $2 AND state = 'waiting' AND service_id = $3
          AND (issued_at < $4 OR (issued_at = $4 AND id < ${ticketId}))) AS waiting_ahead,
       (SELECT coalesce(json_agg(json_build_object('counter_id', counter_id, 'paused', paused, 'paused_reason', paused_reason, 'clerk_id', clerk_id)), '[]')
          FROM counter_states WHERE centre_id = $1) AS states,
       (SELECT coalesce(array_agg(minutes ORDER BY finished_at DESC), '{}') FROM (${recentDurations(limit)}) recent) AS minutes`;

/**
 * Every head a call chooses from, as ONE statement ($1 centre, $2 day, $3 the services and $4 the
 * classes — priority or not — of each head asked for, in order; $5 the counter): each service's
 * oldest unassigned waiting ticket of each class, then the oldest transferred to this counter. Each
 * head is its own subquery with its own `lock` (`FOR UPDATE SKIP LOCKED` in a transaction: a head
 * another call holds is passed over, as before), run in that order; a head that does not exist is
 * no row. Was one statement per head (seven for a counter of three services).
 */
export const callHeads = (lock: string) => `SELECT k.service_id AS head_service, k.priority_class AS head_priority, h.*
     FROM unnest($3::text[], $4::boolean[]) WITH ORDINALITY AS k(service_id, priority_class, ord)
     CROSS JOIN LATERAL (SELECT ${T} FROM tickets WHERE centre_id = $1 AND state = 'waiting' AND day = $2 AND assigned_counter_id IS NULL
       AND service_id = k.service_id AND (priority <> 'normal') = k.priority_class ORDER BY issued_at, id LIMIT 1${lock}) h
   UNION ALL
   SELECT NULL, NULL, x.* FROM (SELECT ${T} FROM tickets WHERE centre_id = $1 AND state = 'waiting' AND day = $2 AND assigned_counter_id = $5
       ORDER BY issued_at, id LIMIT 1${lock}) x`;
const CALL_HEADS = { locked: callHeads(' FOR UPDATE SKIP LOCKED'), read: callHeads('') } as const;

const SQL = {
  // The service's day counter set to the ticket's number and the ticket inserted: one statement.
  insertTicket: `WITH counted AS (INSERT INTO number_sequences (centre_id, day, service_id, last_number) VALUES ($1, $2, $3, $4)
       ON CONFLICT (centre_id, day, service_id) DO UPDATE SET last_number = excluded.last_number)
     INSERT INTO tickets (centre_id, day, service_id, number, state, issued_at, issued_by, priority) VALUES ($1, $2, $3, $4, 'waiting', $5, $6, $7) RETURNING ${T}`,
  // The service's day counter taken one up (its row locked until the transaction ends; created at
  // numberFrom, $4) and the ticket inserted with that number: one statement, the rules checked after.
  issueTicket: `WITH counted AS (${TAKE_NEXT_NUMBER})
     INSERT INTO tickets (centre_id, day, service_id, number, state, issued_at, issued_by, priority)
       SELECT $1, $2, $3, last_number, 'waiting', $5, $6, $7 FROM counted RETURNING ${T}`,
  takeBackTicket: 'DELETE FROM tickets WHERE centre_id = $1 AND id = $2',
  takeBackNumber: 'UPDATE number_sequences SET last_number = $4 WHERE centre_id = $1 AND day = $2 AND service_id = $3',
  takenToday: `SELECT (SELECT count(*) FROM tickets WHERE centre_id = $1 AND day = $2 AND service_id = $3 AND state <> 'cancelled')
       + (SELECT count(*) FROM appointments WHERE centre_id = $1 AND date = $2 AND service_id = $3 AND state = 'booked')
       + (SELECT count(*) FROM booking_holds WHERE centre_id = $1 AND date = $2 AND service_id = $3 AND expires_at > $4) AS n`,
  byId: `SELECT ${T} FROM tickets WHERE centre_id = $1 AND id = $2`,
  heldElsewhere: 'SELECT 1 AS one FROM tickets WHERE id = $2 AND centre_id <> $1',
  byNumber: `SELECT ${T} FROM tickets WHERE centre_id = $1 AND day = $2 AND number = $3 ORDER BY id`,
  waitingAhead: `SELECT count(*) AS n FROM tickets WHERE centre_id = $1 AND day = $2 AND state = 'waiting' AND service_id = $3
       AND (issued_at < $4 OR (issued_at = $4 AND id < $5))`,
  waitingCounts: `SELECT service_id, count(*) AS n FROM tickets WHERE centre_id = $1 AND day = $2 AND state = 'waiting' GROUP BY service_id`,
  activeAtCounter: `SELECT ${T} FROM tickets WHERE centre_id = $1 AND day = $2 AND counter_id = $3 AND state IN ('called', 'serving') ORDER BY called_at DESC, id DESC LIMIT 1`,
  lastAtCounter: `SELECT ${T} FROM tickets WHERE centre_id = $1 AND day = $2 AND counter_id = $3 ORDER BY called_at DESC NULLS LAST, id DESC LIMIT 1`,
  recentCalls: `SELECT ${T} FROM tickets WHERE centre_id = $1 AND day = $2 AND called_at IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT ${RECENT_CALLS}`,
  latestCallClasses: `SELECT priority FROM tickets WHERE centre_id = $1 AND day = $2 AND counter_id = $3 AND first_called_at IS NOT NULL
       ORDER BY first_called_at DESC, id DESC LIMIT $4`,
  callsByService: `SELECT service_id, count(*) AS n FROM tickets WHERE centre_id = $1 AND day = $2 AND counter_id = $3 AND first_called_at IS NOT NULL GROUP BY service_id`,
  update: `UPDATE tickets SET state = $3, service_id = $4, called_at = $5, first_called_at = $6, started_at = $7, finished_at = $8, counter_id = $9,
       recalls = $10, assigned_counter_id = $11, clerk_id = $12
     WHERE centre_id = $1 AND id = $2 RETURNING ${T}`,
  lockCounter: 'SELECT pg_advisory_xact_lock($1::integer, hashtext($2 || chr(31) || $3))',
  counterStates: COUNTER_STATES,
  counterState: `${COUNTER_STATES} AND counter_id = $2`,
  setCounterState: `INSERT INTO counter_states (centre_id, counter_id, paused, paused_reason, clerk_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (centre_id, counter_id) DO UPDATE SET paused = excluded.paused, paused_reason = excluded.paused_reason,
       clerk_id = excluded.clerk_id, updated_at = excluded.updated_at`,
  lastSeq: 'SELECT last_event_seq AS seq FROM centres WHERE id = $1',
  // waitingAhead, counterStates and recentServiceMinutes in one round trip (one snapshot).
  waitFigures: `SELECT ${waitFiguresOf('$5', '$6')}`,
  // After issueTicket's insert, on the same connection (so once the number's lock is held): the
  // lowest lease and the new ticket's wait figures — its id is the one the insert just drew (currval).
  afterIssue: `SELECT (SELECT min(first_number) FROM number_leases WHERE centre_id = $1 AND day = $2 AND service_id = $3) AS lowest,
       ${waitFiguresOf("currval(pg_get_serial_sequence('tickets', 'id'))", '$5')}`,
  // SQLite's julianday difference × 1440, rounded to 3 places: the same minutes from the same text.
  recentServiceMinutes: `SELECT round((extract(epoch FROM finished_at::timestamptz - started_at::timestamptz) / 60)::numeric, 3)::float8 AS minutes FROM tickets
     WHERE centre_id = $1 AND service_id = $2 AND state = 'done' AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT $3`,
} as const;

export class PgTicketRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  /** Under the service's day numbering lock inside a transaction (see above); a plain read outside one. */
  async numbering(day: string, serviceId: string): Promise<{ lastIssued: number | null; lowestLeased: number | null }> {
    if (this.sql.inTransaction) return lockNumbering(this.sql, this.centreId, day, serviceId);
    const row = await this.sql.row<{ last_issued: number | null; lowest_leased: number | null }>(
      `SELECT (SELECT nullif(last_number, 0) FROM number_sequences WHERE centre_id = $1 AND day = $2 AND service_id = $3) AS last_issued,
         (SELECT min(first_number) FROM number_leases WHERE centre_id = $1 AND day = $2 AND service_id = $3) AS lowest_leased`,
      [this.centreId, day, serviceId],
    );
    return { lastIssued: row!.last_issued, lowestLeased: row!.lowest_leased };
  }

  async takenToday(day: string, serviceId: string, liveAt = '9999'): Promise<number> {
    return (await this.sql.row<{ n: number }>(SQL.takenToday, [this.centreId, day, serviceId, liveAt]))!.n;
  }

  /**
   * A walk-in's ticket with the service's next online number, in one round trip: the counter taken
   * and the ticket written (one statement, the number row locked), the lowest lease read behind it
   * (pipelined: it starts once the lock is held, so it sees every lease committed before). Then
   * core's rule (nextNumber) judges the state the number was taken from; when it says `exhausted`
   * (rare: the block is used up) the ticket and the count are taken back, still under the row's
   * lock, and the answer is that refusal — nothing of it stays whatever the caller then commits.
   * Inside a transaction only: outside one the row's lock would not hold until then.
   */
  async issueTicket(day: string, service: NumberedService, issuedAt: string, issuedBy: string, priority: PriorityClass, sample = ESTIMATE_SAMPLE): Promise<Result<IssuedTicket>> {
    if (!this.sql.inTransaction) throw new Error('issueTicket runs inside a command\'s transaction');
    const [row, after] = await Promise.all([
      this.sql.row<TicketRow>(SQL.issueTicket, [this.centreId, day, service.id, service.numberFrom, issuedAt, issuedBy, priority]),
      this.sql.row<{ lowest: number | null } & WaitFiguresRow>(SQL.afterIssue, [this.centreId, day, service.id, issuedAt, sample]),
    ]);
    const taken = row!.number;
    const next = judgeTakenNumber(service, taken, after!.lowest);
    if (!next.ok) {
      await Promise.all([
        this.sql.run(SQL.takeBackTicket, [this.centreId, row!.id]),
        // The count as it stood: the number before, or 0 ("none issued yet") when this was the first.
        this.sql.run(SQL.takeBackNumber, [this.centreId, day, service.id, taken > service.numberFrom ? taken - 1 : 0]),
      ]);
      return next;
    }
    return ok({ ticket: toTicket(row!), figures: toWaitFigures(after!) });
  }

  async insertTicket(day: string, serviceId: string, number: number, issuedAt: string, issuedBy: string, priority: PriorityClass): Promise<Ticket> {
    return toTicket((await this.sql.row<TicketRow>(SQL.insertTicket, [this.centreId, day, serviceId, number, issuedAt, issuedBy, priority]))!);
  }

  async callCandidates(day: string, counter: Pick<Counter, 'id' | 'serviceIds' | 'serviceWeights'>, priorityRatio: number): Promise<CallCandidates> {
    // Every read sent at once, in this order (one round trip): the heads in one statement (callHeads:
    // each locked, skipping the heads other calls hold), then the counter's latest calls.
    const serviceIds = [...new Set(counter.serviceIds)];
    const [headRows, latest, counts] = await Promise.all([
      this.sql.rows<TicketRow & { head_service: string | null; head_priority: boolean | null }>(this.sql.inTransaction ? CALL_HEADS.locked : CALL_HEADS.read, [
        this.centreId,
        day,
        serviceIds.flatMap((id) => [id, id]),
        serviceIds.flatMap(() => [true, false]),
        counter.id,
      ]),
      this.sql.rows<{ priority: PriorityClass }>(SQL.latestCallClasses, [this.centreId, day, counter.id, priorityRatio]),
      counter.serviceWeights ? this.sql.rows<{ service_id: string; n: number }>(SQL.callsByService, [this.centreId, day, counter.id]) : Promise.resolve([]),
    ]);
    const headOf = (serviceId: string | null, priority: boolean | null) => {
      const row = headRows.find((r) => r.head_service === serviceId && r.head_priority === priority);
      return row ? toTicket(row) : null;
    };
    const heads = serviceIds.map((serviceId) => ({ serviceId, priority: headOf(serviceId, true), normal: headOf(serviceId, false) }));
    const sincePriority = latest.findIndex((r) => r.priority !== 'normal');
    return {
      transferredHere: headOf(null, null),
      heads,
      normalCallsSincePriority: sincePriority === -1 ? latest.length : sincePriority,
      callsByService: new Map(counts.map((r) => [r.service_id, r.n])),
    };
  }

  async byId(id: number): Promise<Ticket | null> {
    return this.ticket(SQL.byId + this.forUpdate(), [this.centreId, id]);
  }

  /** Whether the id names another centre's ticket (ids are province-wide): such a command is refused `forbidden`, not `not-found`. */
  async heldElsewhere(id: number): Promise<boolean> {
    return (await this.sql.row(SQL.heldElsewhere, [this.centreId, id])) !== null;
  }

  async byNumber(day: string, number: number): Promise<Ticket[]> {
    return (await this.sql.rows<TicketRow>(SQL.byNumber, [this.centreId, day, number])).map(toTicket);
  }

  async waitingAhead(ticket: Ticket): Promise<number> {
    const { day, serviceId, issuedAt, id } = ticket;
    return (await this.sql.row<{ n: number }>(SQL.waitingAhead, [this.centreId, day, serviceId, issuedAt, id]))!.n;
  }

  async waitingCounts(day: string): Promise<Map<string, number>> {
    const rows = await this.sql.rows<{ service_id: string; n: number }>(SQL.waitingCounts, [this.centreId, day]);
    return new Map(rows.map((r) => [r.service_id, r.n]));
  }

  async activeAtCounter(day: string, counterId: string): Promise<Ticket | null> {
    return this.underCounterLock(counterId, () => this.ticket(SQL.activeAtCounter + this.forUpdate(), [this.centreId, day, counterId]));
  }

  async lastAtCounter(day: string, counterId: string): Promise<Ticket | null> {
    return this.ticket(SQL.lastAtCounter, [this.centreId, day, counterId]);
  }

  async recentCalls(day: string): Promise<Ticket[]> {
    return (await this.sql.rows<TicketRow>(SQL.recentCalls, [this.centreId, day])).map(toTicket);
  }

  async update(ticket: Ticket): Promise<Ticket> {
    const { id, state, serviceId, calledAt, firstCalledAt, startedAt, finishedAt, counterId, recalls, assignedCounterId, clerkId } = ticket;
    const row = await this.sql.row<TicketRow>(SQL.update, [
      this.centreId, id, state, serviceId, calledAt, firstCalledAt, startedAt, finishedAt, counterId, recalls, assignedCounterId, clerkId,
    ]);
    if (!row) throw new Error(`ticket ${id} is not a ticket of centre "${this.centreId}"`);
    return toTicket(row);
  }

  async appendTicketEvent(type: TicketEventType, ticket: Ticket, at: string): Promise<QueueEvent> {
    const [seq] = await appendEvents(this.sql, this.centreId, [{ at, type, ticketId: ticket.id }]);
    return { kind: 'ticket', seq: seq!, at, type, ticket };
  }

  async appendCounterEvent(day: string, counterId: string, state: CounterState, at: string): Promise<QueueEvent> {
    const [seq] = await appendEvents(this.sql, this.centreId, [{ at, type: 'counter-changed', counterId }]);
    return { kind: 'counter', seq: seq!, at, day, counterId, state };
  }

  /** Raw counter states; clerk names are resolved by the caller, who knows the clerks. */
  async counterStates(): Promise<Map<string, StoredCounterState>> {
    return toCounterStates(await this.sql.rows<CounterStateRow>(SQL.counterStates, [this.centreId]));
  }

  /**
   * One counter's stored state, read to change it. In a transaction the counter's lock comes first
   * (then the read: a statement that waited for a lock reads with its older snapshot), so two
   * changes of one counter through two processes take turns and neither is lost.
   */
  async counterState(counterId: string): Promise<StoredCounterState | null> {
    const rows = await this.underCounterLock(counterId, () => this.sql.rows<CounterStateRow>(SQL.counterState, [this.centreId, counterId]));
    return toCounterStates(rows).get(counterId) ?? null;
  }

  async setCounterState(counterId: string, state: StoredCounterState, at: string): Promise<void> {
    await this.underCounterLock(counterId, () => this.sql.run(SQL.setCounterState, [this.centreId, counterId, state.paused ? 1 : 0, state.pausedReason, state.clerkId, at]));
  }

  /** waitingAhead, counterStates and recentServiceMinutes of the ticket's service (`sample` durations) in one statement. */
  async waitFigures(ticket: Ticket, sample: number): Promise<WaitFigures> {
    const { day, serviceId, issuedAt, id } = ticket;
    return toWaitFigures((await this.sql.row<WaitFiguresRow>(SQL.waitFigures, [this.centreId, day, serviceId, issuedAt, id, sample]))!);
  }

  /** The durations in minutes of the service's most recent finished services, newest first. */
  async recentServiceMinutes(serviceId: string, limit: number): Promise<number[]> {
    return (await this.sql.rows<{ minutes: number }>(SQL.recentServiceMinutes, [this.centreId, serviceId, limit])).map((r) => r.minutes);
  }

  async lastSeq(): Promise<number> {
    const row = await this.sql.row<{ seq: number }>(SQL.lastSeq, [this.centreId]);
    if (!row) throw new Error(`unknown centre "${this.centreId}"`);
    return row.seq;
  }

  /** In a transaction: the rows it reads are the ones it is about to change; keep them until it ends. */
  private forUpdate(): string {
    return this.sql.inTransaction ? ' FOR UPDATE' : '';
  }

  private async ticket(text: string, params: readonly unknown[]): Promise<Ticket | null> {
    const row = await this.sql.row<TicketRow>(text, params);
    return row ? toTicket(row) : null;
  }

  /**
   * `work` under the counter's lock in a transaction: the lock is sent and `work`'s statement goes
   * out behind it in the same write (pipelined, pool.ts). PostgreSQL runs a connection's statements
   * one after another, so `work` starts only once the lock is held, with a snapshot taken then —
   * what waiting for the lock's answer first gave, without its round trip. `work` must send its
   * statement at once (before its own first await). Outside a transaction: `work` alone.
   */
  private async underCounterLock<T>(counterId: string, work: () => Promise<T>): Promise<T> {
    // Asked for once per transaction: call-next reads the counter's state and its open ticket under it.
    if (!this.sql.inTransaction || !this.sql.firstTake(`counter\u001f${this.centreId}\u001f${counterId}`)) return work();
    const [, value] = await Promise.all([this.sql.run(SQL.lockCounter, [COUNTER_LOCK_SPACE, this.centreId, counterId]), work()]);
    return value;
  }
}
