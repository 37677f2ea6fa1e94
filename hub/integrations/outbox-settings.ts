import type { DvcqgStatusTable } from '../../core/integrations/dvcqg-status';
import type { WebhookEventType } from '../../core/integrations/outbound-events';

/**
 * What the hub's outbox needs of the centre's `integrations` config, with the secrets already
 * read from the environment (kiosk-config/integrations-schema.ts, readIntegrationSecrets): the
 * hub depends on this shape, not on the file.
 */
export interface WebhookSubscription {
  readonly id: string;
  readonly system: string;
  readonly url: string;
  /** whsec_…, newest first. */
  readonly secrets: readonly string[];
  readonly events: readonly WebhookEventType[];
}

export interface PortalSettings {
  readonly adapterUrl: string;
  readonly authPath: string;
  readonly integrationPath: string;
  readonly dstcode?: string;
  readonly username: string;
  readonly password: string;
  readonly madonvi: string;
  readonly dossierCodePattern: string;
  readonly timeoutMs: number;
  readonly statusTable: DvcqgStatusTable;
  /** Catalogue procedure code → national procedure code (mã TTHC). */
  readonly procedureCodes: Readonly<Record<string, string>>;
}

export interface HubIntegrations {
  readonly webhooks: {
    readonly timeoutMs: number;
    readonly allowPrivateAddresses: boolean;
    readonly subscriptions: readonly WebhookSubscription[];
  };
  readonly nationalPortal?: PortalSettings;
}

/** The worker's timers, injected: tests drive the outbox by hand with a pinned clock. */
export interface OutboxTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: OutboxTimers = {
  setTimeout: (run, ms) => {
    const t = setTimeout(run, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
