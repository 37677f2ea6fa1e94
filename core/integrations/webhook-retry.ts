/**
 * When a webhook delivery is tried again (Standard Webhooks: only a 2xx is delivered, 410 Gone
 * disables the endpoint, `Retry-After` is honoured). Attempt k (0-based) is due SCHEDULE[k] after
 * the event's first attempt, so the whole run spans about a day; each is moved by up to ±10 % of
 * the gap to the previous one (jitter), so endpoints that failed together do not retry together.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
];
export const WEBHOOK_JITTER = 0.1;
/** A receiver's Retry-After is honoured up to this far ahead; a larger one is taken as this. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/** What one attempt met: an HTTP answer, or no answer at all. */
export type WebhookAttemptResult =
  | { readonly kind: 'response'; readonly status: number; readonly retryAfter?: string | null }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'network'; readonly message: string }
  /** The endpoint's address is refused by the SSRF guard: nothing was sent. */
  | { readonly kind: 'refused-address'; readonly message: string };

/** What the caller's durable queue does next. */
export type WebhookAttemptOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  | { readonly kind: 'retry-at'; readonly at: Date; readonly reason: string }
  | { readonly kind: 'disabled'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** `Retry-After`: delay-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): Date | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return new Date(now.getTime() + Number(text) * 1000);
  // HTTP-date in its IMF-fixdate form ("Thu, 03 Dec 2026 03:00:00 GMT"); nothing looser.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : new Date(at);
}

function reasonOf(result: WebhookAttemptResult): string {
  return result.kind === 'response' ? `HTTP ${result.status}` : `${result.kind}: ${result.message}`;
}

export interface WebhookRetryInput {
  /** Attempts made so far, this one included (≥ 1). */
  readonly attemptsMade: number;
  readonly firstAttemptAt: Date;
  readonly now: Date;
  readonly result: WebhookAttemptResult;
  /** [0, 1), like Math.random; injected so tests can pin the jitter. */
  readonly random: () => number;
}

export function decideWebhookAttempt(input: WebhookRetryInput): WebhookAttemptOutcome {
  const { result, attemptsMade, now } = input;
  if (result.kind === 'response' && result.status >= 200 && result.status < 300) return { kind: 'delivered', status: result.status };
  if (result.kind === 'response' && result.status === 410) return { kind: 'disabled', reason: 'HTTP 410 Gone: the receiver asked for no more deliveries' };
  // A refused address is the endpoint's configuration, not a passing fault: retrying cannot help.
  if (result.kind === 'refused-address') return { kind: 'failed', reason: result.message };
  if (attemptsMade >= WEBHOOK_RETRY_SCHEDULE_MS.length) {
    return { kind: 'failed', reason: `${reasonOf(result)}; gave up after ${attemptsMade} attempts` };
  }
  const offset = WEBHOOK_RETRY_SCHEDULE_MS[attemptsMade]!;
  const gap = offset - WEBHOOK_RETRY_SCHEDULE_MS[attemptsMade - 1]!;
  const jitter = (input.random() * 2 - 1) * WEBHOOK_JITTER * gap;
  let at = Math.max(now.getTime(), input.firstAttemptAt.getTime() + offset + jitter);
  const retryAfter = result.kind === 'response' ? parseRetryAfter(result.retryAfter, now) : null;
  if (retryAfter !== null) at = Math.max(at, Math.min(retryAfter.getTime(), now.getTime() + MAX_RETRY_AFTER_MS));
  return { kind: 'retry-at', at: new Date(Math.round(at)), reason: reasonOf(result) };
}
