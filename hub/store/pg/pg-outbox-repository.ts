import { PORTAL_TARGET, type DeliveryState, type PortalRowState } from '../../../core/integrations/outbound-events';
import { CLAIM_LEASE_MS, type AttemptRecord, type DeliveryFilter, type NewDelivery, type OutboxRepository, type OutboxRow } from '../../integrations/outbox-repository';
import type { Async } from '../async-of';
import type { PgSql } from './pg-store';
import { OUTBOX_COLUMNS, toDelivery, type OutboxDbRow } from '../../integrations/outbox-rows';

const COLUMNS = OUTBOX_COLUMNS;
const O_COLUMNS = COLUMNS.split(', ').map((c) => `o.${c}`).join(', ');

/**
 * The PostgreSQL twin of hub/integrations/outbox-repository.ts, for one centre (PostgreSQL
 * migration 0008). Several hub processes of a centre run a worker each over the same rows:
 *
 * - claim() is one conditional UPDATE: it moves the row's next attempt to the end of a lease
 *   (CLAIM_LEASE_MS) only if the row is still pending, still due and still at the attempt count
 *   the worker read. Two workers claiming at once: the second waits for the first's row lock,
 *   re-reads the row, finds it no longer due, and gets false. due() then skips it everywhere,
 *   and recordAttempt() writes the real next time. The worker renews the lease while its attempt
 *   runs (renew(), every CLAIM_RENEW_MS); a worker that dies mid-attempt stops renewing, and the
 *   row is due again when its lease runs out, a minute later (SQLite, one process, sends it again
 *   at once after the restart).
 * - enqueue() is INSERT … ON CONFLICT DO NOTHING: the overdue scan of two workers writes one row.
 * - disableSubscription() and requeue() are one statement each (data-modifying WITH).
 */
export class PgOutboxRepository implements Async<OutboxRepository> {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async enqueue(row: NewDelivery): Promise<void> {
    const state = row.state ?? 'pending';
    await this.sql.run(
      `INSERT INTO outbox (centre_id, target, event_id, event_type, subject, payload, created_at, state, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (centre_id, target, event_id) DO NOTHING`,
      [this.centreId, row.target, row.eventId, row.eventType, row.subject, JSON.stringify(row.payload), row.createdAt, state, state === 'pending' ? row.createdAt : null],
    );
  }

  async hasEvent(eventId: string): Promise<boolean> {
    return (await this.sql.row('SELECT 1 FROM outbox WHERE centre_id = $1 AND event_id = $2 LIMIT 1', [this.centreId, eventId])) !== null;
  }

  async due(now: Date, limit: number): Promise<OutboxRow[]> {
    // A portal row waits while an earlier row of the same dossier is not delivered (see the SQLite repository).
    const rows = await this.sql.rows<OutboxDbRow>(
      `SELECT ${O_COLUMNS} FROM outbox o
        WHERE o.centre_id = $1 AND o.state = 'pending' AND o.next_attempt_at <= $2
          AND (o.target <> '${PORTAL_TARGET}' OR NOT EXISTS (
                SELECT 1 FROM outbox e WHERE e.centre_id = o.centre_id AND e.subject = o.subject AND e.target = o.target AND e.id < o.id AND e.state <> 'delivered'))
        ORDER BY o.next_attempt_at, o.id LIMIT $3`,
      [this.centreId, now.toISOString(), limit],
    );
    return rows.map(toDelivery);
  }

  async nextDueAt(): Promise<Date | null> {
    const row = await this.sql.row<{ at: string | null }>(`SELECT min(next_attempt_at) AS at FROM outbox WHERE centre_id = $1 AND state = 'pending'`, [this.centreId]);
    return row?.at ? new Date(row.at) : null;
  }

  async firstPayloadOf(subject: string, target: string): Promise<unknown> {
    const row = await this.sql.row<{ payload: string }>('SELECT payload FROM outbox WHERE centre_id = $1 AND subject = $2 AND target = $3 ORDER BY id LIMIT 1', [this.centreId, subject, target]);
    return row ? (JSON.parse(row.payload) as unknown) : null;
  }

  async claim(id: number, attempts: number, now: Date): Promise<boolean> {
    const n = await this.sql.run(
      `UPDATE outbox SET next_attempt_at = $5 WHERE centre_id = $1 AND id = $2 AND state = 'pending' AND attempts = $3 AND next_attempt_at <= $4`,
      [this.centreId, id, attempts, now.toISOString(), new Date(now.getTime() + CLAIM_LEASE_MS).toISOString()],
    );
    return n === 1;
  }

  async renew(id: number, attempts: number, now: Date): Promise<boolean> {
    const n = await this.sql.run(`UPDATE outbox SET next_attempt_at = $4 WHERE centre_id = $1 AND id = $2 AND state = 'pending' AND attempts = $3`, [
      this.centreId,
      id,
      attempts,
      new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(),
    ]);
    return n === 1;
  }

  async release(id: number, now: Date): Promise<void> {
    await this.sql.run(`UPDATE outbox SET next_attempt_at = $3 WHERE centre_id = $1 AND id = $2 AND state = 'pending'`, [this.centreId, id, now.toISOString()]);
  }

  async recordAttempt(id: number, record: AttemptRecord): Promise<void> {
    await this.sql.run(
      `UPDATE outbox SET state = $3, attempts = $4, first_attempt_at = $5, last_attempt_at = $6, next_attempt_at = $7, last_error = $8, delivered_at = $9
        WHERE centre_id = $1 AND id = $2`,
      [this.centreId, id, record.state, record.attempts, record.firstAttemptAt, record.lastAttemptAt, record.nextAttemptAt, record.lastError, record.deliveredAt],
    );
  }

  async byId(id: number): Promise<OutboxRow | null> {
    const row = await this.sql.row<OutboxDbRow>(`SELECT ${COLUMNS} FROM outbox WHERE centre_id = $1 AND id = $2`, [this.centreId, id]);
    return row ? toDelivery(row) : null;
  }

  async portalRowsOf(subject: string): Promise<PortalRowState[]> {
    const rows = await this.sql.rows<{ state: DeliveryState; last_error: string | null; delivered_at: string | null }>(
      `SELECT state, last_error, delivered_at FROM outbox WHERE centre_id = $1 AND subject = $2 AND target = '${PORTAL_TARGET}' ORDER BY id`,
      [this.centreId, subject],
    );
    return rows.map((r) => ({ state: r.state, lastError: r.last_error, deliveredAt: r.delivered_at }));
  }

  async disableSubscription(subscriptionId: string, target: string, reason: string, at: string): Promise<void> {
    await this.sql.run(
      `WITH s AS (
         INSERT INTO webhook_subscription_states (centre_id, subscription_id, disabled_at, reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT (centre_id, subscription_id) DO UPDATE SET disabled_at = excluded.disabled_at, reason = excluded.reason
       )
       UPDATE outbox SET state = 'disabled', next_attempt_at = NULL, last_error = coalesce(last_error, $4) WHERE centre_id = $1 AND target = $5 AND state = 'pending'`,
      [this.centreId, subscriptionId, at, reason, target],
    );
  }

  async disabledReason(subscriptionId: string): Promise<string | null> {
    const r = await this.sql.row<{ disabled_at: string | null; reason: string | null }>('SELECT disabled_at, reason FROM webhook_subscription_states WHERE centre_id = $1 AND subscription_id = $2', [
      this.centreId,
      subscriptionId,
    ]);
    return r?.disabled_at ? (r.reason ?? 'disabled') : null;
  }

  async requeue(id: number, now: Date, subscriptionId: string | null): Promise<OutboxRow | null> {
    const row = await this.sql.row<OutboxDbRow>(
      `WITH s AS (
         INSERT INTO webhook_subscription_states (centre_id, subscription_id, disabled_at, reason)
         SELECT $1, $4, NULL, NULL WHERE $4::text IS NOT NULL AND EXISTS (SELECT 1 FROM outbox WHERE centre_id = $1 AND id = $2)
         ON CONFLICT (centre_id, subscription_id) DO UPDATE SET disabled_at = NULL, reason = NULL
       )
       UPDATE outbox SET state = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = $3, last_error = NULL, delivered_at = NULL
        WHERE centre_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [this.centreId, id, now.toISOString(), subscriptionId],
    );
    return row ? toDelivery(row) : null;
  }

  async list(filter: DeliveryFilter): Promise<OutboxRow[]> {
    const where = ['centre_id = $1'];
    const params: (string | number)[] = [this.centreId];
    const add = (column: string, value: string | number | undefined, op = '=') => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} ${op} $${params.length}`);
    };
    add('state', filter.state);
    add('target', filter.target);
    add('subject', filter.subject);
    add('event_type', filter.eventType);
    add('id', filter.beforeId, '<');
    params.push(filter.limit);
    const rows = await this.sql.rows<OutboxDbRow>(`SELECT ${COLUMNS} FROM outbox WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.length}`, params);
    return rows.map(toDelivery);
  }

  async overdueDossiers(now: Date): Promise<{ code: string; dueAt: string; status: string; departmentId: string }[]> {
    return this.sql.rows(
      `SELECT code, due_at AS "dueAt", status, department_id AS "departmentId" FROM dossiers
        WHERE centre_id = $1 AND due_at < $2 AND status IN ('received','processing','supplement-requested') ORDER BY due_at LIMIT 500`,
      [this.centreId, now.toISOString()],
    );
  }
}
