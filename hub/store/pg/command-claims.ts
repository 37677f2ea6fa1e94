/**
 * Idempotency on PostgreSQL when a replay may reach another hub process while its original is
 * still running (a terminal reconnects through the proxy and replays its outbox). The command
 * runner logs a command's answer as the last statement of its transaction, under the commandId
 * (the command log's primary key): a second run of the same id waits on the first's uncommitted
 * row, finds it committed and rolls back whole, answering the first answer; if the first rolled
 * back, the second's row goes in. A transaction that must decide about ANOTHER command's id — a
 * kiosk's delivery superseding a ticket:issue — claims it first (PgCommandLog.find inside a
 * transaction): a row whose answer is this placeholder until the same transaction fills it in or
 * drops it before COMMIT, so nobody ever sees a claim without its answer.
 */
export const CLAIMED = '"claimed"';
