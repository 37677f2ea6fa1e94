import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EsmsNotifier } from '../../hub/integrations/esms';
import { NotifierChain } from '../../hub/integrations/notifier-chain';
import { ZnsNotifier, type ZnsTokens } from '../../hub/integrations/zalo-zns';
import { DEFAULT_SMS_TEMPLATES } from '../../kiosk-config/integrations-schema';
import { startFakeEsms, type FakeEsms } from '../support/fake-esms';
import { startFakeZns, type FakeZns } from '../support/fake-zns';

const now = new Date('2026-12-03T02:00:00Z');
let zalo: FakeZns;
let sms: FakeEsms;

function channels() {
  let tokens: ZnsTokens = { accessToken: zalo.issueAccessToken(), refreshToken: zalo.refreshToken, accessExpiresAt: new Date(now.getTime() + 3_600_000).toISOString() };
  const zns = new ZnsNotifier({
    apiUrl: zalo.url,
    oauthUrl: zalo.url,
    appId: '1',
    secretKey: 's',
    templates: { 'dossier-ready': { templateId: '298765' } },
    timeoutMs: 2000,
    tokens: { load: async () => tokens, save: async (t) => void (tokens = t), exclusive: (work) => work() },
    clock: () => now,
  });
  const esms = new EsmsNotifier({ apiUrl: sms.url, apiKey: 'k', secretKey: 's', brandname: 'TTHCC-HK', smsType: '2', sandbox: false, templates: DEFAULT_SMS_TEMPLATES, timeoutMs: 2000 });
  return { zns, esms };
}

describe('notifier chain: the first configured channel with a template for the event', () => {
  beforeEach(async () => {
    zalo = await startFakeZns({ appId: '1', secretKey: 's', templates: { '298765': ['code', 'centre'] } });
    sms = await startFakeEsms({ apiKey: 'k', secretKey: 's', brandnames: ['TTHCC-HK'] });
  });
  afterEach(async () => {
    await Promise.all([zalo.close(), sms.close()]);
  });

  it('ready-to-collect goes by Zalo (it has a template); queue-near by SMS (Zalo has none)', async () => {
    const { zns, esms } = channels();
    const chain = new NotifierChain([zns, esms]);
    const ready = await chain.send({ to: '0912345678', kind: 'dossier-ready', params: { code: 'HK-261203-0007', centre: 'TTHCC' }, idempotencyKey: 'a' });
    expect(ready).toMatchObject({ ok: true, value: { channel: 'zns' } });
    const near = await chain.send({ to: '0912345678', kind: 'queue-near', params: { remaining: '2', number: '1007', service: 'Hộ tịch', centre: 'TTHCC' }, idempotencyKey: 'b' });
    expect(near).toMatchObject({ ok: true, value: { channel: 'esms' } });
    expect([zalo.sent.length, sms.sent.length]).toEqual([1, 1]);
  });

  it('a failing channel is reported, not replaced by the next (no double news)', async () => {
    const { zns, esms } = channels();
    zalo.failNextSend(-1124, 'Vượt quá hạn mức');
    const r = await new NotifierChain([zns, esms]).send({ to: '0912345678', kind: 'dossier-ready', params: { code: 'HK-261203-0007', centre: 'TTHCC' }, idempotencyKey: 'a' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rejected', code: -1124 } });
    expect(sms.sent).toEqual([]);
  });

  it('no channel with a template: invalid-input naming the channels', async () => {
    const { zns } = channels();
    const r = await new NotifierChain([zns]).send({ to: '0912345678', kind: 'queue-near', params: {}, idempotencyKey: 'c' });
    expect(r).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'no notifier has a template for "queue-near" (channels: zns)' } });
  });
});
