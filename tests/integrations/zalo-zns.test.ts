import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZnsNotifier, type ZnsNotifierOptions, type ZnsTokens } from '../../hub/integrations/zalo-zns';
import { startFakeZns, type FakeZns } from '../support/fake-zns';

const app = { appId: '4318201905', secretKey: 'zalo-app-secret' };
const READY_TEMPLATE = '298765';

/** The token store the hub will back with its database: here a variable, saved values counted. */
class MemoryTokenStore {
  saved: ZnsTokens[] = [];
  constructor(public tokens: ZnsTokens | null) {}
  async load() {
    return this.tokens;
  }
  async save(tokens: ZnsTokens) {
    this.tokens = tokens;
    this.saved.push(tokens);
  }
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }
}

let fake: FakeZns;
let now: Date;
const clock = () => now;

function notifier(store: MemoryTokenStore, extra: Partial<ZnsNotifierOptions> = {}) {
  return new ZnsNotifier({
    apiUrl: fake.url,
    oauthUrl: fake.url,
    ...app,
    templates: { 'dossier-ready': { templateId: READY_TEMPLATE } },
    timeoutMs: 2000,
    tokens: store,
    clock,
    ...extra,
  });
}
const freshTokens = (): ZnsTokens => ({ accessToken: fake.issueAccessToken(), refreshToken: fake.refreshToken, accessExpiresAt: new Date(now.getTime() + 20 * 3_600_000).toISOString() });
const ready = { to: '0912 345 678', kind: 'dossier-ready' as const, params: { code: 'HK-261203-0007', centre: 'TTHCC Hoàn Kiếm' }, idempotencyKey: 'notif-HK-261203-0007-ready' };

describe('Zalo ZNS notifier against the fake Zalo', () => {
  beforeEach(async () => {
    now = new Date('2026-12-03T02:00:00Z');
    fake = await startFakeZns({ ...app, templates: { [READY_TEMPLATE]: ['code', 'centre'] } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends the template with the phone in 84… form and the idempotency key as tracking_id', async () => {
    const store = new MemoryTokenStore(freshTokens());
    const r = await notifier(store).send(ready);
    expect(r.ok).toBe(true);
    expect(fake.sent).toEqual([{ phone: '84912345678', templateId: READY_TEMPLATE, data: ready.params, trackingId: ready.idempotencyKey, msgId: expect.any(String) }]);
    if (r.ok) expect(r.value.providerMsgId).toBe(fake.sent[0]!.msgId);
    expect(fake.refreshes).toBe(0);
  });

  it('an access token near its expiry is refreshed first; the rotated refresh token is saved', async () => {
    const store = new MemoryTokenStore({ ...freshTokens(), accessExpiresAt: new Date(now.getTime() + 60_000).toISOString() });
    const spent = store.tokens!.refreshToken;
    expect((await notifier(store).send(ready)).ok).toBe(true);
    expect(fake.refreshes).toBe(1);
    expect(store.saved).toHaveLength(1);
    expect(store.tokens!.refreshToken).toBe(fake.refreshToken);
    expect(store.tokens!.refreshToken).not.toBe(spent);
    expect(store.tokens!.accessExpiresAt).toBe(new Date(now.getTime() + 90_000_000).toISOString());
  });

  it('a token Zalo no longer accepts (-124): refresh once and send again', async () => {
    const store = new MemoryTokenStore(freshTokens());
    fake.expireAccessTokens();
    expect((await notifier(store).send(ready)).ok).toBe(true);
    expect(fake.refreshes).toBe(1);
    expect(fake.sent).toHaveLength(1);
  });

  it('a spent refresh token: unauthorized with Zalo’s reason, nothing sent', async () => {
    const store = new MemoryTokenStore({ accessToken: 'at-gone', refreshToken: 'rt-spent', accessExpiresAt: new Date(now.getTime() - 1).toISOString() });
    const r = await notifier(store).send(ready);
    expect(r).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'Zalo ZNS token refresh refused: refresh_token không hợp lệ hoặc đã được dùng (error -14014)', code: -14014 } });
    expect(fake.sent).toEqual([]);
    expect(await notifier(new MemoryTokenStore(null)).send(ready)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
  });

  it('two sends needing a refresh at once spend the refresh token once', async () => {
    const store = new MemoryTokenStore({ ...freshTokens(), accessExpiresAt: new Date(now.getTime() - 1).toISOString() });
    const n = notifier(store);
    const [a, b] = await Promise.all([n.send(ready), n.send({ ...ready, idempotencyKey: 'other' })]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(fake.refreshes).toBe(1);
  });

  it('a quota error is rejected with Zalo’s code and message', async () => {
    fake.failNextSend(-1124, 'Vượt quá hạn mức gửi ZNS trong ngày');
    const r = await notifier(new MemoryTokenStore(freshTokens())).send(ready);
    expect(r).toEqual({ ok: false, error: { kind: 'rejected', message: 'Zalo ZNS: Vượt quá hạn mức gửi ZNS trong ngày (error -1124)', code: -1124 } });
  });

  it.each(['02438261234', '+1 415 555 0100', '12345'])('a phone that is not a Vietnamese mobile (%s) is refused before sending', async (to) => {
    const r = await notifier(new MemoryTokenStore(freshTokens())).send({ ...ready, to });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(fake.sent).toEqual([]);
  });

  it('the fake itself refuses a phone not in 84… form (what a client that forgot to normalise would meet)', async () => {
    const response = await fetch(`${fake.url}/message/template`, {
      method: 'POST',
      headers: { access_token: fake.issueAccessToken(), 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '0912345678', template_id: READY_TEMPLATE, template_data: ready.params, tracking_id: 't' }),
    });
    expect(await response.json()).toMatchObject({ error: -108 });
  });

  it('no template for the event, a missing parameter or an identity number: invalid-input / rejected, never sent', async () => {
    const n = notifier(new MemoryTokenStore(freshTokens()));
    expect(n.handles('dossier-ready')).toBe(true);
    expect(n.handles('queue-near')).toBe(false);
    expect(await n.send({ ...ready, kind: 'queue-near' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: 'Zalo ZNS: no template for "queue-near"' } });
    expect(await n.send({ ...ready, params: { code: '001203004567', centre: 'X' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await n.send({ ...ready, params: { code: 'HK-261203-0007' } })).toMatchObject({ ok: false, error: { kind: 'rejected', code: -112 } });
    expect(fake.sent).toEqual([]);
  });

  it('a slow Zalo: timeout', async () => {
    fake.slowNextSend(5000);
    const r = await notifier(new MemoryTokenStore(freshTokens()), { timeoutMs: 300 }).send(ready);
    expect(r).toEqual({ ok: false, error: { kind: 'timeout', message: 'Zalo ZNS: no answer within 300 ms' } });
  });
});
