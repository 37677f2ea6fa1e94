import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TakeTicketOutput } from '../../core/protocol/bridge';
import type { Result } from '../../core/result';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import type { TerminalAgent } from '../../main/agent/terminal-agent';
import type { CentreConfig } from '../../kiosk-config/schema';
import { startHubProcess, startPartitionProxy } from '../support/faults';
import { demoConfig, tempDir } from '../support/centre';
import { duplicates, hubTickets, startKiosk, waitForContext } from './kiosk-support';

const SERVICES = ['ho-tich', 'dat-dai', 'dang-ky-kinh-doanh', 'xay-dung', 'chung-thuc'] as const;

/** The demo centre with a second kiosk in the hall. */
function twoKioskCentre(): CentreConfig {
  const base = demoConfig();
  const kiosk1 = base.devices.find((d) => d.id === 'kiosk-1')!;
  return { ...base, devices: [...base.devices, { ...kiosk1, id: 'kiosk-2', name: 'Kiosk cửa phụ', token: 'demo-kiosk-2-7a1c5e9b3d2f4a60' }] };
}

describe('kiosks while the hub process is killed with -9', () => {
  let tmp: ReturnType<typeof tempDir>;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    tmp.remove();
  });

  it('one kiosk online, one cut off: after the restart no number is given twice, every acknowledged and every offline ticket is there once', async () => {
    const config = twoKioskCentre();
    const hubDir = path.join(tmp.dir, 'hub');
    const hub = await startHubProcess({ config, dataDir: hubDir });
    cleanups.push(() => hub.stop());
    const printer = new VirtualPrinter({ outDir: path.join(tmp.dir, 'printed') });
    const printerPort = (await printer.start()).port;
    cleanups.push(() => printer.close());
    const proxy = await startPartitionProxy({ host: '127.0.0.1', port: hub.port });
    cleanups.push(() => proxy.close());
    const start = async (deviceId: string, hubUrl: string): Promise<TerminalAgent> => {
      const a = await startKiosk({ config, deviceId, hubUrl, dataDir: tmp.dir, printerPort, extra: { kioskTimings: { issuePatienceMs: 1500 } } });
      cleanups.push(() => a.close());
      return a;
    };
    const online = await start('kiosk-1', hub.url);
    const cutOff = await start('kiosk-2', proxy.url);
    for (const k of [online, cutOff]) await waitForContext(k, (c) => c.hubConnected && SERVICES.every((s) => (c.kiosk?.numbersLeft[s] ?? 0) >= 5));
    proxy.cut();
    await waitForContext(cutOff, (c) => !c.hubConnected);

    const answers: { kiosk: string; r: Result<TakeTicketOutput> }[] = [];
    const tap = async (agent: TerminalAgent, kiosk: string, serviceId: string) => {
      answers.push({ kiosk, r: await agent.handlers['kiosk:take-ticket']({ serviceId, priority: 'normal', commandId: randomUUID() }) });
    };
    for (let i = 0; i < 24; i++) {
      const serviceId = SERVICES[i % SERVICES.length]!;
      const round = [tap(online, 'kiosk-1', serviceId), tap(cutOff, 'kiosk-2', serviceId)];
      // The power goes while tickets are being issued.
      if (i === 8) round.push(hub.kill9());
      await Promise.all(round);
      if (i === 8) await waitForContext(online, (c) => !c.hubConnected);
    }
    await hub.restart();
    proxy.heal();
    for (const k of [online, cutOff]) await waitForContext(k, (c) => c.hubConnected && c.kiosk?.pending === 0, 60_000);

    const failures = answers.filter((a) => !a.r.ok);
    expect(failures).toEqual([]);
    const tickets = answers.map((a) => ({ kiosk: a.kiosk, out: (a.r as { ok: true; value: TakeTicketOutput }).value }));
    const acknowledgedOnline = tickets.filter((t) => !t.out.offline);
    const offline = tickets.filter((t) => t.out.offline);
    // Both paths were really taken: the online kiosk issued online before the crash and offline after it.
    expect(acknowledgedOnline.length).toBeGreaterThan(0);
    expect(offline.filter((t) => t.kiosk === 'kiosk-1').length).toBeGreaterThan(0);
    expect(offline.filter((t) => t.kiosk === 'kiosk-2')).toHaveLength(24);

    const rows = hubTickets(path.join(hubDir, 'hub.sqlite'));
    expect(duplicates(rows)).toEqual([]);
    const live = rows.filter((r) => r.state !== 'cancelled');
    for (const t of [...acknowledgedOnline, ...offline]) {
      const found = live.filter((r) => r.service_id === t.out.ticket.serviceId && r.day === t.out.ticket.day && r.number === t.out.ticket.number);
      expect(found, `${t.kiosk} ${t.out.ticket.serviceId} ${t.out.ticket.number}`).toHaveLength(1);
      expect(found[0]!.issued_by).toBe(t.kiosk);
    }
    // Nothing else is waiting: every live ticket is one a citizen holds.
    expect(live).toHaveLength(48);
  }, 180_000);
});
