import type { Database, Statement } from 'better-sqlite3';
import { PORTAL_TARGET, type Delivery, type DeliveryState, type PortalRowState } from '../../core/integrations/outbound-events';

/** A row to write: the caller is inside the command's transaction. */
export interface NewDelivery {
  readonly target: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly subject: string;
  readonly payload: unknown;
  readonly createdAt: string;
  /** 'disabled' for a subscription a 410 switched off: kept, visible, re-sendable. */
  readonly state?: 'pending' | 'disabled';
}

export interface OutboxRow extends Delivery {
  readonly payload: unknown;
  readonly firstAttemptAt: string | null;
}

export interface AttemptRecord {
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly firstAttemptAt: string;
  readonly lastAttemptAt: string;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
}

export interface DeliveryFilter {
  readonly state?: DeliveryState;
  readonly target?: string;
  readonly subject?: string;
  readonly eventType?: string;
  /** Rows with a smaller id (paging back through the log). */
  readonly beforeId?: number;
  readonly limit: number;
}

interface Row {
  id: number;
  target: string;
  event_id: string;
  event_type: string;
  subject: string;
  payload: string;
  created_at: string;
  state: DeliveryState;
  attempts: number;
  first_attempt_at: string | null;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

const toDelivery = (r: Row): OutboxRow => ({
  id: r.id,
  target: r.target,
  eventId: r.event_id,
  eventType: r.event_type,
  subject: r.subject,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  firstAttemptAt: r.first_attempt_at,
  payload: JSON.parse(r.payload) as unknown,
});

/**
 * The outbox over the hub's SQLite (migration 0018). Methods are synchronous like the hub's other
 * repositories today; the writes of `enqueue` run in the caller's (the command's) transaction.
 */
export class OutboxRepository {
  readonly #insert: Statement;
  readonly #due: Statement;
  readonly #nextDue: Statement;
  readonly #attempt: Statement;
  readonly #byId: Statement;
  readonly #portalRows: Statement;
  readonly #disableTarget: Statement;
  readonly #subscriptionState: Statement;
  readonly #setSubscriptionState: Statement;
  readonly #requeue: Statement;
  readonly #hasEvent: Statement;

  constructor(private readonly db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO outbox (target, event_id, event_type, subject, payload, created_at, state, next_attempt_at)
       VALUES (@target, @eventId, @eventType, @subject, @payload, @createdAt, @state, @nextAttemptAt)
       ON CONFLICT (target, event_id) DO NOTHING`,
    );
    // Due rows, oldest first. A portal row waits while an earlier row of the same dossier is not
    // delivered: the portal must see DongBoHoSoMC before the steps, and the steps in order.
    this.#due = db.prepare(
      `SELECT o.* FROM outbox o
        WHERE o.state = 'pending' AND o.next_attempt_at <= ?
          AND (o.target <> '${PORTAL_TARGET}' OR NOT EXISTS (
                SELECT 1 FROM outbox e WHERE e.subject = o.subject AND e.target = o.target AND e.id < o.id AND e.state <> 'delivered'))
        ORDER BY o.next_attempt_at, o.id LIMIT ?`,
    );
    this.#nextDue = db.prepare(`SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'pending'`);
    this.#attempt = db.prepare(
      `UPDATE outbox SET state = @state, attempts = @attempts, first_attempt_at = @firstAttemptAt, last_attempt_at = @lastAttemptAt,
              next_attempt_at = @nextAttemptAt, last_error = @lastError, delivered_at = @deliveredAt WHERE id = @id`,
    );
    this.#byId = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.#portalRows = db.prepare(`SELECT state, last_error, delivered_at FROM outbox WHERE subject = ? AND target = '${PORTAL_TARGET}' ORDER BY id`);
    this.#disableTarget = db.prepare(`UPDATE outbox SET state = 'disabled', next_attempt_at = NULL, last_error = coalesce(last_error, ?) WHERE target = ? AND state = 'pending'`);
    this.#subscriptionState = db.prepare('SELECT disabled_at, reason FROM webhook_subscription_states WHERE subscription_id = ?');
    this.#setSubscriptionState = db.prepare(
      `INSERT INTO webhook_subscription_states (subscription_id, disabled_at, reason) VALUES (?, ?, ?)
       ON CONFLICT (subscription_id) DO UPDATE SET disabled_at = excluded.disabled_at, reason = excluded.reason`,
    );
    this.#requeue = db.prepare(
      `UPDATE outbox SET state = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = ?, last_error = NULL, delivered_at = NULL WHERE id = ?`,
    );
    this.#hasEvent = db.prepare('SELECT 1 FROM outbox WHERE event_id = ? LIMIT 1');
  }

  enqueue(row: NewDelivery): void {
    const state = row.state ?? 'pending';
    this.#insert.run({ ...row, payload: JSON.stringify(row.payload), state, nextAttemptAt: state === 'pending' ? row.createdAt : null });
  }

  /** Whether any row carries this event id (the overdue scan's "already told"). */
  hasEvent(eventId: string): boolean {
    return this.#hasEvent.get(eventId) !== undefined;
  }

  due(now: Date, limit: number): OutboxRow[] {
    return (this.#due.all(now.toISOString(), limit) as Row[]).map(toDelivery);
  }

  /** When the earliest pending row is due, or null when none is pending. */
  nextDueAt(): Date | null {
    const at = (this.#nextDue.get() as { at: string | null }).at;
    return at === null ? null : new Date(at);
  }

  recordAttempt(id: number, record: AttemptRecord): void {
    this.#attempt.run({ id, ...record });
  }

  byId(id: number): OutboxRow | null {
    const r = this.#byId.get(id) as Row | undefined;
    return r ? toDelivery(r) : null;
  }

  portalRowsOf(subject: string): PortalRowState[] {
    return (this.#portalRows.all(subject) as { state: DeliveryState; last_error: string | null; delivered_at: string | null }[]).map((r) => ({ state: r.state, lastError: r.last_error, deliveredAt: r.delivered_at }));
  }

  /** A 410: the subscription is off, and its waiting rows with it (kept, re-sendable). */
  disableSubscription(subscriptionId: string, target: string, reason: string, at: string): void {
    this.db.transaction(() => {
      this.#setSubscriptionState.run(subscriptionId, at, reason);
      this.#disableTarget.run(reason, target);
    })();
  }

  disabledReason(subscriptionId: string): string | null {
    const r = this.#subscriptionState.get(subscriptionId) as { disabled_at: string | null; reason: string | null } | undefined;
    return r?.disabled_at ? (r.reason ?? 'disabled') : null;
  }

  /** "Gửi lại": the row starts over (attempt count and schedule), now; its subscription is switched on again. */
  requeue(id: number, now: Date, subscriptionId: string | null): OutboxRow | null {
    return this.db.transaction(() => {
      if (!this.#byId.get(id)) return null;
      this.#requeue.run(now.toISOString(), id);
      if (subscriptionId !== null) this.#setSubscriptionState.run(subscriptionId, null, null);
      return this.byId(id);
    })();
  }

  list(filter: DeliveryFilter): OutboxRow[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (sql: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(sql);
      params.push(value);
    };
    add('state = ?', filter.state);
    add('target = ?', filter.target);
    add('subject = ?', filter.subject);
    add('event_type = ?', filter.eventType);
    add('id < ?', filter.beforeId);
    const sql = `SELECT * FROM outbox ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, filter.limit) as Row[]).map(toDelivery);
  }

  /** Dossiers past their due date and still open, for dossier.overdue (one event per due date). */
  overdueDossiers(now: Date): { code: string; dueAt: string; status: string; departmentId: string }[] {
    return this.db
      .prepare(
        `SELECT code, due_at AS dueAt, status, department_id AS departmentId FROM dossiers
          WHERE due_at < ? AND status IN ('received','processing','supplement-requested') ORDER BY due_at LIMIT 500`,
      )
      .all(now.toISOString()) as { code: string; dueAt: string; status: string; departmentId: string }[];
  }
}
