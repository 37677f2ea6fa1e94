import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobToText } from '../../hardware/virtual/job-text';
import { fontsReady, openPage, type WatchedPage } from '../support/browser';
import { DEMO_CLERKS } from '../support/centre';
import { AdminPage } from './pages/admin-page';
import { CounterPage } from './pages/counter-page';
import { DisplayPage } from './pages/display-page';
import { KioskPage } from './pages/kiosk-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/**
 * A citizen's first minutes in the centre, through every real part: Chromium on the three
 * screens, three headless terminal agents, the hub on SQLite, and the virtual thermal printer.
 */
describe('vertical slice: kiosk ticket → printer → counter call → display', () => {
  const e = useE2eCentre('motcua-e2e-');
  const pages: WatchedPage[] = [];

  it('serves a citizen from the kiosk to the counter, with the call on the waiting-room display', async () => {
    const kioskTab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const counterTab = await openPage(e.browser, { width: 1366, height: 768 });
    const displayTab = await openPage(e.browser, { width: 1920, height: 1080 });
    pages.push(kioskTab, counterTab, displayTab);
    const kiosk = new KioskPage(kioskTab.page);
    const counter = new CounterPage(counterTab.page);
    const display = new DisplayPage(displayTab.page);
    await display.open(e.centre.agents.display.launchUrl());
    await counter.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitUntilConnected();
    await fontsReady(kioskTab.page);
    await kioskTab.page.screenshot({ path: path.join(ARTEFACTS, '1-kiosk-home.png'), animations: 'disabled' });

    // The citizen taps "Hộ tịch": the number is on screen and the ticket comes out of the printer.
    const printedJob = e.centre.printer.waitForJob(undefined, 15_000);
    const ticket = await kiosk.takeTicket('Hộ tịch');
    expect(ticket.number).toBe(1001);
    expect(ticket.notice).toContain('Vui lòng nhận vé');
    await kioskTab.page.screenshot({ path: path.join(ARTEFACTS, '2-kiosk-ticket.png'), animations: 'disabled' });

    const job = await printedJob;
    const text = jobToText(job);
    writeFileSync(path.join(ARTEFACTS, 'ticket.txt'), text);
    copyFileSync(job.files.png, path.join(ARTEFACTS, 'ticket.png'));
    expect(job.cut).toBe(true);
    expect(text).toContain('Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm');
    expect(text).toContain('Hộ tịch');
    expect(text).toContain('Số người chờ trước bạn: 0');
    const numberLine = job.items.find((i) => i.kind === 'text' && i.text.trim() === '1001');
    expect(numberLine).toMatchObject({ kind: 'text', align: 'center' });
    expect(numberLine && numberLine.kind === 'text' ? Math.min(numberLine.width, numberLine.height) : 0).toBeGreaterThanOrEqual(2);
    // The demo centre has no public address (hub.publicBaseUrl): the ticket promises no tracking (tests/e2e/phone-ticket.test.ts).
    expect(job.items.some((i) => i.kind === 'qr')).toBe(false);
    expect(text).not.toContain('Quét mã để theo dõi');

    // The clerk at Quầy 1 calls the next number: the display shows it at Quầy 1.
    await counterTab.page.getByTestId('counter-waiting').filter({ hasText: 'Hộ tịch' }).waitFor();
    expect(await counter.callNext()).toBe(1001);
    expect(await counter.currentState()).toMatch(/đã gọi/i);
    const card = await display.waitForNumberAt('quay-1', 1001);
    expect(card).toContain('Quầy 1');
    expect(await display.newestCall()).toMatch(/1001[\s\S]*Quầy 1/);
    await fontsReady(displayTab.page);
    await fontsReady(counterTab.page);
    await counterTab.page.screenshot({ path: path.join(ARTEFACTS, '3-counter-called.png'), animations: 'disabled' });
    await displayTab.page.screenshot({ path: path.join(ARTEFACTS, '4-display-call.png'), animations: 'disabled' });

    // Service, then done: the counter is free again and the hub recorded every step.
    await counter.startServing();
    await counter.finish();
    const snapshot = e.centre.agents.counter.agent.context().snapshot;
    expect(snapshot?.counters['quay-1']).toMatchObject({ number: 1001, state: 'done' });
    expect(await display.recentCalls()).toContain('1001');

    for (const p of pages) expect(p.problems, 'console errors on a screen').toEqual([]);
  });

  it('never claims a ticket printed when the printer is gone, and the admin sees the printer fault', async () => {
    const kioskTab = await openPage(e.browser, { width: 1920, height: 1080 }, true);
    const adminTab = await openPage(e.browser, { width: 1366, height: 768 });
    const kiosk = new KioskPage(kioskTab.page);
    const admin = new AdminPage(adminTab.page);
    await admin.open(e.centre.agents.admin.launchUrl());
    await admin.waitForDeviceRow('kiosk-1', 'Đang kết nối');
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitUntilConnected();

    await e.centre.printer.close(); // the printer is switched off
    const ticket = await kiosk.takeTicket('Đất đai');
    expect(ticket.number).toBe(2001);
    expect(ticket.notice).toContain('Máy in đang gặp sự cố — vui lòng ghi nhớ số của bạn');
    await fontsReady(kioskTab.page);
    await kioskTab.page.screenshot({ path: path.join(ARTEFACTS, '5-kiosk-print-failed.png'), animations: 'disabled' });

    const row = await admin.waitForDeviceRow('kiosk-1', 'Không phản hồi');
    expect(row).toContain('Kiosk sảnh chính');
    await fontsReady(adminTab.page);
    await adminTab.page.screenshot({ path: path.join(ARTEFACTS, '6-admin-printer-fault.png'), animations: 'disabled' });
    for (const p of [kioskTab, adminTab]) expect(p.problems, 'console errors on a screen').toEqual([]);
  });
});
