import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, startCentre, type CentreRuntime, type RunningAgent } from '../../bin/cli/centre-runtime';
import { jobToText } from '../../hardware/virtual/job-text';
import { BridgeClient } from '../support/bridge-client';
import { launchChromium, openPage } from '../support/browser';
import { demoConfig, tempDir, tokenOf } from '../support/centre';
import { hasSocat, startSocatPair, type SocatPair } from '../serial/socat-pair';
import { KioskPage } from './pages/kiosk-page';

/** Monday 23/11/2026, 09:05 in Hà Nội, moving on with real time. */
const START = Date.parse('2026-11-23T09:05:00+07:00');

if (!hasSocat()) console.warn('[serial] skipped: socat is not installed (apt-get install socat)');

/** A kiosk whose QR scanner is in serial (CDC) mode: scanning a booking slip checks the citizen in. */
describe.skipIf(!hasSocat())('serial QR scanner at the kiosk', () => {
  let tmp: ReturnType<typeof tempDir>;
  let centre: CentreRuntime;
  let kioskWithScanner: RunningAgent;
  let scanner: SocatPair;
  let browser: Browser;
  const clients: BridgeClient[] = [];

  beforeAll(async () => {
    tmp = tempDir('motcua-e2e-scan-');
    const realStart = Date.now();
    centre = await startCentre({ config: demoConfig(), dataDir: tmp.dir, preferConfiguredPorts: false, clock: () => new Date(START + (Date.now() - realStart)) });
    scanner = await startSocatPair(tmp.dir);
    kioskWithScanner = await startAgent({
      hubUrl: centre.hub.url,
      deviceId: 'kiosk-1',
      token: tokenOf(demoConfig(), 'kiosk-1'),
      role: 'kiosk',
      dataDir: path.join(tmp.dir, 'kiosk-scan'),
      printerInterface: `tcp://127.0.0.1:${centre.printerPort}`,
      devices: { qrScanner: { path: scanner.a, baudRate: 9600 } },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await browser?.close();
    await kioskWithScanner?.bridge.close();
    await kioskWithScanner?.agent.close();
    await scanner?.stop();
    await centre?.close();
    tmp?.remove();
  });

  it('checks a booking in from a scanned slip, and the admin sees the scanner connected', async () => {
    const admin = await BridgeClient.connect(centre.agents.admin.url);
    clients.push(admin);
    await admin.waitForContext((c) => c.hubConnected);
    const booked = await admin.invoke('admin:book-appointment', { serviceId: 'ho-tich', date: '2026-11-23', slotStart: '09:30', citizenName: 'Võ Thị Hạnh' });
    if (!booked.ok) throw new Error(booked.error.message);
    const code = booked.value.appointment.code;
    await admin.waitForContext((c) => c.devices?.find((d) => d.id === 'kiosk-1')?.serial?.some((s) => s.kind === 'qr-scanner' && s.state === 'connected') === true);

    const tab = await openPage(browser, { width: 1080, height: 1920 }, true);
    const kiosk = new KioskPage(tab.page);
    await kiosk.open(kioskWithScanner.url);
    await kiosk.waitUntilConnected();
    const printed = centre.printer.waitForJob(undefined, 15_000);
    await scanner.write(`${code}\r\n`); // the scanner reads the slip's QR
    await tab.page.getByTestId('kiosk-result').waitFor();
    const number = Number((await tab.page.getByTestId('ticket-number').innerText()).trim());
    expect(number).toBe(1001);
    expect(jobToText(await printed)).toContain('1001');
    expect(tab.problems).toEqual([]);
  });
});
