import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobToText } from '../../hardware/virtual/job-text';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import type { Hub } from '../../hub/hub';
import type { TerminalAgent } from '../../main/agent/terminal-agent';
import type { CentreConfig } from '../../kiosk-config/schema';
import { setPrinterFault, startPartitionProxy, type PartitionProxy } from '../support/faults';
import { commandId, connectCounter, demoConfig, startHub, tempDir } from '../support/centre';
import { httpGet, SseClient } from '../support/sse-client';
import { hubCommandCount, hubTickets, startKiosk, waitForContext } from './kiosk-support';

const TICKETS_DIR = path.resolve(import.meta.dirname, '../../test-results/tickets');
const SERVICES = ['ho-tich', 'dat-dai', 'dang-ky-kinh-doanh', 'xay-dung', 'chung-thuc'] as const;

describe('kiosk: issuing from leased numbers while the hub is away', () => {
  let tmp: ReturnType<typeof tempDir>;
  let printer: VirtualPrinter;
  let printerPort: number;
  let hub: Hub;
  let hubFile: string;
  let proxy: PartitionProxy;
  /** One clock for the hub and the kiosk: tests move time on by minutes or days. */
  let now: Date;
  const clock = () => now;
  const cleanups: (() => Promise<void> | void)[] = [];

  const startCentre = async (block: number, centre: Partial<CentreConfig['centre']> = {}, hubSettings: Partial<CentreConfig['hub']> = {}): Promise<CentreConfig> => {
    const base = demoConfig();
    const config: CentreConfig = { ...base, centre: { ...base.centre, ...centre }, hub: { ...base.hub, ...hubSettings }, queue: { ...base.queue, offlineNumberBlock: block } };
    hubFile = path.join(tmp.dir, 'hub.sqlite');
    hub = await startHub(hubFile, { config, clock });
    cleanups.push(() => hub.close());
    proxy = await startPartitionProxy({ host: '127.0.0.1', port: Number(new URL(hub.url).port) });
    cleanups.push(() => proxy.close());
    return config;
  };
  const kiosk = async (config: CentreConfig): Promise<TerminalAgent> => {
    const agent = await startKiosk({ config, deviceId: 'kiosk-1', hubUrl: proxy.url, dataDir: tmp.dir, printerPort, clock, extra: { kioskTimings: { issuePatienceMs: 1500 } } });
    cleanups.push(() => agent.close());
    return agent;
  };
  const take = (agent: TerminalAgent, serviceId: string, id: string = randomUUID()) => agent.handlers['kiosk:take-ticket']({ serviceId, priority: 'normal', commandId: id });

  beforeEach(async () => {
    tmp = tempDir();
    // 09:00 in Hà Nội.
    now = new Date('2026-05-05T02:00:00.000Z');
    printer = new VirtualPrinter({ outDir: path.join(tmp.dir, 'printed') });
    printerPort = (await printer.start()).port;
    cleanups.push(() => printer.close());
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    tmp.remove();
  });

  it('offline for 10 minutes issues 100 tickets; on reconnect the hub has exactly those, once each, in issue order, callable; a restart delivers nothing again', async () => {
    const config = await startCentre(20);
    let agent = await kiosk(config);
    await waitForContext(agent, (c) => c.hubConnected && SERVICES.every((s) => c.kiosk?.numbersLeft[s] === 20));

    proxy.cut();
    await waitForContext(agent, (c) => !c.hubConnected);
    const issued: { serviceId: string; number: number; issuedAt: string }[] = [];
    for (let i = 0; i < 100; i++) {
      now = new Date(Date.parse('2026-05-05T02:00:00.000Z') + (i + 1) * 6000);
      const r = await take(agent, SERVICES[i % SERVICES.length]!);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value).toMatchObject({ offline: true, outcome: 'printed', waitingAhead: null, printed: { ok: true } });
      issued.push({ serviceId: r.value.ticket.serviceId, number: r.value.ticket.number, issuedAt: r.value.ticket.issuedAt });
    }
    // The leases are spent: the kiosk says so plainly instead of inventing a number.
    const none = await take(agent, 'ho-tich');
    expect(none).toMatchObject({ ok: false, error: { kind: 'hub-unreachable', message: expect.stringContaining('không còn số dự phòng') } });
    expect(agent.context().kiosk).toMatchObject({ pending: 100, numbersLeft: Object.fromEntries(SERVICES.map((s) => [s, 0])) });
    // The printed paper is a normal ticket with a discreet offline line, and no queue figures the kiosk cannot know.
    const lastJob = await printer.waitForJob((j) => jobToText(j).includes(String(issued.at(-1)!.number)), 10_000);
    expect(jobToText(lastJob)).toContain('(ngoại tuyến)');
    expect(jobToText(lastJob)).not.toContain('Số người chờ trước bạn');
    // The paper as printed, kept for a look (test-results/tickets/).
    await printer.settled();
    mkdirSync(TICKETS_DIR, { recursive: true });
    copyFileSync(lastJob.files.png, path.join(TICKETS_DIR, 'kiosk-offline-ticket.png'));
    expect(hubTickets(hubFile)).toHaveLength(0);

    now = new Date('2026-05-05T02:11:00.000Z');
    proxy.heal();
    await waitForContext(agent, (c) => c.hubConnected && c.kiosk?.pending === 0);
    const atHub = hubTickets(hubFile);
    expect(atHub.map((t) => [t.service_id, t.number, t.issued_at, t.issued_by, t.state])).toEqual(issued.map((t) => [t.serviceId, t.number, t.issuedAt, 'kiosk-1', 'waiting']));
    expect(new Set(atHub.map((t) => `${t.service_id}/${t.number}`)).size).toBe(100);

    // Counter 1 serves Hộ tịch and Chứng thực: it calls them in the order they were issued offline.
    const counter = await connectCounter(hub.url, 'counter-1');
    cleanups.push(() => void counter.socket.close());
    const called: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await counter.socket.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
      if (!r.ok) throw new Error(r.error.message);
      called.push(r.value.ticket.number);
      expect((await counter.socket.emitWithAck('ticket:start', { commandId: commandId(), ticketId: r.value.ticket.id })).ok).toBe(true);
      expect((await counter.socket.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: r.value.ticket.id })).ok).toBe(true);
    }
    const quay1 = issued.filter((t) => t.serviceId === 'ho-tich' || t.serviceId === 'chung-thuc').map((t) => t.number);
    expect(called).toEqual(quay1.slice(0, 4));

    // A restart of the kiosk (and its reconnect) sends nothing again.
    const deliveries = hubCommandCount(hubFile, 'ticket:deliver-offline');
    expect(deliveries).toBe(100);
    await agent.close();
    agent = await kiosk(config);
    await waitForContext(agent, (c) => c.hubConnected);
    await agent.kiosk!.sync();
    expect(agent.context().kiosk?.pending).toBe(0);
    expect(hubCommandCount(hubFile, 'ticket:deliver-offline')).toBe(100);
    expect(hubTickets(hubFile)).toHaveLength(100);
  }, 120_000);

  it('a kiosk restarted with undelivered tickets delivers them after start; a lease of yesterday is never used today, and yesterday’s undelivered ticket is kept as failed', async () => {
    const config = await startCentre(10);
    let agent = await kiosk(config);
    await waitForContext(agent, (c) => c.hubConnected && SERVICES.every((s) => c.kiosk?.numbersLeft[s] === 10));
    proxy.cut();
    await waitForContext(agent, (c) => !c.hubConnected);
    now = new Date('2026-05-05T03:00:00.000Z');
    const a = await take(agent, 'ho-tich');
    const b = await take(agent, 'dat-dai');
    if (!a.ok || !b.ok) throw new Error('offline issue failed');

    // Restart while the hub is still away: the kept hello lets the kiosk issue, the outbox is still there.
    await agent.close();
    agent = await kiosk(config);
    await waitForContext(agent, (c) => c.device?.id === 'kiosk-1' && c.kiosk?.pending === 2);
    const c = await take(agent, 'ho-tich');
    if (!c.ok) throw new Error(c.error.message);
    expect(c.value.ticket.number).toBe(a.value.ticket.number + 1);

    proxy.heal();
    await waitForContext(agent, (x) => x.hubConnected && x.kiosk?.pending === 0);
    expect(hubTickets(hubFile).map((t) => [t.service_id, t.number])).toEqual([
      ['ho-tich', a.value.ticket.number],
      ['dat-dai', b.value.ticket.number],
      ['ho-tich', c.value.ticket.number],
    ]);

    // One more offline ticket today, then the hub stays away past midnight.
    proxy.cut();
    await waitForContext(agent, (x) => !x.hubConnected);
    const late = await take(agent, 'ho-tich');
    if (!late.ok) throw new Error(late.error.message);
    now = new Date('2026-05-06T01:30:00.000Z'); // 08:30 the next day
    expect(agent.context().kiosk?.numbersLeft).toEqual({});
    const refused = await take(agent, 'ho-tich');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'hub-unreachable' } });

    proxy.heal();
    const failed = await waitForContext(agent, (x) => x.hubConnected && x.kiosk?.pending === 0 && (x.kiosk?.failed.length ?? 0) === 1);
    expect(failed.kiosk?.failed[0]).toMatchObject({ serviceId: 'ho-tich', day: '2026-05-05', number: late.value.ticket.number, message: expect.stringContaining('không còn hiệu lực') });
    // Today's lease is new, from today's numbers: yesterday's leftover numbers are never printed today.
    await waitForContext(agent, (x) => (x.kiosk?.numbersLeft['ho-tich'] ?? 0) > 0);
    expect(hubTickets(hubFile).filter((t) => t.day === '2026-05-06')).toHaveLength(0);
    const today = await take(agent, 'ho-tich');
    if (!today.ok) throw new Error(today.error.message);
    expect(today.value).toMatchObject({ ticket: { day: '2026-05-06' } });
    expect(today.value.offline).toBeUndefined();
  }, 120_000);

  it('offline, a lease never issues outside the service’s walk-in hours: the kiosk refuses as the hub would, and issues again at the hour', async () => {
    const base = await startCentre(10);
    // The hub was started with the plain demo config; the kiosk learns the hours from its hello.
    await hub.close();
    const config: CentreConfig = { ...base, services: base.services.map((x) => (x.id === 'ho-tich' ? { ...x, walkIn: { hours: [{ from: '07:30', to: '11:30' }, { from: '13:30', to: '17:00' }] } } : x)) };
    hub = await startHub(hubFile, { config, clock, port: Number(new URL(hub.url).port) });
    cleanups.push(() => hub.close());
    const agent = await kiosk(config);
    await waitForContext(agent, (c) => c.hubConnected && SERVICES.every((x) => c.kiosk?.numbersLeft[x] === 10));
    proxy.cut();
    await waitForContext(agent, (c) => !c.hubConnected);
    now = new Date('2026-05-05T05:00:00.000Z'); // 12:00 in Hà Nội
    const closed = await take(agent, 'ho-tich');
    expect(closed).toEqual({ ok: false, error: { kind: 'service-closed', message: 'Ngoài giờ nhận hồ sơ của dịch vụ Hộ tịch: giờ nhận 07:30–11:30, 13:30–17:00.' } });
    expect(agent.context().kiosk).toMatchObject({ pending: 0, numbersLeft: { 'ho-tich': 10 } });
    // A service without hours still issues from its lease.
    expect(await take(agent, 'dat-dai')).toMatchObject({ ok: true, value: { offline: true } });
    now = new Date('2026-05-05T06:30:00.000Z'); // 13:30: the afternoon window, from the lease
    expect(await take(agent, 'ho-tich')).toMatchObject({ ok: true, value: { offline: true, ticket: { serviceId: 'ho-tich' } } });
    expect(agent.context().kiosk).toMatchObject({ pending: 2, numbersLeft: { 'ho-tich': 9 } });
  }, 120_000);

  it('a lost answer to ticket:issue falls back to the lease with supersedes: the hub keeps exactly one ticket for that tap', async () => {
    const config = await startCentre(10);
    const agent = await kiosk(config);
    await waitForContext(agent, (c) => c.hubConnected && SERVICES.every((s) => c.kiosk?.numbersLeft[s] === 10));
    proxy.dropReplies(true);
    const tap = randomUUID();
    const r = await take(agent, 'xay-dung', tap);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ offline: true, printed: { ok: true } });
    // The hub did issue a ticket for the tap: the citizen never saw it.
    const phantom = hubTickets(hubFile);
    expect(phantom).toHaveLength(1);
    expect(phantom[0]!.state).toBe('waiting');

    proxy.dropReplies(false);
    await waitForContext(agent, (c) => c.hubConnected && c.kiosk?.pending === 0);
    const rows = hubTickets(hubFile);
    expect(rows.filter((t) => t.state !== 'cancelled').map((t) => [t.service_id, t.number])).toEqual([['xay-dung', r.value.ticket.number]]);
    expect(rows.find((t) => t.id === phantom[0]!.id)?.state).toBe('cancelled');
  }, 60_000);

  it('an offline ticket that did not print, where the centre voids such tickets, is still delivered (its number is spent) and cancelled at the hub', async () => {
    const config = await startCentre(10, { onPrintFailure: 'void' });
    const agent = await kiosk(config);
    await waitForContext(agent, (c) => c.hubConnected && SERVICES.every((s) => c.kiosk?.numbersLeft[s] === 10));
    proxy.cut();
    await waitForContext(agent, (c) => !c.hubConnected);
    await setPrinterFault(printer, 'paper-out');
    const r = await take(agent, 'dat-dai');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ offline: true, outcome: 'voided', printed: { ok: false, error: { kind: 'paper-out' } } });
    await setPrinterFault(printer, 'ok');
    const kept = await take(agent, 'dat-dai');
    if (!kept.ok) throw new Error(kept.error.message);
    expect(kept.value).toMatchObject({ offline: true, outcome: 'printed' });

    proxy.heal();
    await waitForContext(agent, (c) => c.hubConnected && c.kiosk?.pending === 0);
    await expect.poll(() => hubTickets(hubFile).map((t) => [t.number, t.state])).toEqual([
      [r.value.ticket.number, 'cancelled'],
      [kept.value.ticket.number, 'waiting'],
    ]);
  }, 60_000);

  it('prints an offline ticket with its own link when the centre has a public address; the link works once the ticket is delivered', async () => {
    // The kiosk hears the public address in the hello.
    const config = await startCentre(10, {}, { publicBaseUrl: 'https://motcua.example.gov.vn' });
    // Runs after the kiosk closes, before the hub does: the kiosk's last report (sent on reconnect) is
    // finished at the hub first (a hub closed under a report's after-commit step logs "database not open").
    cleanups.push(() => new Promise<void>((resolve) => setTimeout(resolve, 200)));
    const agent = await kiosk(config);
    await waitForContext(agent, (c) => c.hubConnected && c.kiosk?.numbersLeft['ho-tich'] === 10);

    proxy.cut();
    await waitForContext(agent, (c) => !c.hubConnected);
    const r = await take(agent, 'ho-tich');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ offline: true, outcome: 'printed' });
    const job = await printer.waitForJob((j) => jobToText(j).includes(String(r.value.ticket.number)), 10_000);
    const qr = job.items.find((i) => i.kind === 'qr');
    const link = qr && qr.kind === 'qr' ? qr.content : '';
    expect(link).toMatch(/^https:\/\/motcua\.example\.gov\.vn\/t\/[A-Za-z0-9_-]{24}$/);
    expect(jobToText(job)).toContain('Quét mã để theo dõi lượt của bạn');
    const pagePath = new URL(link).pathname;
    // The hub does not know the ticket yet: the page says so in its not-found words (no promise broken silently).
    const before = await httpGet(`${hub.url}${pagePath}`);
    expect(before.status).toBe(404);
    expect(before.body).toContain('ki-ốt kết nối lại');

    proxy.heal();
    await waitForContext(agent, (c) => c.hubConnected && c.kiosk?.pending === 0);
    const stream = await SseClient.open(`${hub.url}${pagePath}/events`);
    cleanups.push(() => stream.close());
    expect(stream.status).toBe(200);
    expect(await stream.ticket<{ number: number; phase: string }>((v) => v.phase === 'waiting')).toMatchObject({ number: r.value.ticket.number });
  }, 60_000);
});
