import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EsmsNotifier, type EsmsNotifierOptions } from '../../hub/integrations/esms';
import { DEFAULT_SMS_TEMPLATES } from '../../kiosk-config/integrations-schema';
import { startFakeEsms, type FakeEsms } from '../support/fake-esms';

const keys = { apiKey: 'esms-api-key', secretKey: 'esms-secret' };
let fake: FakeEsms;
const notifier = (extra: Partial<EsmsNotifierOptions> = {}) =>
  new EsmsNotifier({ apiUrl: fake.url, ...keys, brandname: 'TTHCC-HK', smsType: '2', sandbox: false, templates: DEFAULT_SMS_TEMPLATES, timeoutMs: 2000, ...extra });
const near = { to: '+84 326 123 456', kind: 'queue-near' as const, params: { remaining: '3', number: '1007', service: 'Hộ tịch', centre: 'TTHCC Hoàn Kiếm' }, idempotencyKey: 'ticket-1007-near' };

describe('eSMS brandname notifier against the fake gateway', () => {
  beforeEach(async () => {
    fake = await startFakeEsms({ ...keys, brandnames: ['TTHCC-HK'] });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends the rendered Vietnamese text as Unicode; CodeResult 100 gives the SMSID', async () => {
    const r = await notifier().send(near);
    expect(fake.sent).toEqual([
      { phone: '84326123456', content: 'Còn 3 người nữa đến lượt số 1007 (Hộ tịch) của bạn tại TTHCC Hoàn Kiếm.', brandname: 'TTHCC-HK', isUnicode: '1', requestId: 'ticket-1007-near', smsId: expect.any(String) },
    ]);
    expect(r).toEqual({ ok: true, value: { providerMsgId: fake.sent[0]!.smsId } });
  });

  it('plain ASCII text goes as a non-Unicode SMS', async () => {
    await notifier({ templates: { 'queue-near': 'Con {remaining} luot nua den so {number}' } }).send(near);
    expect(fake.sent[0]).toMatchObject({ content: 'Con 3 luot nua den so 1007', isUnicode: '0' });
  });

  it('wrong keys: unauthorized; an unregistered brandname or another gateway code: rejected with its message', async () => {
    expect(await notifier({ secretKey: 'wrong' }).send(near)).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'eSMS: Sai ApiKey hoặc SecretKey (CodeResult 101)', code: '101' } });
    expect(await notifier({ brandname: 'OTHER' }).send(near)).toMatchObject({ ok: false, error: { kind: 'rejected', code: '104' } });
    fake.failNext('103', 'Tài khoản không đủ tiền');
    expect(await notifier().send(near)).toEqual({ ok: false, error: { kind: 'rejected', message: 'eSMS: Tài khoản không đủ tiền (CodeResult 103)', code: '103' } });
    expect(fake.sent).toEqual([]);
  });

  it('a landline, a foreign number, a missing parameter or an identity number: invalid-input, nothing sent', async () => {
    const n = notifier();
    for (const to of ['02438261234', '+44 20 7946 0958']) expect(await n.send({ ...near, to })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await n.send({ ...near, params: { remaining: '3', service: 'Hộ tịch', centre: 'X' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: 'message template needs {number}' } });
    expect(await n.send({ ...near, kind: 'dossier-ready', params: { code: '001203004567', centre: 'X' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(fake.sent).toEqual([]);
  });

  it('a wrong path (a 404 HTML page) is http-status; a closed port is unreachable', async () => {
    const n = notifier({ apiUrl: `${fake.url}/wrong-prefix` });
    expect(await n.send(near)).toMatchObject({ ok: false, error: { kind: 'http-status', status: 404 } });
    const url = fake.url;
    await fake.close();
    expect(await notifier({ apiUrl: url }).send(near)).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    fake = await startFakeEsms({ ...keys, brandnames: ['TTHCC-HK'] });
  });
});
