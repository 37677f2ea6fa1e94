import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newWebhookMessageId, newWebhookSecret, signWebhook, WebhookSender, type WebhookEvent } from '../../hub/integrations/webhook-sender';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../support/fake-webhook-receiver';

// The receiver verifies timestamps against the real clock (standardwebhooks' 5-minute tolerance),
// so the sender's injected clock is the real one here.
const clock = () => new Date();
const secret = newWebhookSecret((n) => randomBytes(n));
const lan = { allowPrivateAddresses: true };
const sender = (policy = lan, timeoutMs = 2000) => new WebhookSender({ timeoutMs, policy, clock, random: () => 0.5 });
const event = (): WebhookEvent => ({
  id: newWebhookMessageId(),
  type: 'dossier.status_changed',
  timestamp: new Date('2026-12-03T03:00:00Z'),
  data: { code: '000.00.31.H26-261203-0007', status: 'processing', dvcqgStatus: 4 },
});

let receiver: FakeWebhookReceiver;

describe('Standard Webhooks sender against a receiver that verifies with standardwebhooks', () => {
  beforeEach(async () => {
    receiver = await startFakeWebhookReceiver({ secret });
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('delivers a signed, thin payload: {type, timestamp, data} with webhook-id/-timestamp/-signature', async () => {
    const e = event();
    const attempt = await sender().deliver({ url: `${receiver.url}/hooks/motcua`, secrets: [secret] }, e, { attemptsBefore: 0 });
    expect(attempt.outcome).toEqual({ kind: 'delivered', status: 204 });
    expect(attempt.result).toEqual({ kind: 'response', status: 204, retryAfter: null });
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received).toEqual([{ id: e.id, type: 'dossier.status_changed', timestamp: '2026-12-03T03:00:00.000Z', data: e.data, signatureHeader: expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/) }]);
  });

  it('during a secret rotation every secret signs: receivers holding the old or the new one both verify', async () => {
    const next = newWebhookSecret((n) => randomBytes(n));
    const newer = await startFakeWebhookReceiver({ secret: next });
    try {
      const endpoint = (url: string) => ({ url, secrets: [next, secret] });
      expect((await sender().deliver(endpoint(receiver.url), event(), { attemptsBefore: 0 })).outcome.kind).toBe('delivered');
      expect((await sender().deliver(endpoint(newer.url), event(), { attemptsBefore: 0 })).outcome.kind).toBe('delivered');
      expect(receiver.received[0]!.signatureHeader.split(' ')).toHaveLength(2);
    } finally {
      await newer.close();
    }
  });

  it('a wrong secret is refused by the receiver (401) and retried, not delivered', async () => {
    const attempt = await sender().deliver({ url: receiver.url, secrets: [newWebhookSecret((n) => randomBytes(n))] }, event(), { attemptsBefore: 0 });
    expect(attempt.outcome).toMatchObject({ kind: 'retry-at', reason: 'HTTP 401' });
    expect(receiver.rejected).toEqual(['No matching signature found']);
    expect(receiver.received).toEqual([]);
  });

  it('500 retries on the schedule; 429 honours Retry-After; 410 disables', async () => {
    const s = sender();
    const endpoint = { url: receiver.url, secrets: [secret] };
    receiver.answerNext({ status: 500 }, { status: 429, headers: { 'retry-after': '120' } }, { status: 410 });
    const first = await s.deliver(endpoint, event(), { attemptsBefore: 0 });
    expect(first.outcome).toMatchObject({ kind: 'retry-at', reason: 'HTTP 500' });
    if (first.outcome.kind === 'retry-at') expect(first.outcome.at.getTime() - first.attemptedAt.getTime()).toBeGreaterThanOrEqual(4500);
    const throttled = await s.deliver(endpoint, event(), { attemptsBefore: 1, firstAttemptAt: first.attemptedAt });
    expect(throttled.result).toEqual({ kind: 'response', status: 429, retryAfter: '120' });
    if (throttled.outcome.kind !== 'retry-at') throw new Error(throttled.outcome.kind);
    expect(throttled.outcome.at.getTime() - throttled.attemptedAt.getTime()).toBeGreaterThanOrEqual(119_000);
    expect((await s.deliver(endpoint, event(), { attemptsBefore: 2, firstAttemptAt: first.attemptedAt })).outcome).toEqual({
      kind: 'disabled',
      reason: 'HTTP 410 Gone: the receiver asked for no more deliveries',
    });
  });

  it('a slow receiver times out and the retry carries the same webhook-id: received once, the repeat counted', async () => {
    const e = event();
    receiver.answerNext({ status: 200, delayMs: 3000 });
    const slow = await sender(lan, 300).deliver({ url: receiver.url, secrets: [secret] }, e, { attemptsBefore: 0 });
    expect(slow.result).toMatchObject({ kind: 'timeout' });
    expect(slow.outcome.kind).toBe('retry-at');
    const again = await sender().deliver({ url: receiver.url, secrets: [secret] }, e, { attemptsBefore: 1, firstAttemptAt: slow.attemptedAt });
    expect(again.outcome.kind).toBe('delivered');
    expect(receiver.received.map((r) => r.id)).toEqual([e.id]);
    expect(receiver.duplicates).toEqual([e.id]);
  });

  it('SSRF guard: loopback refused by default, as an IP literal or behind a host name; nothing reaches the receiver', async () => {
    const strict = sender({ allowPrivateAddresses: false });
    for (const url of [receiver.url, `http://localhost:${receiver.port}/`, `http://[::1]:${receiver.port}/`, `http://[::ffff:127.0.0.1]:${receiver.port}/`]) {
      const attempt = await strict.deliver({ url, secrets: [secret] }, event(), { attemptsBefore: 0 });
      expect(attempt.result.kind, url).toBe('refused-address');
      expect(attempt.outcome.kind, url).toBe('failed');
      if (attempt.outcome.kind === 'failed') expect(attempt.outcome.reason).toMatch(/is loopback: no webhook is sent there/);
    }
    expect(receiver.requests).toBe(0);
  });

  it('with allowPrivateAddresses a LAN receiver named by host name is reached through the guarded lookup', async () => {
    const attempt = await sender(lan).deliver({ url: `http://localhost:${receiver.port}/x`, secrets: [secret] }, event(), { attemptsBefore: 0 });
    expect(attempt.outcome.kind).toBe('delivered');
  });

  it('URLs that are not http(s), or carry a password, are refused', async () => {
    for (const url of ['ftp://example.vn/hook', `http://user:pw@127.0.0.1:${receiver.port}/`, 'not a url']) {
      expect((await sender().deliver({ url, secrets: [secret] }, event(), { attemptsBefore: 0 })).outcome.kind, url).toBe('failed');
    }
    expect(receiver.requests).toBe(0);
  });

  it('signWebhook: the headers standardwebhooks verifies, whsec_ secrets of 32 bytes, no secretless endpoint', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const e = event();
    const sentAt = new Date();
    const { headers, body } = signWebhook({ url: 'https://x.example.vn', secrets: [secret] }, e, sentAt);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(sentAt.getTime() / 1000)));
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: e.type, timestamp: '2026-12-03T03:00:00.000Z', data: e.data });
    expect(() => new Webhook(secret).verify(body.replace('processing', 'done'), headers)).toThrow('No matching signature found');
    expect(() => signWebhook({ url: 'https://x.example.vn', secrets: [] }, e, sentAt)).toThrow(RangeError);
  });
});
