import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotifyConsentSchema } from '../../core/integrations/notify-consent';
import { describeIssues } from '../../core/validation';
import { EsmsNotifier } from '../../hub/integrations/esms';
import { NotifierChain } from '../../hub/integrations/notifier-chain';
import { vnDay } from '../../hub/integrations/notify-recorder';
import { ZnsNotifier } from '../../hub/integrations/zalo-zns';
import { ZnsTokenFile } from '../../hub/integrations/zns-token-file';
import { DEFAULT_SMS_TEMPLATES, IntegrationsConfigSchema } from '../../kiosk-config/integrations-schema';
import { tempDir } from '../support/centre';
import { startFakeEsms, type FakeEsms } from '../support/fake-esms';
import { startFakeZns, type FakeZns } from '../support/fake-zns';

const now = new Date('2026-12-03T02:00:00Z');

function problems(raw: unknown): string {
  const r = IntegrationsConfigSchema.safeParse(raw);
  if (r.success) throw new Error('expected the config to be refused');
  return describeIssues('centre.json: integrations', r.error);
}

describe('notifications config: refusals name the file, the field and what was expected', () => {
  const zns = { appId: '1234567890', secretKeyEnv: 'MOTCUA_ZALO_SECRET' };
  it('a ZNS template_data mapping with an unknown placeholder or a bad parameter name', () => {
    expect(problems({ notifier: { zns: { ...zns, templates: { 'dossier-ready': { templateId: '1', data: { ma_ho_so: '{cccd}' } } } } } })).toContain(
      'centre.json: integrations: notifier.zns.templates.dossier-ready.data.ma_ho_so: unknown placeholder {cccd}; expected {code}, {due}, {centre}, {remaining}, {number}, {service}',
    );
    expect(problems({ notifier: { zns: { ...zns, templates: { 'dossier-ready': { templateId: '1', data: { 'Mã hồ sơ': '{code}' } } } } } })).toContain('notifier.zns.templates.dossier-ready.data.Mã hồ sơ: a ZNS parameter name');
    expect(problems({ notifier: { zns: { ...zns, refreshTokenEnv: 'rt-abc' } } })).toContain('notifier.zns.refreshTokenEnv: the name of an environment variable');
    expect(problems({ notifier: { zns: { ...zns, quotaErrorCodes: ['-144'] } } })).toContain('notifier.zns.quotaErrorCodes[0]: Invalid input: expected number');
  });

  it('an SMS text naming a value no event has', () => {
    expect(problems({ notifier: { esms: { apiKeyEnv: 'K', secretKeyEnv: 'S', brandname: 'TTHCC', templates: { 'dossier-ready': 'Hồ sơ {code} của {idNumber}' } } } })).toContain(
      'notifier.esms.templates.dossier-ready: unknown placeholder {idNumber}',
    );
  });

  it('a valid section: mapping kept, no quota codes unless configured', () => {
    const c = IntegrationsConfigSchema.parse({ notifier: { zns: { ...zns, templates: { 'dossier-ready': { templateId: '298765', data: { ma_ho_so: '{code}', ngay_hen: 'ngày {due}' } } } } } });
    expect(c.notifier.zns).toMatchObject({ quotaErrorCodes: [], templates: { 'dossier-ready': { templateId: '298765', data: { ma_ho_so: '{code}', ngay_hen: 'ngày {due}' } } } });
  });
});

describe('the consent given at the counter', () => {
  it('needs consent: true and a Vietnamese mobile number, with Vietnamese messages', () => {
    expect(NotifyConsentSchema.safeParse({ phone: '0912 345 678', consent: true }).success).toBe(true);
    const bad = (v: unknown) => {
      const r = NotifyConsentSchema.safeParse(v);
      return r.success ? '' : r.error.issues.map((i) => i.message).join('; ');
    };
    expect(bad({ phone: '+1 202 555 0100', consent: true })).toContain('không phải số di động Việt Nam');
    expect(bad({ phone: '024 3825 1234', consent: true })).toContain('không phải số di động Việt Nam');
    expect(bad({ phone: '0912345678', consent: false })).toContain('phải đồng ý nhận thông báo');
    expect(bad({ phone: '0912345678', consent: true, cccd: '001090012345' })).not.toBe('');
  });

  it('the due day is Vietnam\'s day', () => {
    expect(vnDay('2026-11-25T10:00:00.000Z')).toBe('25/11/2026');
    expect(vnDay('2026-11-25T17:30:00.000Z')).toBe('26/11/2026');
  });
});

describe('the chain on a ZNS quota error', () => {
  let zalo: FakeZns;
  let sms: FakeEsms;
  beforeEach(async () => {
    zalo = await startFakeZns({ appId: '1', secretKey: 's', templates: { '298765': ['ma_ho_so'] } });
    sms = await startFakeEsms({ apiKey: 'k', secretKey: 's', brandnames: ['TTHCC-HK'] });
  });
  afterEach(async () => {
    await Promise.all([zalo.close(), sms.close()]);
  });
  const chain = (smsTemplates = DEFAULT_SMS_TEMPLATES) => {
    const tokens = { accessToken: zalo.issueAccessToken(), refreshToken: zalo.refreshToken, accessExpiresAt: new Date(now.getTime() + 3_600_000).toISOString() };
    const zns = new ZnsNotifier({ apiUrl: zalo.url, oauthUrl: zalo.url, appId: '1', secretKey: 's', templates: { 'dossier-ready': { templateId: '298765', data: { ma_ho_so: '{code}' } } }, quotaErrorCodes: [-144], timeoutMs: 2000, tokens: { load: async () => tokens, save: async () => undefined, exclusive: (work) => work() }, clock: () => now });
    const esms = new EsmsNotifier({ apiUrl: sms.url, apiKey: 'k', secretKey: 's', brandname: 'TTHCC-HK', smsType: '2', sandbox: false, templates: smsTemplates, timeoutMs: 2000 });
    return new NotifierChain([zns, esms]);
  };
  const message = { to: '0912345678', kind: 'dossier-ready' as const, params: { code: 'HK-261203-0007', centre: 'TTHCC' }, idempotencyKey: 'notify_HK-261203-0007_dossier-ready_3' };

  it('a configured quota code is typed "quota" and the SMS goes instead, with the same idempotency key', async () => {
    zalo.failNextSend(-144, 'Hết hạn mức');
    const r = await chain().send(message);
    expect(r).toMatchObject({ ok: true, value: { channel: 'esms' } });
    expect(zalo.sent).toEqual([]);
    expect(sms.sent.map((s) => s.requestId)).toEqual([message.idempotencyKey]);
  });

  it('quota used up and no other channel for the event: a typed quota error (the outbox retries it)', async () => {
    zalo.failNextSend(-144, 'Hết hạn mức');
    const r = await chain({ ...DEFAULT_SMS_TEMPLATES, 'dossier-ready': undefined } as never).send(message);
    expect(r).toMatchObject({ ok: false, error: { kind: 'quota', message: expect.stringContaining('error -144') } });
  });

  it('a quota error then an SMS refusal: the SMS refusal is returned with both reasons', async () => {
    zalo.failNextSend(-144, 'Hết hạn mức');
    sms.failNext('99', 'Lỗi không xác định');
    const r = await chain().send(message);
    expect(r).toMatchObject({ ok: false, error: { kind: 'rejected', message: expect.stringMatching(/error -144.*CodeResult 99/) } });
  });
});

describe('the Zalo token file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('starts from the administrator\'s refresh token, then keeps each rotated one (mode 0600)', async () => {
    const file = path.join(tmp.dir, 'zns-tokens.json');
    expect(await new ZnsTokenFile(file).load()).toBeNull();
    const first = new ZnsTokenFile(file, 'rt-admin');
    expect(await first.load()).toMatchObject({ refreshToken: 'rt-admin', accessExpiresAt: new Date(0).toISOString() });
    await first.save({ accessToken: 'at-2', refreshToken: 'rt-2', accessExpiresAt: '2026-12-04T03:00:00.000Z' });
    expect(await new ZnsTokenFile(file, 'rt-admin').load()).toEqual({ accessToken: 'at-2', refreshToken: 'rt-2', accessExpiresAt: '2026-12-04T03:00:00.000Z' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(tmp.dir)).toEqual(['zns-tokens.json']);
  });
});
