import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../core/dossiers/dossier';
import type { Hub } from '../../hub/hub';
import { newWebhookSecret } from '../../hub/integrations/webhook-sender';
import { commandId, connectCounter, tempDir, type DeviceSocket } from '../support/centre';
import { startFakeDvcqg, type FakeDvcqg } from '../support/fake-dvcqg';
import { startFakeEsms, type FakeEsms } from '../support/fake-esms';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../support/fake-webhook-receiver';
import { startFakeZns, type FakeZns } from '../support/fake-zns';
import { call, createKey } from '../hub/api-keys-support';
import { APPLICANT, startIntegratedHub } from './outbox-support';

/**
 * Issue 14's proof, end to end over a real hub: a dossier received at the counter (phone given
 * with consent) is synced to the fake portal with status 2; a department's own software accepts
 * and finishes it through an API key (/api/v1); the portal sees 4 then 9; the counter returns the
 * result (10); the citizen's fake Zalo receives "ready to collect" once; the department's webhook
 * receiver (verifying with `standardwebhooks`) got every event once.
 */
const MADONVI = '000.00.31.H26';
const READY = '301122';
const ACTOR = { id: 'nvb', name: 'Nguyễn Văn Bình' };

describe('issue 14 end to end: counter → portal, API key, webhooks, Zalo', () => {
  // Near the real clock: the webhook receiver checks webhook-timestamp within 5 minutes.
  let now = new Date(Date.now() - 4 * 60_000);
  let tmp: ReturnType<typeof tempDir>;
  let portal: FakeDvcqg;
  let zalo: FakeZns;
  let esms: FakeEsms;
  let dept: FakeWebhookReceiver;
  let hub: Hub | null = null;
  let desk: DeviceSocket | null = null;
  const whsec = newWebhookSecret((n) => randomBytes(n));

  beforeEach(async () => {
    now = new Date(Date.now() - 4 * 60_000);
    tmp = tempDir();
    portal = await startFakeDvcqg({ username: 'motcua-hk', password: 'mat-khau-lgsp', madonvi: MADONVI, successCode: 0 });
    zalo = await startFakeZns({ appId: '1', secretKey: 'zs', templates: { [READY]: ['ma_ho_so'] } });
    esms = await startFakeEsms({ apiKey: 'k', secretKey: 's', brandnames: ['TTHCC-HK'] });
    dept = await startFakeWebhookReceiver({ secret: whsec });
  });
  afterEach(async () => {
    desk?.close();
    await hub?.close();
    hub = null;
    await Promise.all([portal.close(), zalo.close(), esms.close(), dept.close()]);
    tmp.remove();
  });

  it('status 2, then 4, 9, 10 at the portal; Zalo "ready to collect" once; every webhook once', async () => {
    hub = await startIntegratedHub(
      tmp.dir,
      {
        nationalPortal: { adapterUrl: portal.url, username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: MADONVI, timeoutMs: 2000 },
        notifier: {
          zns: { apiUrl: zalo.url, oauthUrl: zalo.url, appId: '1', secretKeyEnv: 'MOTCUA_ZALO_SECRET', refreshTokenEnv: 'MOTCUA_ZALO_REFRESH', timeoutMs: 2000, templates: { 'dossier-ready': { templateId: READY, data: { ma_ho_so: '{code}' } } } },
          esms: { apiUrl: esms.url, apiKeyEnv: 'MOTCUA_ESMS_KEY', secretKeyEnv: 'MOTCUA_ESMS_SECRET', brandname: 'TTHCC-HK', timeoutMs: 2000 },
        },
        webhooks: { allowPrivateAddresses: true, timeoutMs: 2000, subscriptions: [{ id: 'so-tai-chinh', system: 'Phần mềm Sở Tài chính', url: `${dept.url}/hooks`, secretEnv: 'MOTCUA_WH_STC', events: ['dossier.received', 'dossier.status_changed'] }] },
      },
      { MOTCUA_DVCQG_PASSWORD: 'mat-khau-lgsp', MOTCUA_ZALO_SECRET: 'zs', MOTCUA_ZALO_REFRESH: zalo.refreshToken, MOTCUA_ESMS_KEY: 'k', MOTCUA_ESMS_SECRET: 's', MOTCUA_WH_STC: whsec },
      { clock: () => now },
    );
    desk = (await connectCounter(hub.url, 'counter-3')).socket;
    const r = await desk.emitWithAck('dossier:receive', {
      commandId: commandId(),
      procedureCode: 'KD-TL',
      applicant: APPLICANT,
      documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
      feePaid: 100000,
      notify: { phone: '0912 345 678', consent: true },
    } as never);
    if (!r.ok) throw new Error(r.error.message);
    const dossier = (r.value as { dossier: Dossier }).dossier;
    await hub.deliveries.runDue();
    const [ma] = [...portal.dossiers.keys()];
    expect(portal.statusesOf(ma!)).toEqual([2]);

    const { key } = await createKey(hub.url, 'Phần mềm một cửa Sở Tài chính', 'tai-chinh-ke-hoach', ['dossiers:read', 'dossiers:act']);
    for (const action of ['accept', 'done'] as const) {
      now = new Date(now.getTime() + 30_000);
      const a = await call(hub.url, 'POST', `/api/v1/dossiers/${dossier.code}/actions`, { bearer: key, body: { action, actor: ACTOR } });
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      await hub.deliveries.runDue();
    }
    expect(portal.statusesOf(ma!)).toEqual([2, 4, 9]);
    expect(zalo.sent.map((s) => [s.phone, s.templateId, s.data.ma_ho_so])).toEqual([['84912345678', READY, dossier.code]]);

    now = new Date(now.getTime() + 30_000);
    const ret = await desk.emitWithAck('dossier:act', { commandId: commandId(), code: dossier.code, action: 'return' } as never);
    if (!ret.ok) throw new Error(ret.error.message);
    await hub.deliveries.runDue();
    await hub.deliveries.runDue();

    expect(portal.statusesOf(ma!)).toEqual([2, 4, 9, 10]);
    expect(zalo.sent).toHaveLength(1);
    // "received" has no ZNS template here: it went by SMS, once; nothing else by SMS.
    expect(esms.sent.map((s) => s.content)).toEqual([expect.stringContaining(`Hồ sơ ${dossier.code} đã được tiếp nhận`)]);
    expect(dept.rejected).toEqual([]);
    expect(dept.duplicates).toEqual([]);
    expect(dept.received.map((w) => [w.type, w.data.status])).toEqual([
      ['dossier.received', 'received'],
      ['dossier.status_changed', 'processing'],
      ['dossier.status_changed', 'done'],
      ['dossier.status_changed', 'returned'],
    ]);
  });
});
