import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../core/dossiers/dossier';
import type { Hub } from '../../../hub/hub';
import { newWebhookSecret } from '../../../hub/integrations/webhook-sender';
import { ZnsNotifier } from '../../../hub/integrations/zalo-zns';
import type { HubStoreChoice } from '../../../hub/store/hub-backend';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { PgZnsTokenStore } from '../../../hub/store/pg/pg-zns-tokens';
import { ensureCentre } from '../../../hub/store/pg/pg-repositories';
import { createPgPool } from '../../../hub/store/pg/pool';
import { call, createKey } from '../api-keys-support';
import { APPLICANT, startIntegratedHub } from '../../integrations/outbox-support';
import { commandId, connectCounter, tempDir, type DeviceSocket } from '../../support/centre';
import { startFakeDvcqg, type FakeDvcqg } from '../../support/fake-dvcqg';
import { startFakeEsms, type FakeEsms } from '../../support/fake-esms';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../../support/fake-webhook-receiver';
import { startFakeZns, type FakeZns } from '../../support/fake-zns';
import { usePostgresForHubs } from '../../support/hub-store';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';

warnIfPostgresMissing('integrations on two PostgreSQL hubs');

const MADONVI = '000.00.31.H26';
const READY = '301122';
const ACTOR = { id: 'nvb', name: 'Nguyễn Văn Bình' };

/**
 * Integrations on a PostgreSQL hub (docs/province.md): two hubs of one centre on one database —
 * each its own pool, Socket.IO adapter and outbox worker, as two processes have — with the fake
 * partners: a dossier received through A and moved through B reaches the department's webhook
 * receiver once per event, the portal in order, the citizen's Zalo once, though both workers run
 * every pass at the same time. And the Zalo OA's single-use refresh token: two processes finding
 * the access token expired at once refresh once.
 */
describe.skipIf(POSTGRES_MISSING !== null)('integrations on two hubs of one centre on PostgreSQL', () => {
  const pg = usePostgresForHubs({ beforeAll, afterAll });
  let now = new Date(Date.now() - 4 * 60_000);
  let tmp: ReturnType<typeof tempDir>;
  let portal: FakeDvcqg;
  let zalo: FakeZns;
  let esms: FakeEsms;
  let dept: FakeWebhookReceiver;
  const hubs: Hub[] = [];
  const sockets: DeviceSocket[] = [];
  const whsec = newWebhookSecret((n) => randomBytes(n));

  beforeEach(async () => {
    // Near the real clock: the webhook receiver checks webhook-timestamp within 5 minutes.
    now = new Date(Date.now() - 4 * 60_000);
    tmp = tempDir();
    portal = await startFakeDvcqg({ username: 'motcua-hk', password: 'mat-khau-lgsp', madonvi: MADONVI, successCode: 0 });
    zalo = await startFakeZns({ appId: '1', secretKey: 'zs', templates: { [READY]: ['ma_ho_so'] } });
    esms = await startFakeEsms({ apiKey: 'k', secretKey: 's', brandnames: ['TTHCC-HK'] });
    dept = await startFakeWebhookReceiver({ secret: whsec });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await Promise.all(hubs.splice(0).map((h) => h.close()));
    await Promise.all([portal.close(), zalo.close(), esms.close(), dept.close()]);
    tmp.remove();
  });

  const startOn = (store: HubStoreChoice, name: string) =>
    startIntegratedHub(
      path.join(tmp.dir, name),
      {
        nationalPortal: { adapterUrl: portal.url, username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: MADONVI, timeoutMs: 2000 },
        notifier: {
          zns: { apiUrl: zalo.url, oauthUrl: zalo.url, appId: '1', secretKeyEnv: 'MOTCUA_ZALO_SECRET', refreshTokenEnv: 'MOTCUA_ZALO_REFRESH', timeoutMs: 2000, templates: { 'dossier-ready': { templateId: READY, data: { ma_ho_so: '{code}' } } } },
          esms: { apiUrl: esms.url, apiKeyEnv: 'MOTCUA_ESMS_KEY', secretKeyEnv: 'MOTCUA_ESMS_SECRET', brandname: 'TTHCC-HK', timeoutMs: 2000 },
        },
        webhooks: { allowPrivateAddresses: true, timeoutMs: 2000, subscriptions: [{ id: 'so-tai-chinh', system: 'Phần mềm Sở Tài chính', url: `${dept.url}/hooks`, secretEnv: 'MOTCUA_WH_STC', events: ['dossier.received', 'dossier.status_changed'] }] },
      },
      { MOTCUA_DVCQG_PASSWORD: 'mat-khau-lgsp', MOTCUA_ZALO_SECRET: 'zs', MOTCUA_ZALO_REFRESH: zalo.refreshToken, MOTCUA_ESMS_KEY: 'k', MOTCUA_ESMS_SECRET: 's', MOTCUA_WH_STC: whsec },
      { clock: () => now, store },
    ).then((hub) => {
      hubs.push(hub);
      return hub;
    });

  it('received through A, moved through B: each webhook once, the portal 2 → 4 → 9 → 10, one Zalo message, one token refresh', async () => {
    const store = await pg.freshStore();
    const [a, b] = await Promise.all([startOn(store, 'a'), startOn(store, 'b')]);
    // Every pass of the outbox on both workers at once, as two processes run them.
    const bothWorkers = () => Promise.all([a.deliveries.runDue(), b.deliveries.runDue()]);
    const deskA = (await connectCounter(a.url, 'counter-3')).socket;
    sockets.push(deskA);
    const r = await deskA.emitWithAck('dossier:receive', {
      commandId: commandId(),
      procedureCode: 'KD-TL',
      applicant: APPLICANT,
      documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
      feePaid: 100000,
      notify: { phone: '0912 345 678', consent: true },
    } as never);
    if (!r.ok) throw new Error(r.error.message);
    const dossier = (r.value as { dossier: Dossier }).dossier;
    await bothWorkers();
    const [ma] = [...portal.dossiers.keys()];
    expect(portal.statusesOf(ma!)).toEqual([2]);

    const { key } = await createKey(b.url, 'Phần mềm một cửa Sở Tài chính', 'tai-chinh-ke-hoach', ['dossiers:read', 'dossiers:act']);
    for (const action of ['accept', 'done'] as const) {
      now = new Date(now.getTime() + 30_000);
      const moved = await call(b.url, 'POST', `/api/v1/dossiers/${dossier.code}/actions`, { bearer: key, body: { action, actor: ACTOR } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      await bothWorkers();
    }
    expect(portal.statusesOf(ma!)).toEqual([2, 4, 9]);

    now = new Date(now.getTime() + 30_000);
    const deskB = (await connectCounter(b.url, 'counter-3')).socket;
    sockets.push(deskB);
    const ret = await deskB.emitWithAck('dossier:act', { commandId: commandId(), code: dossier.code, action: 'return' } as never);
    if (!ret.ok) throw new Error(ret.error.message);
    await bothWorkers();
    await bothWorkers();

    expect(portal.statusesOf(ma!)).toEqual([2, 4, 9, 10]);
    expect(zalo.sent.map((s) => [s.phone, s.templateId, s.data.ma_ho_so])).toEqual([['84912345678', READY, dossier.code]]);
    expect(zalo.refreshes).toBe(1);
    expect(esms.sent.map((s) => s.content)).toEqual([expect.stringContaining(`Hồ sơ ${dossier.code} đã được tiếp nhận`)]);
    expect(dept.rejected).toEqual([]);
    expect(dept.duplicates).toEqual([]);
    expect(dept.received.map((w) => [w.type, w.data.status])).toEqual([
      ['dossier.received', 'received'],
      ['dossier.status_changed', 'processing'],
      ['dossier.status_changed', 'done'],
      ['dossier.status_changed', 'returned'],
    ]);
  }, 120_000);

  it("two processes whose access token expired at once: one refresh, both messages sent; the new tokens are the centre's row", async () => {
    const store = await pg.freshStore();
    if (store.kind !== 'postgres') throw new Error('unreachable');
    // Two pools, as two processes have; the administrator's refresh token in both configs.
    const pools = [createPgPool(store.url, { max: 2 }), createPgPool(store.url, { max: 2 })];
    const stores = pools.map((p) => new PgStore(p));
    try {
      await ensureCentre(stores[0]!, { id: store.centreId, name: 'Trung tâm' }, now);
      const notifiers = stores.map(
        (s) =>
          new ZnsNotifier({
            apiUrl: zalo.url,
            oauthUrl: zalo.url,
            appId: '1',
            secretKey: 'zs',
            templates: { 'dossier-ready': { templateId: READY, data: { ma_ho_so: '{code}' } } },
            timeoutMs: 2000,
            tokens: new PgZnsTokenStore(s, store.centreId, zalo.refreshToken, () => now),
            clock: () => now,
          }),
      );
      const sent = await Promise.all(notifiers.map((n, i) => n.send({ to: '0912 345 678', kind: 'dossier-ready', params: { code: `HK-261203-000${i + 1}` }, idempotencyKey: `k-${i}` })));
      expect(sent.map((s) => s.ok), JSON.stringify(sent)).toEqual([true, true]);
      expect(zalo.refreshes).toBe(1);
      expect(zalo.sent.map((s) => s.data.ma_ho_so).sort()).toEqual(['HK-261203-0001', 'HK-261203-0002']);
      const row = await stores[1]!.sql.row<{ refresh_token: string }>('SELECT refresh_token FROM zns_tokens WHERE centre_id = $1', [store.centreId]);
      expect(row?.refresh_token).toBe(zalo.refreshToken);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  }, 60_000);
});
