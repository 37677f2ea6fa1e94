import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { classifyAddress, checkAddress, type AddressPolicy } from '../../core/integrations/address-policy';
import { decideWebhookAttempt, type WebhookAttemptOutcome, type WebhookAttemptResult } from '../../core/integrations/webhook-retry';
import { guardedDispatcher } from './guarded-dispatcher';
import { callPartner } from './partner-http';

/**
 * Outbound webhooks per Standard Webhooks 1.0, signed with the `standardwebhooks` package:
 * headers `webhook-id` (the receiver's idempotency key, the same on every retry),
 * `webhook-timestamp` (Unix seconds) and `webhook-signature` ("v1,<base64 HMAC-SHA256>", one per
 * secret, space-separated, so a receiver keeps verifying while the endpoint's secret rotates).
 * The body is thin — {type, timestamp, data} with ids and statuses; details are fetched with an
 * API key. One call is one attempt; its outcome tells the caller's durable queue what to do next.
 */
export interface WebhookEndpoint {
  readonly url: string;
  /** `whsec_…`, newest first; every one signs while a rotation is under way. */
  readonly secrets: readonly string[];
}

export interface WebhookEvent {
  /** Stable across retries: the receiver drops a second delivery with the same id. */
  readonly id: string;
  readonly type: string;
  readonly timestamp: Date;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface WebhookAttempt {
  readonly outcome: WebhookAttemptOutcome;
  /** What the attempt met (HTTP status, timeout, …), for the delivery log. */
  readonly result: WebhookAttemptResult;
  readonly attemptedAt: Date;
}

export interface WebhookSenderOptions {
  readonly timeoutMs: number;
  readonly policy: AddressPolicy;
  readonly clock: () => Date;
  /** [0, 1) for the retry jitter. */
  readonly random: () => number;
}

export const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** A new endpoint secret: `whsec_` and 32 random bytes in base64 (the spec asks for at least 24). */
export function newWebhookSecret(random: (n: number) => Uint8Array): string {
  return `whsec_${Buffer.from(random(32)).toString('base64')}`;
}

export function newWebhookMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

/** The signed request, without sending it (also what the admin screen shows as "what we send"). */
export function signWebhook(endpoint: WebhookEndpoint, event: WebhookEvent, sentAt: Date): { readonly headers: Record<string, string>; readonly body: string } {
  if (endpoint.secrets.length === 0) throw new RangeError('a webhook endpoint needs at least one secret');
  const body = JSON.stringify({ type: event.type, timestamp: event.timestamp.toISOString(), data: event.data });
  const signature = endpoint.secrets.map((secret) => new Webhook(secret).sign(event.id, sentAt, body)).join(' ');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'motcua-webhooks/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

export class WebhookSender {
  constructor(private readonly options: Readonly<WebhookSenderOptions>) {}

  /**
   * One attempt. `attemptsBefore`: attempts already made for this event and endpoint;
   * `firstAttemptAt`: when the first was made (the retry schedule counts from it).
   */
  async deliver(endpoint: WebhookEndpoint, event: WebhookEvent, history: { readonly attemptsBefore: number; readonly firstAttemptAt?: Date }): Promise<WebhookAttempt> {
    const attemptedAt = this.options.clock();
    const result = await this.#attempt(endpoint, event, attemptedAt);
    const outcome = decideWebhookAttempt({
      attemptsMade: history.attemptsBefore + 1,
      firstAttemptAt: history.firstAttemptAt ?? attemptedAt,
      now: this.options.clock(),
      result,
      random: this.options.random,
    });
    return { outcome, result, attemptedAt };
  }

  async #attempt(endpoint: WebhookEndpoint, event: WebhookEvent, sentAt: Date): Promise<WebhookAttemptResult> {
    let url: URL;
    try {
      url = new URL(endpoint.url);
    } catch {
      return { kind: 'refused-address', message: `"${endpoint.url}" is not a URL` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'refused-address', message: `${url.protocol} URLs are not delivered to (http or https only)` };
    if (url.username !== '' || url.password !== '') return { kind: 'refused-address', message: 'no user name or password in a webhook URL' };
    // An IP literal connects without a DNS lookup: check it here; host names are checked at connect.
    if (classifyAddress(url.hostname) !== null) {
      const allowed = checkAddress(url.hostname, this.options.policy);
      if (!allowed.ok) return { kind: 'refused-address', message: allowed.error.message };
    }
    const { headers, body } = signWebhook(endpoint, event, sentAt);
    const guard = guardedDispatcher(this.options.policy);
    try {
      const sent = await callPartner('webhook', url.href, { headers, body, timeoutMs: this.options.timeoutMs, dispatcher: guard.agent });
      if (sent.ok) return { kind: 'response', status: sent.value.status, retryAfter: sent.value.headers.get('retry-after') };
      const refusal = guard.refusal();
      if (refusal !== null) return { kind: 'refused-address', message: refusal };
      return sent.error.kind === 'timeout' ? { kind: 'timeout', message: sent.error.message } : { kind: 'network', message: sent.error.message };
    } finally {
      await guard.agent.destroy();
    }
  }
}
