import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../bin/cli/centre-runtime';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import type { Hub } from '../../hub/hub';
import { BridgeClient } from '../support/bridge-client';
import { demoConfig, startHub, tempDir, tokenOf } from '../support/centre';

const config = demoConfig();

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('terminal agent and its bridge', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  const running: RunningAgent[] = [];
  const clients: BridgeClient[] = [];
  const agent = async (deviceId: string, extra: { token?: string; printerInterface?: string; hubUrl?: string; printerPollMs?: number } = {}) => {
    const device = config.devices.find((d) => d.id === deviceId)!;
    const a = await startAgent({
      hubUrl: extra.hubUrl ?? hub.url,
      deviceId,
      token: extra.token ?? tokenOf(config, deviceId),
      role: device.role,
      dataDir: path.join(tmp.dir, deviceId),
      printerInterface: extra.printerInterface,
      printerPollMs: extra.printerPollMs,
    });
    running.push(a);
    const c = await BridgeClient.connect(a.launchUrl());
    clients.push(c);
    return { a, c };
  };

  beforeEach(async () => {
    tmp = tempDir();
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    for (const a of running.splice(0)) {
      await a.bridge.close();
      await a.agent.close();
    }
    await hub.close();
    tmp.remove();
  });

  it('serves the bridge only to a session opened by a launch code', async () => {
    const { a } = await agent('display-1');
    const url = new URL(a.launchUrl());
    url.pathname = '/launch/guessed-guessed-guessed-guessed';
    await expect(BridgeClient.connect(url.toString())).rejects.toMatchObject({ message: 'launch refused (HTTP 401)' });
    await expect(BridgeClient.connectSession(url.origin, null)).rejects.toMatchObject({ message: 'unauthorized' });
    const page = await fetch(new URL('/', url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('answers malformed bridge calls with invalid-input', async () => {
    const { c } = await agent('counter-1');
    expect(await c.raw('motcua:invoke', 'no-such-call', {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await c.raw('motcua:invoke', 'counter:start', { ticketId: 'abc' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await c.raw('motcua:invoke', 42, null)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('issues the ticket but says so plainly when the printer is offline', async () => {
    const { c } = await agent('kiosk-1', { printerInterface: `tcp://127.0.0.1:${await closedPort()}` });
    // The kiosk holds its offline reserve (4990–4999, from the top): online numbering still starts the day at 4001.
    await c.waitForContext((x) => x.hubConnected && x.device?.id === 'kiosk-1' && x.kiosk?.numbersLeft['xay-dung'] === 10);
    const r = await c.invoke('kiosk:take-ticket', { serviceId: 'xay-dung' });
    expect(r).toMatchObject({ ok: true, value: { ticket: { number: 4001 }, serviceName: 'Xây dựng', printed: { ok: false, error: { kind: 'printer-offline' } } } });
    await c.waitForContext((x) => x.printer?.health === 'offline');
  });

  it('voids a ticket that did not print when the centre says so, and the admin sees the printer fault', async () => {
    await hub.close();
    const voiding = { ...config, centre: { ...config.centre, onPrintFailure: 'void' as const } };
    hub = await startHub(path.join(tmp.dir, 'void.sqlite'), { config: voiding });
    const admin = await agent('admin-1');
    const { c } = await agent('kiosk-1', { printerInterface: `tcp://127.0.0.1:${await closedPort()}` });
    await c.waitForContext((x) => x.hubConnected && x.device !== null && x.kiosk?.numbersLeft['chung-thuc'] === 10);
    const r = await c.invoke('kiosk:take-ticket', { serviceId: 'chung-thuc' });
    expect(r).toMatchObject({ ok: true, value: { outcome: 'voided', ticket: { number: 5001, state: 'cancelled' }, printed: { ok: false } } });
    const seen = await admin.c.waitForContext((x) => x.devices?.find((d) => d.id === 'kiosk-1')?.printer?.health === 'offline');
    expect(seen.devices?.find((d) => d.id === 'kiosk-1')).toMatchObject({ connected: true, printer: { id: 'may-in-kiosk-1', detail: expect.stringContaining('127.0.0.1') } });
    // The voided ticket leaves the queue everyone sees (the health report and the event may arrive in either order).
    await admin.c.waitForContext((x) => x.snapshot?.waiting['chung-thuc'] === 0 && (x.snapshot?.seq ?? 0) >= 2);
  });

  it('reports each printer fault the printer itself tells, before and at printing, to the kiosk and the admin', async () => {
    const printer = new VirtualPrinter({ outDir: path.join(tmp.dir, 'printed') });
    const { port } = await printer.start();
    try {
      const admin = await agent('admin-1');
      const kiosk = await agent('kiosk-1', { printerInterface: `tcp://127.0.0.1:${port}`, printerPollMs: 200 });
      await kiosk.c.waitForContext((x) => x.printer?.health === 'ok');
      const healthOnAdmin = (h: string) => admin.c.waitForContext((x) => x.devices?.find((d) => d.id === 'kiosk-1')?.printer?.health === h);
      await healthOnAdmin('ok');

      // Between tickets: the poll notices the paper running low, then out.
      printer.setState('paper-near-end');
      await healthOnAdmin('paper-near-end');
      printer.setState('paper-out');
      await healthOnAdmin('paper-out');

      // A citizen taps anyway: the ticket exists, nothing is claimed printed, the reason is exact.
      const r = await kiosk.c.invoke('kiosk:take-ticket', { serviceId: 'ho-tich' });
      expect(r).toMatchObject({ ok: true, value: { outcome: 'kept', printed: { ok: false, error: { kind: 'paper-out' } } } });
      printer.setState('cover-open');
      expect(await kiosk.c.invoke('kiosk:take-ticket', { serviceId: 'ho-tich' })).toMatchObject({ ok: true, value: { printed: { ok: false, error: { kind: 'cover-open' } } } });
      await healthOnAdmin('cover-open');
      printer.setState('ok');
      await healthOnAdmin('ok');
      expect(printer.jobs.filter((j) => j.cut)).toHaveLength(0);
    } finally {
      await printer.close();
    }
  });

  it('reports a refused device and an unreachable hub in words, and recovers when the hub returns', async () => {
    const refused = await agent('counter-2', { token: 'this-is-not-the-right-token' });
    const ctx = await refused.c.waitForContext((x) => x.hubProblem !== null);
    expect(ctx.hubProblem).toContain('từ chối thiết bị "counter-2"');

    const { c } = await agent('counter-1');
    await c.waitForContext((x) => x.hubConnected);
    const file = path.join(tmp.dir, 'hub.sqlite');
    const port = Number(new URL(hub.url).port);
    await hub.close();
    await c.waitForContext((x) => !x.hubConnected);
    // A press while the hub is away is not lost: it waits for the link (shown), and goes once the hub is back.
    const pressed = c.invoke('counter:call-next', {});
    await c.waitForContext((x) => x.sending?.resending === false && x.sending.count === 1);
    hub = await startHub(file, { port });
    expect(await pressed).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('Chưa có cán bộ đăng nhập') } });
    await c.waitForContext((x) => x.hubConnected && x.snapshot !== null && x.sending === null, 15_000);
    expect(await c.invoke('counter:sign-in', { clerkId: 'nguyen-thi-lan', pin: '1111' })).toMatchObject({ ok: true });
    expect(await c.invoke('counter:call-next', {})).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('Không còn ai đang chờ') } });
  });
});
