import type { Queryable } from './queryable';

/**
 * Idempotency on PostgreSQL when a replay may reach another hub process while its original is
 * still running (a terminal reconnects through the proxy and replays its outbox). The command's
 * transaction first claims its commandId — a row of the command log, primary key command_id —
 * and only then does the work; it fills in the answer before it commits. A duplicate's claim
 * waits on the uncommitted key: when the original commits, the duplicate finds the answer and
 * does nothing; when the original rolls back (an internal failure), the duplicate runs it.
 * Nobody ever sees a claim without its answer: both are written in one transaction.
 */


export interface CommandClaim {
  readonly commandId: string;
  readonly centreId: string;
  readonly deviceId: string;
  readonly name: string;
  /** ISO time of the command (the runner's clock reading), as SQLite's log keeps it. */
  readonly at: string;
}

export interface LoggedCommand {
  readonly deviceId: string;
  readonly name: string;
  readonly resultJson: string;
  readonly ok: boolean;
}

export type ClaimOutcome = { readonly claimed: true } | { readonly claimed: false; readonly previous: LoggedCommand };

/** Placeholder of a claimed command's answer until completeCommand, inside the same transaction. */
export const CLAIMED = '"claimed"';

const SQL = {
  claim: `INSERT INTO commands (command_id, centre_id, device_id, name, result_json, at, ok) VALUES ($1, $2, $3, $4, '${CLAIMED}', $5, 0)
     ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
  previous: 'SELECT device_id, name, result_json, ok FROM commands WHERE command_id = $1',
  complete: `UPDATE commands SET result_json = $2, ok = $3 WHERE command_id = $1 AND result_json = '${CLAIMED}'`,
} as const;

/** Claims the commandId inside the caller's transaction, or returns the answer its first run committed. */
export async function claimCommand(db: Queryable, claim: CommandClaim): Promise<ClaimOutcome> {
  const inserted = await db.query(SQL.claim, [claim.commandId, claim.centreId, claim.deviceId, claim.name, claim.at]);
  if (inserted.rowCount === 1) return { claimed: true };
  // Read-committed: this new statement sees the row whose commit our insert waited for.
  const { rows } = await db.query<{ device_id: string; name: string; result_json: string; ok: number }>(SQL.previous, [claim.commandId]);
  const row = rows[0];
  if (row === undefined) throw new Error(`command ${claim.commandId}: claimed by another transaction, but no row is visible`);
  return { claimed: false, previous: { deviceId: row.device_id, name: row.name, resultJson: row.result_json, ok: row.ok === 1 } };
}

/** Writes the answer of a command this transaction claimed (refusals included, ok = false). */
export async function completeCommand(db: Queryable, commandId: string, resultJson: string, ok: boolean): Promise<void> {
  const updated = await db.query(SQL.complete, [commandId, resultJson, ok ? 1 : 0]);
  if (updated.rowCount !== 1) throw new Error(`command ${commandId} was not claimed by this transaction`);
}
