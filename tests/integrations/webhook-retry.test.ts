import { describe, expect, it } from 'vitest';
import { decideWebhookAttempt, parseRetryAfter, WEBHOOK_RETRY_SCHEDULE_MS, type WebhookAttemptResult } from '../../core/integrations/webhook-retry';

const first = new Date('2026-12-03T02:00:00Z');
const at = (ms: number) => new Date(first.getTime() + ms);
const fail500: WebhookAttemptResult = { kind: 'response', status: 500 };
const mid = () => 0.5; // no jitter
const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('Standard Webhooks retry schedule', () => {
  it('is 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h after the first attempt: about a day', () => {
    expect(WEBHOOK_RETRY_SCHEDULE_MS).toEqual([0, 5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H, 24 * H]);
  });

  it('walks the whole schedule on repeated failures, then gives up', () => {
    let now = first;
    const times: number[] = [];
    for (let made = 1; made <= 10; made++) {
      const o = decideWebhookAttempt({ attemptsMade: made, firstAttemptAt: first, now, result: fail500, random: mid });
      if (made === 10) {
        expect(o).toEqual({ kind: 'failed', reason: 'HTTP 500; gave up after 10 attempts' });
        break;
      }
      if (o.kind !== 'retry-at') throw new Error(`attempt ${made}: ${o.kind}`);
      expect(o.reason).toBe('HTTP 500');
      times.push(o.at.getTime() - first.getTime());
      now = o.at;
    }
    expect(times).toEqual(WEBHOOK_RETRY_SCHEDULE_MS.slice(1));
  });

  it.each([
    [0, -0.1],
    [0.999999, 0.1],
  ])('jitter moves a retry by at most a tenth of its gap (random %f)', (r, share) => {
    const o = decideWebhookAttempt({ attemptsMade: 3, firstAttemptAt: first, now: at(5 * M), result: fail500, random: () => r });
    if (o.kind !== 'retry-at') throw new Error(o.kind);
    const expected = 30 * M + share * (30 * M - 5 * M);
    expect(Math.abs(o.at.getTime() - first.getTime() - expected)).toBeLessThan(10);
  });

  it('never schedules in the past (an attempt that itself took long)', () => {
    const o = decideWebhookAttempt({ attemptsMade: 1, firstAttemptAt: first, now: at(20 * S), result: { kind: 'timeout', message: 'no answer within 15000 ms' }, random: mid });
    expect(o).toEqual({ kind: 'retry-at', at: at(20 * S), reason: 'timeout: no answer within 15000 ms' });
  });

  it('2xx is delivered; 410 disables; a refused address fails at once', () => {
    for (const status of [200, 201, 202, 204, 299]) {
      expect(decideWebhookAttempt({ attemptsMade: 1, firstAttemptAt: first, now: first, result: { kind: 'response', status }, random: mid })).toEqual({ kind: 'delivered', status });
    }
    expect(decideWebhookAttempt({ attemptsMade: 4, firstAttemptAt: first, now: first, result: { kind: 'response', status: 410 }, random: mid }).kind).toBe('disabled');
    expect(decideWebhookAttempt({ attemptsMade: 1, firstAttemptAt: first, now: first, result: { kind: 'refused-address', message: 'address 127.0.0.1 is loopback' }, random: mid })).toEqual({
      kind: 'failed',
      reason: 'address 127.0.0.1 is loopback',
    });
  });

  it.each([301, 400, 401, 404, 408, 429, 500, 502, 503, 504])('HTTP %i is retried', (status) => {
    expect(decideWebhookAttempt({ attemptsMade: 1, firstAttemptAt: first, now: first, result: { kind: 'response', status }, random: mid }).kind).toBe('retry-at');
  });

  it('honours Retry-After when it asks for later than the schedule (seconds or an HTTP date), capped at a day', () => {
    const seconds = decideWebhookAttempt({ attemptsMade: 1, firstAttemptAt: first, now: first, result: { kind: 'response', status: 429, retryAfter: '120' }, random: mid });
    expect(seconds).toMatchObject({ kind: 'retry-at', at: at(120 * S) });
    const date = decideWebhookAttempt({ attemptsMade: 1, firstAttemptAt: first, now: first, result: { kind: 'response', status: 503, retryAfter: at(H).toUTCString() }, random: mid });
    expect(date).toMatchObject({ kind: 'retry-at', at: at(H) });
    const sooner = decideWebhookAttempt({ attemptsMade: 3, firstAttemptAt: first, now: at(5 * M), result: { kind: 'response', status: 429, retryAfter: '1' }, random: mid });
    expect(sooner).toMatchObject({ at: at(30 * M) });
    const huge = decideWebhookAttempt({ attemptsMade: 1, firstAttemptAt: first, now: first, result: { kind: 'response', status: 429, retryAfter: '999999999' }, random: mid });
    expect(huge).toMatchObject({ at: at(24 * H) });
    const junk = decideWebhookAttempt({ attemptsMade: 1, firstAttemptAt: first, now: first, result: { kind: 'response', status: 429, retryAfter: 'soon' }, random: mid });
    expect(junk).toMatchObject({ at: at(5 * S) });
  });

  it('parseRetryAfter', () => {
    expect(parseRetryAfter('30', first)).toEqual(at(30 * S));
    expect(parseRetryAfter('Thu, 03 Dec 2026 03:00:00 GMT', first)).toEqual(at(H));
    expect(parseRetryAfter(null, first)).toBeNull();
    expect(parseRetryAfter('-5', first)).toBeNull();
  });
});
