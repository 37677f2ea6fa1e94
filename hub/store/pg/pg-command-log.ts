import type { LoggedAnswer } from '../../commands/command-log';
import { loggedAnswerJson } from '../../queue/issue-answer';
import { CLAIMED } from './command-claims';
import { APPEND_EVENTS, APPEND_EVENTS_PARAMS, INSERT_EVENTS, RESERVE_EVENT_SEQS } from './event-log';
import type { PgSql } from './pg-store';

/** Rows deleted per statement when pruning, as the SQLite log does. */
const PRUNE_BATCH = 5_000;

/** Fills in our claim, or writes a command nobody claimed; never overwrites an answer. */
const RECORD = `INSERT INTO commands (command_id, centre_id, device_id, name, result_json, at, ok) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (command_id) DO UPDATE SET device_id = excluded.device_id, name = excluded.name, result_json = excluded.result_json,
       at = excluded.at, ok = excluded.ok
     WHERE commands.result_json = '${CLAIMED}' AND commands.centre_id = excluded.centre_id`;

/** `$n` → `$(n + by)`: a statement's parameters moved behind another's in a combined statement. */
const shiftParams = (text: string, by: number) => text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);

const SQL = {
  // The claim (command-claims.ts): the answer's columns are filled in by record() in the same transaction.
  claim: `INSERT INTO commands (command_id, centre_id, device_id, name, result_json, at, ok) VALUES ($1, $2, '', '', '${CLAIMED}', '', 0)
     ON CONFLICT (command_id) DO NOTHING`,
  find: 'SELECT device_id, name, result_json FROM commands WHERE command_id = $1',
  record: RECORD,
  // The same, sent without waiting (PgSql.send): it refuses by itself when it wrote no row, aborting the transaction.
  recordSent: `WITH written AS (${RECORD} RETURNING 1)
     SELECT CASE WHEN count(*) = 1 THEN 1 ELSE motcua_refuse('command ' || $1 || ' is logged already') END FROM written`,
  // The same with the events held just before it (event-log.ts, PgSql.hold): one statement, the
  // events' parameters first ($1…$6), the answer's after them; the events' seqs come back with it
  // (as JSON: a bigint[] would come back as strings, the pool parsing only a single int8 to a number).
  recordAfterEvents: `WITH ${RESERVE_EVENT_SEQS},
       appended AS (${INSERT_EVENTS}),
       written AS (${shiftParams(RECORD, APPEND_EVENTS_PARAMS)} RETURNING 1)
     SELECT (SELECT coalesce(json_agg(seq ORDER BY seq), '[]') FROM appended) AS seqs, (SELECT listeners FROM reserved) AS listeners,
       CASE WHEN (SELECT count(*) FROM written) = 1 THEN 1 ELSE motcua_refuse('command ' || $${APPEND_EVENTS_PARAMS + 1} || ' is logged already') END AS logged`,
  dropClaims: `DELETE FROM commands WHERE command_id = ANY($1::text[]) AND result_json = '${CLAIMED}'`,
  prune: `DELETE FROM commands WHERE ctid = ANY (ARRAY (
       SELECT ctid FROM commands WHERE centre_id = $1 AND at < $2 AND result_json <> '${CLAIMED}' LIMIT ${PRUNE_BATCH}))`,
} as const;

/**
 * The PostgreSQL twin of hub/commands/command-log.ts (find, record, prune), for one centre, with
 * the claim semantics of command-claims.ts:
 *
 * - record() inside a transaction is sent without waiting and refuses by itself (aborting the
 *   transaction) when the id is logged already: the command runner logs each answer last, so a
 *   replay that raced its original in another process rolls back whole and answers the first.
 * - find() inside a transaction first claims the commandId (inserts its row, answer pending), for
 *   a transaction deciding about another command's id: a kiosk's delivery superseding a ticket:issue
 *   (NumberLeases) — the original, still running elsewhere, waits on the claim when it comes to
 *   log its answer. find() answers null when it claimed, as the SQLite log answers null for an
 *   unknown id; record() then fills the claim in.
 * - A claim not answered by the end of the transaction is dropped just before COMMIT, so nobody
 *   ever sees a claim without its answer.
 * Outside a transaction find() only reads.
 *
 * Command ids are unique province-wide (the table's primary key); find() returns an answer
 * whichever centre logged it, as the runner refuses a reused id by its device and name.
 */
export class PgCommandLog {
  /** Per transaction: the ids this log claimed and has not answered yet. */
  private readonly unanswered = new WeakMap<object, Set<string>>();

  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async find(commandId: string): Promise<LoggedAnswer | null> {
    const scope = this.sql.transactionScope;
    if (scope !== undefined && (await this.sql.run(SQL.claim, [commandId, this.centreId])) === 1) {
      this.claimed(scope).add(commandId);
      return null;
    }
    const row = await this.sql.row<{ device_id: string; name: string; result_json: string }>(SQL.find, [commandId]);
    // Our own claim, looked up a second time in the same transaction: still unanswered.
    if (!row || row.result_json === CLAIMED) return null;
    // The one-statement issue logs its answer's inputs (hub/queue/issue-answer.ts): rebuilt, the answer the terminal first heard.
    return { deviceId: row.device_id, name: row.name, resultJson: loggedAnswerJson(row.result_json) };
  }

  /**
   * In a transaction the answer is sent without waiting (PgSql.send): it goes out with the next
   * command's first statement or with the COMMIT, a round trip saved per command; SQLite's primary
   * key refuses a second record of one id, and so does the statement (its error rolls the
   * transaction back). Outside one, it is written and checked at once.
   */
  async record(commandId: string, deviceId: string, name: string, resultJson: string, at: string, ok: boolean): Promise<void> {
    const params = [commandId, this.centreId, deviceId, name, resultJson, at, ok ? 1 : 0];
    const scope = this.sql.transactionScope;
    if (scope !== undefined) {
      const events = this.sql.takeHeld(APPEND_EVENTS);
      if (events) {
        // The events and the answer in one statement (one fewer per command); the events' caller gets its seqs.
        const both = this.sql.sendForResult<{ seqs: number[]; listeners: string[] | null }>(SQL.recordAfterEvents, [...events.params, ...params]);
        events.settle(both.then((r) => ({ ...r, rows: r.rows[0]!.seqs.map((seq) => ({ seq, listeners: r.rows[0]!.listeners })) })));
      } else {
        this.sql.send(SQL.recordSent, params);
      }
      this.unanswered.get(scope)?.delete(commandId);
      return;
    }
    const written = await this.sql.run(SQL.record, params);
    if (written !== 1) throw new Error(`command ${commandId} is logged already`);
  }

  /** Deletes the centre's entries logged before `before` (ISO instant); returns how many. */
  async prune(before: string): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.sql.run(SQL.prune, [this.centreId, before]);
      total += deleted;
      if (deleted < PRUNE_BATCH) return total;
    }
  }

  private claimed(scope: object): Set<string> {
    let ids = this.unanswered.get(scope);
    if (!ids) {
      const pending = new Set<string>();
      ids = pending;
      this.unanswered.set(scope, pending);
      this.sql.beforeCommit(async () => {
        if (pending.size > 0) await this.sql.run(SQL.dropClaims, [[...pending]]);
      });
    }
    return ids;
  }
}
