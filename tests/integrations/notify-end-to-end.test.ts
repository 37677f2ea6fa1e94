import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub';
import { commandId, connectCounter, tempDir, type DeviceSocket } from '../support/centre';
import { call, createKey } from '../hub/api-keys-support';
import { ACTOR, READY, receiveNotified, startFakePartners, type FakePartners } from './fake-partners';
import { startIntegratedHub } from './outbox-support';

/**
 * Issue 14's proof, end to end over a real hub: a dossier received at the counter (phone given
 * with consent) is synced to the fake portal with status 2; a department's own software accepts
 * and finishes it through an API key (/api/v1); the portal sees 4 then 9; the counter returns the
 * result (10); the citizen's fake Zalo receives "ready to collect" once; the department's webhook
 * receiver (verifying with `standardwebhooks`) got every event once.
 */
describe('issue 14 end to end: counter → portal, API key, webhooks, Zalo', () => {
  // Near the real clock: the webhook receiver checks webhook-timestamp within 5 minutes.
  let now = new Date(Date.now() - 4 * 60_000);
  let tmp: ReturnType<typeof tempDir>;
  let partners: FakePartners;
  let hub: Hub | null = null;
  let desk: DeviceSocket | null = null;

  beforeEach(async () => {
    now = new Date(Date.now() - 4 * 60_000);
    tmp = tempDir();
    partners = await startFakePartners();
  });
  afterEach(async () => {
    desk?.close();
    await hub?.close();
    hub = null;
    await partners.close();
    tmp.remove();
  });

  it('status 2, then 4, 9, 10 at the portal; Zalo "ready to collect" once; every webhook once', async () => {
    const { portal, zalo, esms, dept } = partners;
    hub = await startIntegratedHub(tmp.dir, partners.integrations, partners.env, { clock: () => now });
    desk = (await connectCounter(hub.url, 'counter-3')).socket;
    const dossier = await receiveNotified(desk);
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
