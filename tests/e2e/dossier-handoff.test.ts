import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { jobToText } from '../../hardware/virtual/job-text';
import { describe, expect, it } from 'vitest';
import { fontsReady, openPage, type WatchedPage } from '../support/browser';
import { DEMO_CLERKS } from '../support/centre';
import { BackofficePage } from './pages/backoffice-page';
import { CounterDossierPage } from './pages/counter-dossier-page';
import { CounterPage } from './pages/counter-page';
import { KioskLookupPage } from './pages/kiosk-lookup-page';
import { KioskPage } from './pages/kiosk-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/**
 * The one-stop mechanism end to end, in two browser contexts side by side (the counter's and the
 * back office's) plus the kiosk: a dossier received with pages scanned from SANE's test backend
 * reaches Phòng Tư pháp without anyone reloading; the officer asks for a supplement and the
 * counter hears of it and prints Form 02; the officer completes it; the counter returns the result
 * and the citizen rates the service; the kiosk shows the dossier as returned.
 */
describe('dossier hand-off: counter ⇄ back office, live, then return and kiosk lookup', () => {
  const e = useE2eCentre('motcua-e2e-handoff-', { counterDevices: { saneScanner: 'test' } });

  const shot = async (page: WatchedPage['page'], name: string) => {
    await fontsReady(page);
    await page.screenshot({ path: path.join(ARTEFACTS, `handoff-${name}.png`), animations: 'disabled' });
  };

  it('receives with scanned pages, the back office sees it live, supplement comes back, completion, return with rating, kiosk lookup', async () => {
    const counterTab = await openPage(e.browser, { width: 1366, height: 768 });
    const officeTab = await openPage(e.browser, { width: 1440, height: 900 });
    const kioskTab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    expect(counterTab.context).not.toBe(officeTab.context);
    try {
      // The officer of Phòng Tư pháp is at work before the citizen arrives.
      const office = new BackofficePage(officeTab.page);
      await office.open(e.centre.agents.backoffice.launchUrl(), { name: 'Hoàng Minh Tuấn', pin: '5555' });
      const newBefore = await office.count('new');

      // A citizen takes a ticket; the clerk calls and serves it, and receives the dossier.
      const kiosk = new KioskPage(kioskTab.page);
      await kiosk.open(e.centre.agents.kiosk.launchUrl());
      const ticket = await kiosk.takeTicket('Hộ tịch');
      const queue = new CounterPage(counterTab.page);
      await queue.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
      expect(await queue.callNext()).toBe(ticket.number);
      await queue.startServing();

      const desk = new CounterDossierPage(counterTab.page);
      await desk.openReceive();
      expect(await desk.pickProcedure('dang ky khai sinh')).toBe('Đăng ký khai sinh');
      await desk.tick('Tờ khai đăng ký khai sinh');
      await desk.tick('Giấy chứng sinh');
      await desk.fillApplicant({ fullName: 'Trần Thị Bình', idNumber: '001190054321', dateOfBirth: '12/08/1991', address: 'Số 5 phố Hàng Đào, Hoàn Kiếm, Hà Nội' });
      await desk.scan(2);
      const code = await desk.receive();
      expect(code).toMatch(/^HK-\d{6}-\d{4}$/);
      await shot(counterTab.page, '1-counter-received');

      // The back office sees it appear without a reload, with its scanned PDF of 2 pages.
      await office.row(code).waitFor({ timeout: 15_000 });
      expect(await office.count('new')).toBe(newBefore + 1);
      await office.openDossier(code);
      await officeTab.page.getByTestId('backoffice-pdf').filter({ hasText: '2 trang' }).waitFor({ timeout: 15_000 });
      const pdfBase64 = await officeTab.page.evaluate(async () => {
        const src = document.querySelector<HTMLIFrameElement>('[data-testid=backoffice-pdf] iframe')?.src ?? '';
        const bytes = new Uint8Array(await (await fetch(src)).arrayBuffer());
        let s = '';
        for (const b of bytes) s += String.fromCharCode(b);
        return btoa(s);
      });
      expect((await PDFDocument.load(Buffer.from(pdfBase64, 'base64'))).getPageCount()).toBe(2);
      await shot(officeTab.page, '2-backoffice-arrived');

      // Accept, then ask for a supplement: the counter hears of it in its notices.
      expect(await office.act('Tiếp nhận xử lý')).toContain('Đang giải quyết');
      expect(
        await office.act('Yêu cầu bổ sung', { missing: ['Giấy chứng nhận kết hôn của cha mẹ (nếu có)'], reason: 'Thiếu giấy chứng nhận kết hôn của cha mẹ', reasonLabel: 'Lý do cần bổ sung' }),
      ).toContain('Cần bổ sung hồ sơ');
      await counterTab.page.getByRole('tab', { name: 'Gọi số' }).click();
      const notice = counterTab.page.getByTestId('dossier-feed').getByRole('button', { name: new RegExp(code) });
      await notice.waitFor({ timeout: 15_000 });
      expect(await notice.innerText()).toContain('Cần bổ sung hồ sơ');
      await shot(counterTab.page, '3-counter-supplement-notice');
      await notice.click();
      await counterTab.page.getByTestId('dossier-found').waitFor();
      expect(await counterTab.page.getByTestId('dossier-found').innerText()).toContain('Giấy chứng nhận kết hôn của cha mẹ');
      const flat = (job: Parameters<typeof jobToText>[0]) => jobToText(job).replace(/\s+/g, ' ');
      const form02 = e.centre.printer.waitForJob((j) => flat(j).includes('YÊU CẦU BỔ SUNG'), 15_000);
      await counterTab.page.getByRole('button', { name: 'In phiếu yêu cầu bổ sung (Mẫu 02)' }).click();
      await counterTab.page.getByText('Đã in Mẫu 02.').waitFor();
      expect(flat(await form02)).toContain('Giấy chứng nhận kết hôn của cha mẹ');

      // The papers come in; the department completes the dossier.
      await office.act('Tiếp tục giải quyết');
      await office.act('Hoàn thành');
      expect(await office.controlSheet()).toHaveLength(5);
      await shot(officeTab.page, '4-backoffice-done');

      // The department attaches the certificate it issued on its screen: a file that is not a PDF is
      // refused on the spot, a broken PDF by the hub (through the agent), then the real one goes.
      const certificate = await PDFDocument.create();
      certificate.addPage([595, 842]);
      const certificateBytes = await certificate.save();
      const name = 'Giấy khai sinh (bản chính).pdf';
      const attach = office.resultUpload();
      await attach.input.setInputFiles({ name: 'ảnh chụp.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\nnot a pdf') });
      expect(await attach.outcome('failed', 'ảnh chụp.png')).toBe('Tệp “ảnh chụp.png” không phải PDF. Chỉ đính kèm được tệp PDF.');
      await attach.input.setInputFiles({ name: 'hỏng.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 broken') });
      expect(await attach.outcome('failed', 'hỏng.pdf')).toContain('Không đọc được tệp PDF');
      await attach.input.setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(certificateBytes) });
      expect(await attach.outcome('done', name)).toBe(`Đã đính kèm “${name}”.`);
      await officeTab.page.getByTestId('result-files').getByText(name, { exact: true }).waitFor();
      await officeTab.page.setViewportSize({ width: 1366, height: 768 });
      await officeTab.page.getByTestId('result-upload').scrollIntoViewIfNeeded();
      await shot(officeTab.page, '4b-backoffice-result-attached');
      await officeTab.page.setViewportSize({ width: 1440, height: 900 });

      // The counter returns the result; the citizen rates the service.
      await desk.openReturn();
      expect(await desk.lookup(code)).toBe('Đã có kết quả, chờ trả');
      const results = counterTab.page.getByTestId('result-files');
      await results.getByText(name).waitFor();
      const open = results.getByRole('link', { name: `Mở: ${name}` });
      const served = await counterTab.page.request.get(new URL((await open.getAttribute('href'))!, counterTab.page.url()).toString());
      expect(served.status()).toBe(200);
      expect(served.headers()['content-type']).toBe('application/pdf');
      expect(Buffer.from(await served.body()).equals(Buffer.from(certificateBytes))).toBe(true);
      await shot(counterTab.page, '5a-counter-result-files');
      await counterTab.page.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
      const rating = queue.ratingPanel();
      await rating.getByRole('radio', { name: 'Rất hài lòng' }).click();
      await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await rating.getByText('Cảm ơn ông/bà đã đánh giá!').waitFor();
      await expect.poll(() => counterTab.page.getByTestId('dossier-status').innerText()).toBe('Đã trả kết quả');
      await shot(counterTab.page, '5-counter-returned');

      // The citizen checks the dossier at the kiosk by its code.
      const lookup = new KioskLookupPage(kioskTab.page);
      await kioskTab.page.getByTestId('kiosk-lookup-open').waitFor();
      await lookup.lookUpByKeypad(code);
      const result = kioskTab.page.getByTestId('lookup-result');
      await result.waitFor();
      expect(await kioskTab.page.getByTestId('lookup-status').innerText()).toBe('Đã trả kết quả');
      expect(await kioskTab.page.getByTestId('lookup-procedure').innerText()).toContain('Đăng ký khai sinh');
      const shown = await result.innerText();
      expect(shown).toContain('T.T.B.');
      expect(shown).not.toContain('Trần Thị Bình');
      expect(shown).not.toContain('001190054321');
      await shot(kioskTab.page, '6-kiosk-lookup');

      for (const tab of [counterTab, officeTab, kioskTab]) expect(tab.problems).toEqual([]);
    } finally {
      for (const tab of [counterTab, officeTab, kioskTab]) await tab.context.close();
    }
  }, 180_000);
});
