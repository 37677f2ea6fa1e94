import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../bin/cli/centre-runtime';
import { jobToText } from '../../hardware/virtual/job-text';
import { BridgeClient } from '../support/bridge-client';
import { openPage } from '../support/browser';
import { demoConfig, tokenOf } from '../support/centre';
import { hasSocat, startSocatPair, type SocatPair } from '../serial/socat-pair';
import { KioskPage } from './pages/kiosk-page';
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
});
