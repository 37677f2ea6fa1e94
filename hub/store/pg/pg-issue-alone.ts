import { nextNumber } from '../../../core/queue/numbering';
import type { IssueAlone, IssueAloneRequest, IssuedAlone } from '../../queue/issue-alone';
import { STORED_ISSUE_PREFIX } from '../../queue/issue-answer';
import { TICKET_COLUMNS, toTicket, type TicketRow } from '../../queue/ticket-rows';
import type { PgSql } from './pg-store';
import { recentDurations } from './pg-ticket-repository';

/**
 * One statement, in autocommit: the compare-and-set on the (centre $1, day $2, service $3) row of
 * number_sequences — last_number still $4 and lowest_leased still $5, the state core judged the
 * number $6 from — and, only if it held, the ticket, its public token ($12, if any), its event
 * numbered under the centre's row, and the command's answer logged ($14 its id, $15 the device)
 * as the inputs it is made of: the figures counted in the same snapshot ($7 the issue time, $10
 * the durations' sample, $11 the serving counters, $13 the link) — and the centre's listening processes
 * when the event was numbered (centre-listeners.ts). Every write hangs on `guard`,
 * so when the guard fails nothing is written; the row as the statement's snapshot saw it comes
 * back for the next judgement. A commandId logged already fails the insert into commands, and the
 * whole statement with it (the runner then runs the transactional path, which answers the replay).
 */
export const ISSUE_ALONE = `WITH guard AS (
    UPDATE number_sequences SET last_number = $6
     WHERE centre_id = $1 AND day = $2 AND service_id = $3 AND last_number = $4 AND lowest_leased IS NOT DISTINCT FROM $5::integer
    RETURNING 1),
  issued AS (
    INSERT INTO tickets (centre_id, day, service_id, number, state, issued_at, issued_by, priority)
    SELECT $1, $2, $3, $6, 'waiting', $7, $8, $9 FROM guard RETURNING ${TICKET_COLUMNS}),
  tokened AS (
    INSERT INTO ticket_public_tokens (centre_id, token_hash, ticket_id, created_at) SELECT $1, $12::text, id, $7 FROM issued WHERE $12::text IS NOT NULL),
  reserved AS (UPDATE centres SET last_event_seq = last_event_seq + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM issued) RETURNING last_event_seq, listeners),
  evented AS (
    INSERT INTO events (centre_id, seq, at, type, ticket_id) SELECT $1, r.last_event_seq, $7, 'ticket-issued', i.id FROM reserved r, issued i RETURNING seq),
  figures AS (SELECT
    (SELECT count(*) FROM tickets WHERE centre_id = $1 AND day = $2 AND state = 'waiting' AND service_id = $3 AND issued_at <= $7) AS waiting_ahead,
    (SELECT coalesce(json_agg(counter_id ORDER BY counter_id), '[]') FROM counter_states WHERE centre_id = $1 AND paused <> 0) AS paused,
    (SELECT coalesce(json_agg(minutes ORDER BY finished_at DESC), '[]') FROM (${recentDurations('$10')}) recent) AS minutes),
  logged AS (
    INSERT INTO commands (command_id, centre_id, device_id, name, result_json, at, ok)
    SELECT $14, $1, $15, 'ticket:issue', '${STORED_ISSUE_PREFIX}' || json_build_object('ticket', row_to_json(i), 'waitingAhead', f.waiting_ahead,
        'serving', to_json($11::text[]), 'paused', f.paused, 'minutes', f.minutes, 'trackingUrl', $13::text)::text || '}', $7, 1
      FROM issued i, figures f RETURNING 1)
  SELECT (SELECT row_to_json(i) FROM issued i) AS ticket, (SELECT seq FROM evented) AS seq, (SELECT listeners FROM reserved) AS listeners, (SELECT count(*) FROM logged) AS logged,
    f.waiting_ahead, f.paused, f.minutes, n.last_number AS current_last, n.lowest_leased AS current_lowest
  FROM figures f LEFT JOIN number_sequences n ON n.centre_id = $1 AND n.day = $2 AND n.service_id = $3`;

interface IssueAloneRow {
  readonly ticket: TicketRow | null;
  readonly seq: number | null;
  readonly listeners: string[] | null;
  readonly logged: number;
  readonly waiting_ahead: number;
  readonly paused: string[];
  readonly minutes: number[];
  readonly current_last: number | null;
  readonly current_lowest: number | null;
}

/** A service's numbering row as this process last saw it. */
interface Numbering {
  readonly last: number;
  readonly lowest: number | null;
}

/** Never a last_number (its CHECK says ≥ 0): the guard fails and the row comes back. */
const UNKNOWN: Numbering = { last: -1, lowest: null };

/**
 * The one-statement `ticket:issue` of one centre (docs/province.md, "The owner-per-centre path in
 * steps"). The process keeps, per service of the day, the numbering row as it last saw it; core's
 * nextNumber() decides the number from it, and the statement takes that number only if the row
 * still holds that state (compare-and-set: the rule stays in core, the statement checks only its
 * inputs). The front sends a centre's devices to one process, so the state held is usually the
 * state: one round trip, one statement, one commit. When it is not — another process issued or a
 * kiosk leased — the row as it now stands comes back and the judgement is made once more; a
 * second miss, a row that does not exist yet (the day's first ticket of the service) or a refusal
 * by the rule leave the command to the transactional path. No lease table or fencing is needed:
 * the guard is the fence.
 */
export class PgIssueAlone implements IssueAlone {
  private readonly seen = new Map<string, Numbering>();
  private day = '';

  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async issue(request: IssueAloneRequest): Promise<IssuedAlone | null> {
    const { day, service } = request;
    if (day !== this.day) {
      // Yesterday's rows are never judged again.
      this.seen.clear();
      this.day = day;
    }
    for (let attempt = 1; attempt <= 2; attempt++) {
      const state = this.seen.get(service.id) ?? UNKNOWN;
      let number = 0;
      if (state !== UNKNOWN) {
        const next = nextNumber(service, state.last >= service.numberFrom ? state.last : null, state.lowest);
        if (!next.ok) return null;
        number = next.value;
      }
      const row = (await this.sql.row<IssueAloneRow>(ISSUE_ALONE, [
        this.centreId, day, service.id, state.last, state.lowest, number, request.issuedAt, request.issuedBy, request.priority, request.sample,
        request.servingCounters, request.tracking?.tokenHash ?? null, request.tracking?.url ?? null, request.commandId, request.deviceId,
      ]))!;
      if (row.ticket !== null) {
        // Written together or not at all; a ticket without its event or answer would be a broken statement.
        if (row.seq === null || row.logged !== 1) throw new Error(`the one-statement issue wrote ticket ${row.ticket.id} without its event or answer`);
        this.seen.set(service.id, { last: number, lowest: state.lowest });
        this.sql.noteEventListeners([row.seq], row.listeners);
        return {
          seq: row.seq,
          inputs: {
            ticket: toTicket(row.ticket),
            waitingAhead: row.waiting_ahead,
            servingCounters: request.servingCounters,
            pausedCounters: row.paused,
            recentMinutes: row.minutes,
            ...(request.tracking ? { trackingUrl: request.tracking.url } : {}),
          },
        };
      }
      if (row.current_last === null) {
        this.seen.delete(service.id);
        return null;
      }
      this.seen.set(service.id, { last: row.current_last, lowest: row.current_lowest });
    }
    return null;
  }
}
