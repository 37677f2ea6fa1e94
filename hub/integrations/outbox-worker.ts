import { decideWebhookAttempt, type WebhookAttemptOutcome } from '../../core/integrations/webhook-retry';
import { PORTAL_TARGET } from '../../core/integrations/outbound-events';
import { capMessage } from '../../core/validation';
import type { NationalPortalAdapter } from './national-portal';
import type { NotifierChain } from './notifier-chain';
import { deliverNotification } from './notify-delivery';
import { NOTIFY_TARGET } from './notify-recorder';
import { syncDossierToPortal } from './national-portal';
import type { OutboxRecorder, PortalPayload, WebhookPayload } from './outbox-recorder';
import type { Async } from '../store/async-of';
import { CLAIM_RENEW_MS, type OutboxRepository, type OutboxRow } from './outbox-repository';
import { portalErrorVi, REASON_DETAIL_SEPARATOR } from './portal-error-vi';
import type { OutboxTimers, WebhookSubscription } from './outbox-settings';
import type { WebhookSender } from './webhook-sender';

export interface OutboxWorkerOptions {
  readonly repo: Async<OutboxRepository>;
  readonly recorder: OutboxRecorder;
  readonly clock: () => Date;
  readonly timers: OutboxTimers;
  /** [0, 1) for the retry jitter. */
  readonly random: () => number;
  readonly sender: WebhookSender;
  readonly subscriptions: readonly WebhookSubscription[];
  readonly portal: NationalPortalAdapter | null;
  /** The citizen's phone (ZNS, then SMS), or null when no channel is configured. */
  readonly notifier?: NotifierChain | null;
  /** The longest sleep between two looks at the outbox (a due row is also woken by a kick). */
  readonly pollMs?: number;
  /** Rows attempted per pass. */
  readonly batch?: number;
  /** How long close() waits for an attempt under way before it lets go (the row is then sent again after the restart). */
  readonly closeWaitMs?: number;
  /** How often the claim of a row under attempt is renewed (default CLAIM_RENEW_MS). */
  readonly claimRenewMs?: number;
  /** A pass that failed as a whole (the database busy or gone): logged, and the next pass tries again. */
  readonly onError?: (error: Error) => void;
}

const DEFAULT_POLL_MS = 30_000;

/**
 * Delivers the outbox's due rows: webhooks through the Standard Webhooks sender, the national
 * portal through its adapter (TraCuuHoSo → DongBoHoSoMC, then CapNhatTienDoHoSoMC per step).
 * Each attempt's outcome is written to the row (attempts, next time, last error, state) after
 * the attempt: a hub that dies mid-attempt finds the row still due and sends it again, and the
 * receiver drops the repeat by its webhook-id. Nothing is kept in memory that the rows do not hold.
 * Each row is claimed right before its attempt (OutboxRepository.claim): on PostgreSQL several hub
 * processes run a worker each over the centre's rows, and a row is attempted by one at a time.
 */
export class OutboxWorker {
  #timer: unknown = null;
  #running: Promise<number> | null = null;
  #again = false;
  #started = false;
  #closed = false;
  readonly #subscriptions: ReadonlyMap<string, WebhookSubscription>;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.#subscriptions = new Map(options.subscriptions.map((s) => [s.id, s]));
  }

  start(): void {
    if (this.#started) throw new Error('OutboxWorker.start() called twice');
    this.#started = true;
    this.kick();
  }

  /** Something was written (a command committed, a row re-queued): look now, or right after the pass under way. */
  kick(): void {
    if (!this.#started || this.#closed) return;
    if (this.#running) this.#again = true;
    else this.#background();
  }

  /**
   * One pass: the overdue scan, then every row due now, once each. Resolves with the number of
   * attempts made. Called while a pass runs, it waits for that one and then makes its own.
   */
  async runDue(): Promise<number> {
    while (this.#running) await this.#running.catch(() => 0);
    const pass = this.#pass().finally(() => {
      this.#running = null;
      if (this.#again && !this.#closed) {
        this.#again = false;
        this.#background();
      } else this.#schedule().catch((e: unknown) => this.#report(e as Error));
    });
    this.#running = pass;
    return pass;
  }

  /**
   * Stops the worker. An attempt under way is waited for a little (closeWaitMs), not for its whole
   * time limit: one left behind records nothing, and its row is sent again after the restart.
   */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) this.options.timers.clearTimeout(this.#timer);
    this.#timer = null;
    const running = this.#running;
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.closeWaitMs ?? 2000);
    });
    await Promise.race([running.then(() => undefined, () => undefined), waited]);
    clearTimeout(timer);
  }

  #background(): void {
    this.runDue().catch((e: unknown) => this.#report(e as Error));
  }

  #report(error: Error): void {
    // After close() the database may be gone under a late attempt: its row stays due, nothing to report.
    if (!this.#closed) (this.options.onError ?? ((e) => console.error(`motcua hub: outbox pass failed: ${e.message}`)))(error);
  }

  async #schedule(): Promise<void> {
    if (this.#closed || !this.#started) return;
    const poll = this.options.pollMs ?? DEFAULT_POLL_MS;
    let next: Date | null;
    try {
      next = await this.options.repo.nextDueAt();
    } catch (e) {
      // The store is unreachable for now: look again after a poll (the next pass reports it if it lasts).
      next = null;
      this.#report(e as Error);
    }
    // A pass started meanwhile (a kick) schedules its own look when it ends.
    if (this.#closed || this.#running) return;
    if (this.#timer !== null) this.options.timers.clearTimeout(this.#timer);
    const wait = next === null ? poll : Math.min(poll, Math.max(0, next.getTime() - this.options.clock().getTime()));
    this.#timer = this.options.timers.setTimeout(() => {
      this.#timer = null;
      this.#background();
    }, wait);
  }

  async #pass(): Promise<number> {
    const { repo, recorder } = this.options;
    const now = this.options.clock();
    if (recorder.wantsOverdue) {
      for (const d of await repo.overdueDossiers(now)) await recorder.dossierOverdue(now.toISOString(), d);
    }
    const rows = await repo.due(now, this.options.batch ?? 50);
    // Targets side by side, each target's rows in order: a slow department's server does not
    // hold up the portal or another department.
    const byTarget = new Map<string, OutboxRow[]>();
    for (const row of rows) byTarget.set(row.target, [...(byTarget.get(row.target) ?? []), row]);
    let attempted = 0;
    await Promise.all(
      [...byTarget.values()].map(async (queue) => {
        for (const row of queue) {
          if (this.#closed) return;
          // Another hub process's worker took it since it was read (or attempted it): not this one's to send.
          if (!(await repo.claim(row.id, row.attempts, this.options.clock()))) continue;
          attempted++;
          const renewing = this.#renewWhileAttempting(row);
          try {
            await this.#deliver(row);
          } catch (e) {
            // Nothing recorded (the store failed under the attempt): the row is due again now, not after the claim's lease.
            await repo.release(row.id, this.options.clock()).catch(() => undefined);
            throw e;
          } finally {
            renewing.stop();
          }
        }
      }),
    );
    return attempted;
  }

  /**
   * Renews the row's claim every claimRenewMs until stopped: an attempt longer than the lease keeps
   * its row, and a process that dies stops renewing, so another takes the row a lease later.
   * A renewal that fails (the database away) is tried again at the next tick.
   */
  #renewWhileAttempting(row: OutboxRow): { stop(): void } {
    const { timers, repo, clock } = this.options;
    const every = this.options.claimRenewMs ?? CLAIM_RENEW_MS;
    let stopped = false;
    let handle: unknown = null;
    const tick = () => {
      handle = null;
      if (stopped) return;
      void repo
        .renew(row.id, row.attempts, clock())
        .catch(() => false)
        .then(() => {
          if (!stopped) handle = timers.setTimeout(tick, every);
        });
    };
    handle = timers.setTimeout(tick, every);
    return {
      stop: () => {
        stopped = true;
        if (handle !== null) timers.clearTimeout(handle);
      },
    };
  }

  async #deliver(row: OutboxRow): Promise<void> {
    const outcome = row.target === PORTAL_TARGET ? await this.#toPortal(row) : row.target === NOTIFY_TARGET ? await deliverNotification(row, this.options.notifier ?? null, this.options.clock, this.options.random) : await this.#toWebhook(row);
    if (outcome === null) {
      await this.options.repo.release(row.id, this.options.clock());
      return;
    }
    const at = this.options.clock().toISOString();
    const attempts = row.attempts + 1;
    const base = { attempts, firstAttemptAt: row.firstAttemptAt ?? at, lastAttemptAt: at };
    switch (outcome.kind) {
      case 'delivered':
        await this.options.repo.recordAttempt(row.id, { ...base, state: 'delivered', nextAttemptAt: null, lastError: null, deliveredAt: at });
        return;
      case 'retry-at':
        await this.options.repo.recordAttempt(row.id, { ...base, state: 'pending', nextAttemptAt: outcome.at.toISOString(), lastError: capMessage(outcome.reason, 500), deliveredAt: null });
        return;
      case 'failed':
        await this.options.repo.recordAttempt(row.id, { ...base, state: 'failed', nextAttemptAt: null, lastError: capMessage(outcome.reason, 500), deliveredAt: null });
        return;
      case 'disabled': {
        await this.options.repo.recordAttempt(row.id, { ...base, state: 'disabled', nextAttemptAt: null, lastError: outcome.reason, deliveredAt: null });
        const subscriptionId = row.target.slice('webhook:'.length);
        await this.options.repo.disableSubscription(subscriptionId, row.target, outcome.reason, at);
        return;
      }
    }
  }

  async #toWebhook(row: OutboxRow): Promise<WebhookAttemptOutcome | null> {
    const sub = this.#subscriptions.get(row.target.slice('webhook:'.length));
    if (!sub) return { kind: 'failed', reason: `Không còn đăng ký webhook "${row.target}" trong cấu hình.` };
    // A 410 earlier in this pass switched the subscription off (and its waiting rows with it).
    if ((await this.options.repo.disabledReason(sub.id)) !== null) return null;
    const payload = row.payload as WebhookPayload;
    const attempt = await this.options.sender.deliver(
      { url: sub.url, secrets: sub.secrets },
      { id: row.eventId, type: row.eventType, timestamp: new Date(row.createdAt), data: payload.data },
      { attemptsBefore: row.attempts, ...(row.firstAttemptAt ? { firstAttemptAt: new Date(row.firstAttemptAt) } : {}) },
    );
    return attempt.outcome;
  }

  async #toPortal(row: OutboxRow): Promise<WebhookAttemptOutcome | null> {
    const portal = this.options.portal;
    if (!portal) return { kind: 'failed', reason: 'Chưa cấu hình Cổng Dịch vụ công quốc gia (integrations.nationalPortal).' };
    const payload = row.payload as PortalPayload;
    const attemptedAt = this.options.clock();
    const result = payload.kind === 'upsert' ? await syncDossierToPortal(portal, payload.dossier, payload.steps) : await portal.pushProgress(payload.steps);
    if (result.ok) return { kind: 'delivered', status: 200 };
    // The portal's faults are retried on the webhooks' schedule (about a day, with jitter); the
    // reason kept is the portal's own message, which the counter shows as "lỗi: …".
    const decided = decideWebhookAttempt({
      attemptsMade: row.attempts + 1,
      firstAttemptAt: row.firstAttemptAt ? new Date(row.firstAttemptAt) : attemptedAt,
      now: this.options.clock(),
      result: { kind: 'network', message: result.error.message },
      random: this.options.random,
    });
    // Staff read the short Vietnamese reason; the admin's log keeps the portal's own words after it.
    const reason = `${portalErrorVi(result.error)}${REASON_DETAIL_SEPARATOR}${result.error.message}`;
    return decided.kind === 'retry-at' ? { ...decided, reason } : decided.kind === 'failed' ? { kind: 'failed', reason: `${reason} (đã thử ${row.attempts + 1} lần)` } : decided;
  }
}
