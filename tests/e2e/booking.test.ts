import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openPage, type WatchedPage } from '../support/browser';
import { DEMO_CLERKS } from '../support/centre';
import { BookingPage } from './pages/booking-page';
import { CounterPage } from './pages/counter-page';
import { KioskPage } from './pages/kiosk-page';
import { useE2eCentre } from './support/e2e-centre';

/** Thursday 3/12/2026, 09:05 in Hà Nội, moving on with real time. */
const START = Date.parse('2026-12-03T09:05:00+07:00');
const SHOTS = process.env.MOTCUA_SHOTS ?? path.resolve('test-results/e2e/booking');

/** What the kiosk's scanner reads off the phone's screen: the confirmation's QR through zbar. */
function scanQr(png: string): string {
  return execFileSync('zbarimg', ['--quiet', '--raw', png], { encoding: 'utf8' }).trim();
}

/** Chromium logs every 4xx answer to a fetch as a console error: the refusals this test provokes are expected, anything else is not. */
function expectedRefusalsLeftOut(problems: readonly string[]): string[] {
  return problems.filter((p) => !/^Failed to load resource: the server responded with a status of 4(00|09) .*\/dat-lich\/api\/bookings/.test(p));
}

describe('a citizen books a slot on the public page, checks in at the kiosk by its QR and is called', () => {
  const e = useE2eCentre('motcua-e2e-booking-', {
    startAt: START,
    configure: (c) => ({ ...c, appointments: { ...c.appointments!, online: { holdMinutes: 5, perPersonPerDay: 1, horizonDays: 14, askCccd: false } } }),
  });

  it('books 09:30 today on a phone, shows the code and QR, and the kiosk scanner takes that QR', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const pages: WatchedPage[] = [];
    const phoneTab = await openPage(e.browser, { width: 390, height: 844 }, true);
    const otherTab = await openPage(e.browser, { width: 390, height: 844 }, true);
    const kioskTab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const counterTab = await openPage(e.browser, { width: 1366, height: 768 });
    pages.push(phoneTab, otherTab, kioskTab, counterTab);
    const phone = new BookingPage(phoneTab.page);
    const other = new BookingPage(otherTab.page);
    const kiosk = new KioskPage(kioskTab.page);
    const counter = new CounterPage(counterTab.page);
    const shot = (p: WatchedPage, name: string) => p.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
    // The centre's reverse proxy publishes /dat-lich: here the test plays the proxy.
    const url = `${e.centre.hub.url}/dat-lich`;

    await phone.open(url);
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab, '1-services-vi');
    await phone.chooseService('Hộ tịch');
    await shot(phoneTab, '2-days-vi');
    // Saturday is shown closed.
    expect(await phoneTab.page.locator('[data-date="2026-12-05"]').isDisabled()).toBe(true);
    await phone.chooseDay('2026-12-03');
    // The slots already begun are not offered; 09:30 has its two places.
    expect(await phone.placesOf('08:30')).toBe('Đã qua');
    expect(await phone.placesOf('09:30')).toBe('còn 2 chỗ');
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab, '3-slots-vi');
    await phone.chooseSlot('09:30');
    await phoneTab.page.getByText(/Đang giữ chỗ lúc 09:30/).waitFor();
    await phoneTab.page.locator('#left').filter({ hasText: /Còn 4:5\d|Còn 5:00/ }).waitFor();

    // Meanwhile another citizen sees one place left (the held one counts).
    await other.open(url);
    await other.chooseService('Hộ tịch');
    await other.chooseDay('2026-12-03');
    expect(await other.placesOf('09:30')).toBe('còn 1 chỗ');

    // A mistyped phone number is explained, and the hold stays.
    await phone.fillDetails('Trần Văn Bình', '12345');
    await phoneTab.page.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
    expect(await phone.alert()).toContain('Số điện thoại không hợp lệ');
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab, '4-form-error-vi');
    // What was typed stays: only the number is corrected.
    expect(await phoneTab.page.getByLabel('Họ và tên').inputValue()).toBe('Trần Văn Bình');
    await phone.fillDetails('Trần Văn Bình', '0912 345 678');
    const code = await phone.confirm();
    expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
    await phoneTab.page.getByText('Đặt lịch thành công').waitFor();
    await phoneTab.page.getByText('Người đặt: T.V.B. · •••• ••• 678').waitFor();
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab, '5-confirmation-vi');
    await phone.switchLanguage('English');
    await phoneTab.page.getByText('Your appointment is booked').waitFor();
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab, '6-confirmation-en');
    await phone.switchLanguage('Tiếng Việt');

    // The QR on the phone's screen holds the code itself: what the kiosk's scanner types.
    const qrPng = path.join(SHOTS, 'qr.png');
    await phoneTab.page.locator('img.qr').screenshot({ path: qrPng });
    expect(scanQr(qrPng)).toBe(code);

    // At the centre: the kiosk's scanner reads the QR (a keyboard-wedge scanner types it and Enter).
    await counter.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitUntilConnected();
    const printed = e.centre.printer.waitForJob(undefined, 15_000);
    await kiosk.checkInByScanner(scanQr(qrPng));
    await kioskTab.page.getByTestId('kiosk-result').waitFor();
    const number = Number((await kioskTab.page.getByTestId('ticket-number').innerText()).trim());
    await printed;
    await shot(kioskTab, '7-kiosk-checked-in');

    // Called at the counter.
    await counterTab.page.getByTestId('counter-waiting').filter({ hasText: 'Hộ tịch' }).waitFor();
    expect(await counter.callNext()).toBe(number);
    await shot(counterTab, '8-counter-called');

    // On the phone, the booking by its code now reads "Đã đến" and cannot change.
    await phoneTab.page.getByRole('button', { name: 'Huỷ / đổi lịch' }).click();
    await phoneTab.page.getByLabel('Mã lịch hẹn').fill(code.toLowerCase());
    await phoneTab.page.getByLabel('Số điện thoại').fill('0912345678');
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab, '9-manage-vi');
    await phoneTab.page.getByRole('button', { name: 'Tìm lịch hẹn' }).click();
    await phoneTab.page.getByText('Đã đến · Người đặt').waitFor();
    expect(await phoneTab.page.getByRole('button', { name: 'Huỷ lịch hẹn' }).count()).toBe(0);

    for (const p of pages) expect(expectedRefusalsLeftOut(p.problems), 'console errors on a screen').toEqual([]);
  }, 120_000);

  it('the other citizen books Monday, then changes it to Tuesday and cancels it by code', async () => {
    const tab = await openPage(e.browser, { width: 390, height: 844 }, true);
    const page = new BookingPage(tab.page);
    const shot = (name: string) => tab.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
    await page.open(`${e.centre.hub.url}/dat-lich`);
    await page.chooseService('Đất đai');
    await page.chooseDay('2026-12-07');
    await page.chooseSlot('08:00');
    await page.fillDetails('Lê Thị Hoa', '0987654321');
    const code = await page.confirm();
    // The same phone cannot book a second slot that Monday.
    await tab.page.getByRole('button', { name: 'Đặt lịch khác' }).click();
    await page.chooseService('Hộ tịch');
    await page.chooseDay('2026-12-07');
    await page.chooseSlot('14:00');
    await page.fillDetails('Lê Thị Hoa', '0987 654 321');
    await tab.page.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
    expect(await page.alert()).toContain('Mỗi người chỉ được đặt 1 lịch hẹn trong một ngày');
    await shot('10-person-limit-vi');
    await tab.page.getByRole('button', { name: 'Chọn giờ khác' }).click();
    // The released hold gave its place back at once.
    await tab.page.locator('[data-slot="14:00"] .free').filter({ hasText: 'còn 2 chỗ' }).waitFor();

    // Change: find by code and phone, pick Tuesday 09:00 — moved.
    await tab.page.getByRole('button', { name: 'Huỷ / đổi lịch' }).click();
    await tab.page.getByLabel('Mã lịch hẹn').fill(code);
    await tab.page.getByLabel('Số điện thoại').fill('0987654321');
    await tab.page.getByRole('button', { name: 'Tìm lịch hẹn' }).click();
    await tab.page.getByRole('button', { name: 'Đổi lịch', exact: true }).click();
    await page.chooseDay('2026-12-08');
    await page.chooseSlot('09:00');
    await tab.page.getByText('Đã đổi lịch hẹn.').waitFor();
    expect(await tab.page.locator('.when').innerText()).toContain('09:00, Thứ Ba 08/12/2026');
    expect(await seriousAxeViolations(tab.page)).toEqual([]);
    await shot('11-moved-vi');
    // Cancel: two taps.
    await tab.page.getByRole('button', { name: 'Huỷ lịch hẹn' }).click();
    await tab.page.getByRole('button', { name: 'Bấm lần nữa để xác nhận huỷ' }).click();
    await tab.page.getByText('Đã huỷ lịch hẹn.').waitFor();
    await shot('12-cancelled-vi');
    // The same page on a desktop: one centred column.
    await tab.page.setViewportSize({ width: 1366, height: 768 });
    await tab.page.getByRole('button', { name: 'Đặt lịch', exact: true }).click();
    await page.chooseService('Hộ tịch');
    await page.chooseDay('2026-12-07');
    expect(await seriousAxeViolations(tab.page)).toEqual([]);
    await shot('13-slots-desktop-vi');
    expect(expectedRefusalsLeftOut(tab.problems), 'console errors').toEqual([]);
  }, 120_000);
});
