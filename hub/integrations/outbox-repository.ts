import type { Database, Statement } from 'better-sqlite3';
import { PORTAL_TARGET, type Delivery, type DeliveryState, type PortalRowState } from '../../core/integrations/outbound-events';
import { toDelivery, type OutboxDbRow } from './outbox-rows';

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

/**
 * How long a worker's claim on a row lasts unless renewed. The worker renews it every
 * CLAIM_RENEW_MS while its attempt runs (a webhook's timeout is 15–30 s; the portal's sync is a
 * few calls of their own timeout), so a row is attempted by one worker at a time however long the
 * attempt; a claim its worker stopped renewing (the process died: kill -9, a power cut) runs out
 * a minute later, and another process's worker takes the row at its next look (OutboxWorker's
 * poll, 30 s). It was 5 minutes, unrenewed.
 */
export const CLAIM_LEASE_MS = 60_000;
/** How often a worker renews the claim of the row it is attempting: three times a lease. */
export const CLAIM_RENEW_MS = 20_000;

/**
 * The outbox over the hub's SQLite (migration 0018); the hub's services use its async face
 * (HubRepositories.outbox), the PostgreSQL twin is hub/store/pg/pg-outbox-repository.ts. The
 * writes of `enqueue` run in the caller's (the command's) transaction.
 *
 * Claims: a worker claims a row right before attempting it (claim()) and gives it back with the
 * attempt's outcome (recordAttempt()) or release(). A SQLite database has one hub process, so the
 * claims live in this object: a restarted hub holds none, and a row cut mid-attempt by a crash is
 * sent again at once. (PostgreSQL, with several processes, claims in the row itself.)
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
  readonly #firstPayload: Statement<[string, string], { payload: string }>;
  readonly #claimable: Statement<[number, number, string], { id: number }>;
  /** Row id → when its claim runs out (ms). */
  readonly #claims = new Map<number, number>();

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
    this.#firstPayload = db.prepare(`SELECT payload FROM outbox WHERE subject = ? AND target = ? ORDER BY id LIMIT 1`);
    this.#claimable = db.prepare(`SELECT id FROM outbox WHERE id = ? AND state = 'pending' AND attempts = ? AND next_attempt_at <= ?`);
  }

  enqueue(row: NewDelivery): void {
    const state = row.state ?? 'pending';
    this.#insert.run({ ...row, payload: JSON.stringify(row.payload), state, nextAttemptAt: state === 'pending' ? row.createdAt : null });
  }

  /** Whether any row carries this event id (the overdue scan's "already told"). */
  hasEvent(eventId: string): boolean {
    return this.#hasEvent.get(eventId) !== undefined;
  }

  /** Rows due now, oldest first, but not those claimed by a worker (see claim()). */
  due(now: Date, limit: number): OutboxRow[] {
    const claimed = (id: number) => (this.#claims.get(id) ?? 0) > now.getTime();
    return (this.#due.all(now.toISOString(), limit) as OutboxDbRow[]).filter((r) => !claimed(r.id)).map(toDelivery);
  }

  /** When the earliest pending row is due, or null when none is pending. */
  nextDueAt(): Date | null {
    const at = (this.#nextDue.get() as { at: string | null }).at;
    return at === null ? null : new Date(at);
  }

  /** The payload of the first row of a subject for a target (the citizen's phone: the receipt's notify row), or null. */
  firstPayloadOf(subject: string, target: string): unknown {
    const row = this.#firstPayload.get(subject, target);
    return row ? (JSON.parse(row.payload) as unknown) : null;
  }

  /**
   * Takes the row for one attempt: true when it is still due, still at `attempts` attempts (no
   * other attempt was recorded since it was read) and nobody else holds it. Until recordAttempt()
   * or release(), or CLAIM_LEASE_MS, no other claim of it succeeds.
   */
  claim(id: number, attempts: number, now: Date): boolean {
    const held = this.#claims.get(id);
    if (held !== undefined && held > now.getTime()) return false;
    if (!this.#claimable.get(id, attempts, now.toISOString())) return false;
    this.#claims.set(id, now.getTime() + CLAIM_LEASE_MS);
    return true;
  }

  /**
   * Extends the claim of a row under attempt to CLAIM_LEASE_MS from `now`: true if it is still
   * claimed, still pending and still at `attempts`. A worker calls it every CLAIM_RENEW_MS.
   */
  renew(id: number, attempts: number, now: Date): boolean {
    void attempts; // one process: the claim map is the whole truth (PostgreSQL checks the row's count)
    if (!this.#claims.has(id)) return false;
    this.#claims.set(id, now.getTime() + CLAIM_LEASE_MS);
    return true;
  }

  /** Gives a claimed row back without an attempt recorded: due again from `now`. */
  release(id: number, now: Date): void {
    void now; // the claim held nothing in the row (PostgreSQL's does: its due time)
    this.#claims.delete(id);
  }

  /** The attempt's outcome; the row's claim ends with it. */
  recordAttempt(id: number, record: AttemptRecord): void {
    this.#attempt.run({ id, ...record });
    this.#claims.delete(id);
  }

  byId(id: number): OutboxRow | null {
    const r = this.#byId.get(id) as OutboxDbRow | undefined;
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
    return (this.db.prepare(sql).all(...params, filter.limit) as OutboxDbRow[]).map(toDelivery);
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
