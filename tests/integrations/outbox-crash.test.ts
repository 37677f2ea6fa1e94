import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../../hub/integrations/webhook-sender';
import { IntegrationsConfigSchema } from '../../kiosk-config/integrations-schema';
import { connectCounter, tempDir, type DeviceSocket } from '../support/centre';
import { startFakeDvcqg, type FakeDvcqg } from '../support/fake-dvcqg';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../support/fake-webhook-receiver';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { ADMIN_TOKEN, config, receive } from './outbox-support';

/**
 * A hub killed with -9 in the middle of delivering: the row was written with the receive's commit
 * and is only updated after an attempt, so the next hub finds it due and sends it again. The
 * webhook receiver sees the same webhook-id twice and keeps it once; the portal ends with the
 * dossier once. Real hub processes (`motcua hub`), real clock.
 */
const MADONVI = '000.00.31.H26';

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('deliveries survive a hub killed mid-attempt (real hub processes)', () => {
  const closers: (() => Promise<void>)[] = [];
  const sockets: DeviceSocket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  });

  it('an attempt cut by kill -9 is made again after the restart: the portal gets the dossier, the receiver keeps the event once', { timeout: 180_000 }, async () => {
    const tmp = tempDir();
    closers.push(async () => tmp.remove());
    const portal: FakeDvcqg = await startFakeDvcqg({ username: 'motcua-hk', password: 'mat-khau', madonvi: MADONVI });
    closers.push(() => portal.close());
    const secret = newWebhookSecret((n) => randomBytes(n));
    const receiver: FakeWebhookReceiver = await startFakeWebhookReceiver({ secret });
    closers.push(() => receiver.close());
    const integrations = IntegrationsConfigSchema.parse({
      nationalPortal: { adapterUrl: portal.url, username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: MADONVI, timeoutMs: 30_000 },
      webhooks: { allowPrivateAddresses: true, timeoutMs: 30_000, subscriptions: [{ id: 'so-tai-chinh', system: 'Sở Tài chính', url: receiver.url, secretEnv: 'MOTCUA_WH_STC', events: ['dossier.received'] }] },
    });
    // Both partners hold their answer 20 s: the hub is killed while it waits.
    portal.inject({ kind: 'slow', delayMs: 20_000 });
    receiver.answerNext({ status: 204, delayMs: 20_000 });
    const hub: HubProcess = await startHubProcess({ dataDir: path.join(tmp.dir, 'hub'), config: { ...config, integrations }, env: { MOTCUA_DVCQG_PASSWORD: 'mat-khau', MOTCUA_WH_STC: secret } });
    closers.push(() => hub.stop());

    const counter = (await connectCounter(hub.url, 'counter-3')).socket;
    sockets.push(counter);
    const { dossier } = await receive(counter);
    await until('both attempts in flight', () => portal.calls.length >= 1 && receiver.requests >= 1);
    counter.close();
    await hub.kill9();

    await hub.restart();
    const ma = `${MADONVI}-${dossier.code.slice(3)}`;
    await until('the portal to have the dossier', () => portal.statusesOf(ma).length > 0);
    await until('the webhook to be sent again', () => receiver.requests >= 2);
    expect(portal.statusesOf(ma)).toEqual([2]);
    expect(portal.calls.map((c) => c.service)).toEqual(['TraCuuHoSo', 'TraCuuHoSo', 'DongBoHoSoMC', 'CapNhatTienDoHoSoMC']);
    expect(receiver.received.map((r) => r.type)).toEqual(['dossier.received']);
    expect(receiver.duplicates).toEqual([receiver.received[0]!.id]);
    expect(receiver.rejected).toEqual([]);

    await until('both rows delivered', async () => {
      const res = await fetch(`${hub.url}/api/admin/deliveries?state=delivered`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const body = (await res.json()) as { ok: boolean; value: { deliveries: { attempts: number }[] } };
      // The cut attempt left no trace: each row was delivered at its first recorded attempt.
      return body.ok && body.value.deliveries.length === 2 && body.value.deliveries.every((d) => d.attempts === 1);
    });
  });
});
