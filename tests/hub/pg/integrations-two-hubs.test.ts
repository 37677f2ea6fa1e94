import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../hub/hub';
import { ZnsNotifier } from '../../../hub/integrations/zalo-zns';
import type { HubStoreChoice } from '../../../hub/store/hub-backend';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { PgZnsTokenStore } from '../../../hub/store/pg/pg-zns-tokens';
import { ensureCentre } from '../../../hub/store/pg/pg-repositories';
import { createPgPool } from '../../../hub/store/pg/pool';
import { call, createKey } from '../api-keys-support';
import { ACTOR, READY, receiveNotified, startFakePartners, type FakePartners } from '../../integrations/fake-partners';
import { startIntegratedHub } from '../../integrations/outbox-support';
import { commandId, connectCounter, tempDir, type DeviceSocket } from '../../support/centre';
import { usePostgresForHubs } from '../../support/hub-store';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';

warnIfPostgresMissing('integrations on two PostgreSQL hubs');

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
  let partners: FakePartners;
  const hubs: Hub[] = [];
  const sockets: DeviceSocket[] = [];

  beforeEach(async () => {
    // Near the real clock: the webhook receiver checks webhook-timestamp within 5 minutes.
    now = new Date(Date.now() - 4 * 60_000);
    tmp = tempDir();
    partners = await startFakePartners();
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await Promise.all(hubs.splice(0).map((h) => h.close()));
    await partners.close();
    tmp.remove();
  });

  const startOn = (store: HubStoreChoice, name: string) =>
    startIntegratedHub(path.join(tmp.dir, name), partners.integrations, partners.env, { clock: () => now, store }).then((hub) => {
      hubs.push(hub);
      return hub;
    });

  it('received through A, moved through B: each webhook once, the portal 2 → 4 → 9 → 10, one Zalo message, one token refresh', async () => {
    const { portal, zalo, esms, dept } = partners;
    const store = await pg.freshStore();
    const [a, b] = await Promise.all([startOn(store, 'a'), startOn(store, 'b')]);
    // Every pass of the outbox on both workers at once, as two processes run them.
    const bothWorkers = () => Promise.all([a.deliveries.runDue(), b.deliveries.runDue()]);
    const deskA = (await connectCounter(a.url, 'counter-3')).socket;
    sockets.push(deskA);
    const dossier = await receiveNotified(deskA);
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
    const { zalo } = partners;
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
