import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../bin/cli/centre-runtime';
import { jobToText } from '../../hardware/virtual/job-text';
import { BridgeClient } from '../support/bridge-client';
import { openPage } from '../support/browser';
import { commandId, connectCounter, demoConfig, tokenOf } from '../support/centre';
import { hasSocat, startSocatPair, type SocatPair } from '../serial/socat-pair';
import { KioskPage } from './pages/kiosk-page';
import { KioskRatingPage } from './pages/kiosk-rating-page';
import { useE2eCentre } from './support/e2e-centre';

/** Monday 23/11/2026, 09:05 in Hà Nội, moving on with real time. */
const START = Date.parse('2026-11-23T09:05:00+07:00');

if (!hasSocat()) console.warn('[serial] skipped: socat is not installed (apt-get install socat)');

/** A kiosk whose QR scanner is in serial (CDC) mode: scanning a booking slip checks the citizen in. */
describe.skipIf(!hasSocat())('serial QR scanner at the kiosk', () => {
  const e = useE2eCentre('motcua-e2e-scan-', { startAt: START });
  let kioskWithScanner: RunningAgent;
  let scanner: SocatPair;
  const clients: BridgeClient[] = [];
  beforeAll(async () => {
    scanner = await startSocatPair(e.dir);
    kioskWithScanner = await startAgent({
      hubUrl: e.centre.hub.url,
      deviceId: 'kiosk-1',
      token: tokenOf(demoConfig(), 'kiosk-1'),
      role: 'kiosk',
      dataDir: path.join(e.dir, 'kiosk-scan'),
      printerInterface: `tcp://127.0.0.1:${e.centre.printerPort}`,
      devices: { qrScanner: { path: scanner.a, baudRate: 9600 } },
    });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await kioskWithScanner?.bridge.close();
    await kioskWithScanner?.agent.close();
    await scanner?.stop();
  });

  it('checks a booking in from a scanned slip, and the admin sees the scanner connected', async () => {
    const admin = await BridgeClient.connect(e.centre.agents.admin.launchUrl());
    clients.push(admin);
    await admin.waitForContext((c) => c.hubConnected);
    const booked = await admin.invoke('admin:book-appointment', { serviceId: 'ho-tich', date: '2026-11-23', slotStart: '09:30', citizenName: 'Võ Thị Hạnh' });
    if (!booked.ok) throw new Error(booked.error.message);
    const code = booked.value.appointment.code;
    await admin.waitForContext((c) => c.devices?.find((d) => d.id === 'kiosk-1')?.serial?.some((s) => s.kind === 'qr-scanner' && s.state === 'connected') === true);

    const tab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const kiosk = new KioskPage(tab.page);
    await kiosk.open(kioskWithScanner.launchUrl());
    await kiosk.waitUntilConnected();
    const printed = e.centre.printer.waitForJob(undefined, 15_000);
    await scanner.write(`${code}\r\n`); // the scanner reads the slip's QR
    await tab.page.getByTestId('kiosk-result').waitFor();
    const number = Number((await tab.page.getByTestId('ticket-number').innerText()).trim());
    expect(number).toBe(1001);
    expect(jobToText(await printed)).toContain('1001');
    expect(tab.problems).toEqual([]);
  });

  it('rates a served visit from the ticket QR scanned in serial mode (MOTCUA:VE): the rating screen opens by itself', async () => {
    const counter = await connectCounter(e.centre.hub.url, 'counter-1');
    const kioskHub = await BridgeClient.connect(kioskWithScanner.launchUrl());
    clients.push(kioskHub);
    await kioskHub.waitForContext((c) => c.hubConnected);
    const taken = await kioskHub.invoke('kiosk:take-ticket', { serviceId: 'chung-thuc' });
    if (!taken.ok) throw new Error(taken.error.message);
    const { ticket } = taken.value;
    try {
      for (const step of ['counter:call-next', 'ticket:start', 'ticket:complete'] as const) {
        const r = await counter.socket.emitWithAck(step as 'ticket:start', { commandId: commandId(), ...(step === 'counter:call-next' ? { counterId: 'quay-1' } : { ticketId: ticket.id }) } as never);
        if (!r.ok) throw new Error(r.error.message);
      }
    } finally {
      counter.socket.close();
    }
    const tab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const kiosk = new KioskPage(tab.page);
    await kiosk.open(kioskWithScanner.launchUrl());
    await kiosk.waitUntilConnected();
    await scanner.write(`MOTCUA:VE:${ticket.day}:chung-thuc:${ticket.number}\r\n`);
    const rate = new KioskRatingPage(tab.page);
    expect(await rate.servedBy()).toMatch(/^Quầy 1 — Nguyễn Thị Lan đã phục vụ bạn lúc \d{2}:\d{2}$/);
    await rate.choose('Hài lòng');
    await rate.send();
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  }, 120_000);
});
