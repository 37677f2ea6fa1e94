import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontsReady, openPage } from '../support/browser';
import { DEMO_CLERKS } from '../support/centre';
import { CounterDossierPage } from './pages/counter-dossier-page';
import { CounterPage } from './pages/counter-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/**
 * Friday 27/11/2026, 17:20 in Hà Nội — after the centre closed (17:00) — moving on with real time.
 * Birth registration takes 0 working days ("within the day"): received after closing on a
 * Friday, it counts from Monday's opening and is due when Monday's working hours end.
 */
const START = Date.parse('2026-11-27T17:20:00+07:00');

/** A clerk receives a birth registration: catalogue, checklist, applicant, two pages from SANE's test scanner, the code. */
describe('counter dossier desk in the browser, with a SANE scanner', () => {
  const e = useE2eCentre('motcua-e2e-dossier-', { startAt: START, counterDevices: { saneScanner: 'test' } });

  it('searches without diacritics, ticks the papers, scans two pages, receives and finds the dossier again', async () => {
    const tab = await openPage(e.browser, { width: 1366, height: 768 });
    const shot = async (name: string) => {
      await fontsReady(tab.page);
      await tab.page.screenshot({ path: path.join(ARTEFACTS, `counter-dossier-${name}.png`), animations: 'disabled' });
    };
    await new CounterPage(tab.page).open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    const desk = new CounterDossierPage(tab.page);
    await desk.openReceive();

    expect(await desk.pickProcedure('dang ky khai sinh')).toBe('Đăng ký khai sinh');
    await desk.tick('Tờ khai đăng ký khai sinh');
    await desk.tick('Giấy chứng sinh');
    await desk.fillApplicant({ fullName: 'Nguyễn Văn An', idNumber: '001090012345', dateOfBirth: '05/03/1990', address: 'Số 1 phố Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912345678' });
    await shot('1-filled');

    await desk.scan(2);
    expect(await desk.thumbnails().count()).toBe(2);
    // The previews are real images from the agent's /files/ route.
    await tab.page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.cd-page img')].every((img) => img.complete && img.naturalWidth > 0));
    await tab.page.getByTestId('dossier-scanner').scrollIntoViewIfNeeded();
    await shot('2-scanned');

    const code = await desk.receive();
    expect(code).toMatch(/^[A-Z0-9]{2,6}-\d{6}-\d{4}$/);
    expect(code).toMatch(/^[A-Z0-9]{2,6}-261127-\d{4}$/);
    const received = await desk.receivedText();
    expect(received).toContain('Đăng ký khai sinh · Nguyễn Văn An');
    expect(received).toMatch(/Hẹn trả kết quả: \d{1,2} giờ \d{2}, (thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), \d{2}\/\d{2}\/\d{4}/);
    // Not the Saturday or Sunday after: the end of Monday's working hours.
    expect(received).toContain('Hẹn trả kết quả: 17 giờ 00, thứ Hai, 30/11/2026');
    expect(await tab.page.getByTestId('dossier-due').innerText()).toBe('17 giờ 00, thứ Hai, 30/11/2026');
    await shot('3-received');

    await desk.openReturn();
    expect(await desk.lookup(code.toLowerCase())).toBe('Đã tiếp nhận');
    expect(await tab.page.getByTestId('dossier-found').innerText()).toContain('Nguyễn Văn An');
    await shot('4-return');
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  }, 120_000);
});
