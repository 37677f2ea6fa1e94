import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobToText } from '../../hardware/virtual/job-text';
import { seriousAxeViolations } from '../support/axe';
import { openPage } from '../support/browser';
import { DEMO_CLERKS } from '../support/centre';
import { CounterPage } from './pages/counter-page';
import { KioskPage } from './pages/kiosk-page';
import { PhoneTicketPage } from './pages/phone-ticket-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/** Thursday 3/12/2026, 09:05 in Hà Nội, moving on with real time. */
const START = Date.parse('2026-12-03T09:05:00+07:00');
const PUBLIC_BASE = 'https://motcua.example.gov.vn';

/** What a phone camera reads off the paper: the printed ticket's PNG through zbar. */
function scanQr(png: string): string {
  return execFileSync('zbarimg', ['--quiet', '--raw', png], { encoding: 'utf8' }).trim();
}

describe('a citizen follows the turn on the phone from the QR on the printed ticket', () => {
  const e = useE2eCentre('motcua-e2e-phone-', { startAt: START, configure: (c) => ({ ...c, hub: { ...c.hub, publicBaseUrl: PUBLIC_BASE } }) });

  it('scans the ticket, sees the people ahead, and is called to the counter with sound and vibration', async () => {
    const kioskTab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const counterTab = await openPage(e.browser, { width: 1366, height: 768 });
    const phoneTab = await openPage(e.browser, { width: 390, height: 844 }, true);
    const kiosk = new KioskPage(kioskTab.page);
    const counter = new CounterPage(counterTab.page);
    const phone = new PhoneTicketPage(phoneTab.page);
    await counter.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitUntilConnected();

    // Someone is ahead: 1001. Then our citizen takes 1002, and the ticket comes out of the printer.
    await kiosk.takeTicket('Hộ tịch');
    await e.centre.printer.waitForJob(undefined, 15_000);
    // The next citizen at the kiosk: its home screen again.
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitUntilConnected();
    const printed = e.centre.printer.waitForJob(undefined, 15_000);
    expect((await kiosk.takeTicket('Hộ tịch')).number).toBe(1002);
    const job = await printed;
    copyFileSync(job.files.png, path.join(ARTEFACTS, 'phone-ticket.png'));
    expect(jobToText(job)).toContain('Quét mã để theo dõi lượt của bạn');

    // The phone's camera reads the QR: the centre's public address and the ticket's token, nothing else.
    const link = scanQr(job.files.png);
    expect(link).toMatch(/^https:\/\/motcua\.example\.gov\.vn\/t\/[A-Za-z0-9_-]{24}$/);
    expect(link).not.toContain('1002');
    // The centre's reverse proxy forwards the public address to the hub: here the test plays the proxy.
    const url = new URL(new URL(link).pathname, e.centre.hub.url).toString();

    await phone.watchAlerts();
    await phone.open(url);
    expect(await phone.number()).toBe(1002);
    await phone.waitForAhead('Còn 1 người trước bạn');
    await phone.turnSoundOn();
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await phoneTab.page.screenshot({ path: path.join(ARTEFACTS, 'phone-1-waiting-vi.png') });
    await phone.switchLanguage('English');
    await phone.waitForAhead('1 person ahead of you');
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await phoneTab.page.screenshot({ path: path.join(ARTEFACTS, 'phone-2-waiting-en.png') });
    await phone.switchLanguage('Tiếng Việt');

    // Quầy 1 calls 1001, serves and finishes: our citizen is next.
    expect(await counter.callNext()).toBe(1001);
    await phone.waitForAhead('Bạn là người tiếp theo');
    await counter.startServing();
    await counter.finish();
    const before = await phone.alerts();
    // Then calls 1002: the phone shows the call, rings and vibrates.
    expect(await counter.callNext()).toBe(1002);
    expect(await phone.waitForCall()).toBe('Mời số 1002 đến Quầy 1');
    await expect.poll(async () => (await phone.alerts()).vibrations).toBe(before.vibrations + 1);
    expect((await phone.alerts()).beeps).toBeGreaterThan(before.beeps);
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await phoneTab.page.screenshot({ path: path.join(ARTEFACTS, 'phone-3-called-vi.png') });
    await phone.switchLanguage('English');
    expect(await phone.waitForCall()).toBe('Number 1002, please go to Counter 1');
    await phoneTab.page.screenshot({ path: path.join(ARTEFACTS, 'phone-4-called-en.png') });

    for (const p of [kioskTab, counterTab, phoneTab]) expect(p.problems, 'console errors on a screen').toEqual([]);

    // A mistyped or made-up link: a plain page in Vietnamese (English under it), nothing else.
    const strayTab = await openPage(e.browser, { width: 390, height: 844 }, true);
    const stray = await strayTab.page.goto(new URL('/t/AAAAAAAAAAAAAAAAAAAAAAAA', e.centre.hub.url).toString());
    expect(stray?.status()).toBe(404);
    await strayTab.page.getByRole('heading', { name: 'Không tìm thấy vé' }).waitFor();
    expect(await seriousAxeViolations(strayTab.page)).toEqual([]);
    await strayTab.page.screenshot({ path: path.join(ARTEFACTS, 'phone-5-not-found.png') });
    // ~20 s alone; the default 30 s ran out beside other Chromium suites on 2 loaded cores.
  }, 120_000);
});
