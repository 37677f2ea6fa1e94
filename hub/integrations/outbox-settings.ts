import type { DvcqgStatusTable } from '../../core/integrations/dvcqg-status';
import type { NotificationKind } from '../../core/integrations/message-template';
import type { WebhookEventType } from '../../core/integrations/outbound-events';
import type { McLegacyPortalOptions } from './dvcqg-mc-legacy';

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

/** The adapter's connection (hub/integrations/dvcqg-mc-legacy.ts) and how the centre maps onto the portal. */
export interface PortalSettings extends McLegacyPortalOptions {
  readonly dossierCodePattern: string;
  readonly statusTable: DvcqgStatusTable;
  /** Catalogue procedure code → national procedure code (mã TTHC). */
  readonly procedureCodes: Readonly<Record<string, string>>;
}

/** The citizen's phone: Zalo ZNS and/or eSMS, tried in `order` (hub/integrations/notify-setup.ts builds the chain). */
export interface NotifierSettings {
  readonly order: readonly ('zns' | 'esms')[];
  readonly zns?: {
    readonly apiUrl: string;
    readonly oauthUrl: string;
    readonly appId: string;
    readonly secretKey: string;
    readonly templates: Readonly<Partial<Record<NotificationKind, { readonly templateId: string; readonly data?: Readonly<Record<string, string>> }>>>;
    readonly quotaErrorCodes: readonly number[];
    readonly timeoutMs: number;
    /** The first refresh token (from the OA's authorisation), used only while no token file exists. */
    readonly refreshToken?: string;
  };
  readonly esms?: {
    readonly apiUrl: string;
    readonly apiKey: string;
    readonly secretKey: string;
    readonly brandname: string;
    readonly smsType: string;
    readonly sandbox: boolean;
    readonly templates: Readonly<Partial<Record<NotificationKind, string>>>;
    readonly timeoutMs: number;
  };
}

export interface HubIntegrations {
  readonly webhooks: {
    readonly timeoutMs: number;
    readonly allowPrivateAddresses: boolean;
    readonly subscriptions: readonly WebhookSubscription[];
  };
  readonly nationalPortal?: PortalSettings;
  readonly notifier?: NotifierSettings;
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
