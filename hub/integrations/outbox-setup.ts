import type { Department, Procedure } from '../../core/dossiers/catalogue';
import { dossierSyncState } from '../../core/integrations/outbound-events';
import type { CommandHandlers } from '../commands/command-runner';
import { McLegacyNationalPortal } from './dvcqg-mc-legacy';
import type { Rating } from '../../core/protocol/rating-commands';
import { withOutbox, type OutboxHooks } from './outbox-handlers';
import { OutboxRecorder } from './outbox-recorder';
import type { Async } from '../store/async-of';
import type { OutboxRepository } from './outbox-repository';
import { REAL_TIMERS, type HubIntegrations, type OutboxTimers } from './outbox-settings';
import { OutboxWorker } from './outbox-worker';
import { WebhookSender } from './webhook-sender';
import { notifierChainOf } from './notify-setup';
import { NotifyRecorder } from './notify-recorder';
import type { ZnsTokenStore } from './zalo-zns';

export interface OutboxSetupOptions {
  /** The outbox's rows (HubRepositories.outbox), in the hub's store. */
  readonly repo: Async<OutboxRepository>;
  /** Absent: no partner configured; dossiers still answer, with no sync state. */
  readonly integrations?: HubIntegrations;
  readonly departments: readonly Department[];
  /** The catalogue: each procedure's national code (mã TTHC) is sent as MaTTHC. */
  readonly procedures?: readonly Pick<Procedure, 'code' | 'nationalCode'>[];
  readonly clock: () => Date;
  readonly timers?: OutboxTimers;
  readonly random?: () => number;
  readonly pollMs?: number;
  /** How often a row's claim is renewed during its attempt (OutboxWorker; default CLAIM_RENEW_MS). */
  readonly claimRenewMs?: number;
  /** The centre's name in the citizen's messages. */
  readonly centreName?: string;
  /** Where the Zalo OA's rotating tokens are kept (default: nowhere, so no ZNS; the hub gives a file beside its SQLite database, or the centre's row in PostgreSQL). */
  readonly znsTokens?: ZnsTokenStore;
}

export interface Outbox {
  readonly repo: Async<OutboxRepository>;
  readonly worker: OutboxWorker;
  readonly integrations: HubIntegrations;
  /** Whether a configured channel has a template for "queue-near" (the phone page then offers "nhắc tôi khi còn N người"). */
  readonly remindersOffered: boolean;
  /** A rating given outside the command runner (the phone page), inside its transaction: its webhooks. */
  ratingGiven(at: string, rating: Rating): Promise<void>;
  /** Wakes the worker (after a commit). */
  kick(): void;
  /** The command handlers, writing their deliveries in their own transaction; `afterCall` adds the reminders a call makes due. */
  wrap(handlers: CommandHandlers, more?: Pick<OutboxHooks, 'afterCall'>): CommandHandlers;
}

export const NO_INTEGRATIONS: HubIntegrations = { webhooks: { timeoutMs: 15_000, allowPrivateAddresses: false, subscriptions: [] } };

/** The outbox, its recorder and its worker over the hub's store, from the integrations settings. */
export function createOutbox(options: OutboxSetupOptions): Outbox {
  const integrations = options.integrations ?? NO_INTEGRATIONS;
  const random = options.random ?? Math.random;
  const repo = options.repo;
  const recorder = new OutboxRecorder({ repo, integrations, departments: options.departments, procedures: options.procedures ?? [] });
  const notify = new NotifyRecorder(repo, options.centreName ?? '');
  const noTokens: ZnsTokenStore = { load: () => Promise.resolve(null), save: () => Promise.resolve(), exclusive: (work) => work() };
  const notifier = notifierChainOf(integrations.notifier, options.znsTokens ?? noTokens, options.clock);
  const sender = new WebhookSender({ timeoutMs: integrations.webhooks.timeoutMs, policy: { allowPrivateAddresses: integrations.webhooks.allowPrivateAddresses }, clock: options.clock, random });
  const portalSettings = integrations.nationalPortal;
  const portal = portalSettings
    ? new McLegacyNationalPortal({
        adapterUrl: portalSettings.adapterUrl,
        authPath: portalSettings.authPath,
        integrationPath: portalSettings.integrationPath,
        ...(portalSettings.dstcode ? { dstcode: portalSettings.dstcode } : {}),
        username: portalSettings.username,
        password: portalSettings.password,
        madonvi: portalSettings.madonvi,
        timeoutMs: portalSettings.timeoutMs,
      })
    : null;
  const worker = new OutboxWorker({
    repo,
    recorder,
    clock: options.clock,
    timers: options.timers ?? REAL_TIMERS,
    random,
    sender,
    subscriptions: integrations.webhooks.subscriptions,
    portal,
    notifier,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    ...(options.claimRenewMs !== undefined ? { claimRenewMs: options.claimRenewMs } : {}),
  });
  return {
    repo,
    worker,
    integrations,
    remindersOffered: notifier?.channelFor('queue-near') != null,
    ratingGiven: async (at, rating) => void (await recorder.ratingGiven(at, rating)),
    kick: () => worker.kick(),
    wrap: (handlers, more) =>
      withOutbox(handlers, {
        recorder,
        notify,
        kick: () => worker.kick(),
        syncOf: async (code) => dossierSyncState(await repo.portalRowsOf(code)),
        ...(more?.afterCall ? { afterCall: more.afterCall } : {}),
      }),
  };
}
