import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobToText } from '../../hardware/virtual/job-text';
import { fontsReady, openPage, type WatchedPage } from '../support/browser';
import { DEMO_CLERKS } from '../support/centre';
import { AdminPage } from './pages/admin-page';
import { CounterPage } from './pages/counter-page';
import { KioskPage } from './pages/kiosk-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/** The centre's morning: Monday 23/11/2026, 09:05 in Hà Nội, moving on with real time. */
const START = Date.parse('2026-11-23T09:05:00+07:00');

describe('appointments: booked at the admin page, checked in at the kiosk, called at the counter', () => {
  const e = useE2eCentre('motcua-e2e-appt-', { startAt: START });
  const pages: WatchedPage[] = [];

  it('serves a citizen with an appointment in the normal flow of the queue', async () => {
    const adminTab = await openPage(e.browser, { width: 1366, height: 900 });
    const kioskTab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const counterTab = await openPage(e.browser, { width: 1366, height: 768 });
    pages.push(adminTab, kioskTab, counterTab);
    const admin = new AdminPage(adminTab.page);
    const kiosk = new KioskPage(kioskTab.page);
    const counter = new CounterPage(counterTab.page);
    await admin.open(e.centre.agents.admin.launchUrl());
    await counter.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitUntilConnected();

    // The clerk at the desk books 09:30 today for a citizen on the phone.
    const code = await admin.bookAppointment('Hộ tịch', '2026-11-23', '09:30', 'Phạm Văn An', '0912345678');
    expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
    await admin.bookingRow(code, 'Đã đặt');
    await fontsReady(adminTab.page);
    await adminTab.page.screenshot({ path: path.join(ARTEFACTS, 'appt-1-admin-booked.png'), animations: 'disabled' });

    // Someone without an appointment is already waiting.
    const walkIn = await kiosk.takeTicket('Hộ tịch');
    await e.centre.printer.waitForJob(undefined, 15_000); // the walk-in's ticket
    await kioskTab.page.getByRole('button', { name: 'Xong' }).tap();
    await fontsReady(kioskTab.page);
    await kioskTab.page.screenshot({ path: path.join(ARTEFACTS, 'appt-2-kiosk-home.png'), animations: 'disabled' });

    // A wrong code is explained, and nothing is issued.
    await kiosk.checkInByScanner('ABCDEF');
    expect(await kiosk.checkInRefusal()).toContain('Không tìm thấy lịch hẹn có mã ABCDEF');
    await fontsReady(kioskTab.page);
    await kioskTab.page.screenshot({ path: path.join(ARTEFACTS, 'appt-3-kiosk-unknown-code.png'), animations: 'disabled' });
    await kioskTab.page.getByRole('button', { name: 'Quay lại' }).tap();

    // The citizen types the code on the keypad: the appointment ticket prints.
    const printedJob = e.centre.printer.waitForJob(undefined, 15_000);
    await kiosk.checkInByKeypad(code);
    await kioskTab.page.getByTestId('kiosk-result').waitFor();
    const number = Number((await kioskTab.page.getByTestId('ticket-number').innerText()).trim());
    expect(number).toBe(walkIn.number + 1);
    await fontsReady(kioskTab.page);
    await kioskTab.page.screenshot({ path: path.join(ARTEFACTS, 'appt-4-kiosk-checked-in.png'), animations: 'disabled' });
    const text = jobToText(await printedJob);
    writeFileSync(path.join(ARTEFACTS, 'appt-ticket.txt'), text);
    expect(text).toContain(String(number));
    expect(text).toContain('Hộ tịch');
    await admin.bookingRow(code, 'Đã đến');

    // The same code again is refused: it has been used.
    await kioskTab.page.getByRole('button', { name: 'Xong' }).tap();
    await kiosk.checkInByKeypad(code);
    expect(await kiosk.checkInRefusal()).toContain('đã được dùng');

    // The counter calls the walk-in first (ratio 2 normal : 1 priority has not come round), then the appointment.
    await counterTab.page.getByTestId('counter-waiting').filter({ hasText: 'Hộ tịch' }).waitFor();
    expect(await counter.callNext()).toBe(walkIn.number);
    await counter.startServing();
    await counter.finish();
    expect(await counter.callNext()).toBe(number);
    await fontsReady(counterTab.page);
    await counterTab.page.screenshot({ path: path.join(ARTEFACTS, 'appt-5-counter-called.png'), animations: 'disabled' });
    await fontsReady(adminTab.page);
    await adminTab.page.screenshot({ path: path.join(ARTEFACTS, 'appt-6-admin-arrived.png'), animations: 'disabled' });

    for (const p of pages) expect(p.problems, 'console errors on a screen').toEqual([]);
  });
});
