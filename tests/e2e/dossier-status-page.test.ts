import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobToText } from '../../hardware/virtual/job-text';
import { seriousAxeViolations } from '../support/axe';
import { openPage } from '../support/browser';
import { commandId, connectDevice, DEMO_CLERKS, demoConfig, tokenOf } from '../support/centre';
import { CounterDossierPage } from './pages/counter-dossier-page';
import { CounterPage } from './pages/counter-page';
import { KioskLookupPage } from './pages/kiosk-lookup-page';
import { KioskPage } from './pages/kiosk-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/** Thursday 3/12/2026, 09:05 in Hà Nội, moving on with real time. */
const START = Date.parse('2026-12-03T09:05:00+07:00');
const PUBLIC_BASE = 'https://motcua.example.gov.vn';
/** Where the screenshots of this work are looked at (besides test-results/e2e). */
const SHOTS = process.env['MOTCUA_SHOTS_DIR'] ?? ARTEFACTS;

/** What a phone camera reads off the paper: the printed receipt's PNG through zbar. */
function scanQr(png: string): string {
  return execFileSync('zbarimg', ['--quiet', '--raw', png], { encoding: 'utf8' }).trim();
}

describe('a citizen follows the dossier on the phone from the QR on the Form 01 receipt', () => {
  const e = useE2eCentre('motcua-e2e-hs-', { startAt: START, configure: (c) => ({ ...c, hub: { ...c.hub, publicBaseUrl: PUBLIC_BASE } }) });

  it('receipt printed at the counter → QR decoded → status page on a phone; the back office moves the dossier, the page follows', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const kioskTab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const counterTab = await openPage(e.browser, { width: 1366, height: 768 });
    const phoneTab = await openPage(e.browser, { width: 390, height: 844 }, true);

    // The citizen takes a ticket; Quầy 1 calls it and receives the dossier.
    const kiosk = new KioskPage(kioskTab.page);
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    const ticket = await kiosk.takeTicket('Hộ tịch');
    await e.centre.printer.waitForJob(undefined, 15_000);
    const queue = new CounterPage(counterTab.page);
    await queue.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    expect(await queue.callNext()).toBe(ticket.number);
    await queue.startServing();
    const desk = new CounterDossierPage(counterTab.page);
    await desk.openReceive();
    expect(await desk.pickProcedure('dang ky khai sinh')).toBe('Đăng ký khai sinh');
    await desk.tick('Tờ khai đăng ký khai sinh');
    await desk.tick('Giấy chứng sinh');
    await desk.fillApplicant({ fullName: 'Trần Thị Bình', idNumber: '001190054321', dateOfBirth: '12/08/1991', phone: '0912 345 678' });
    const printed = e.centre.printer.waitForJob((j) => jobToText(j).includes('GIẤY TIẾP NHẬN HỒ SƠ'), 30_000);
    const code = await desk.receive();
    const receipt = await printed;
    copyFileSync(receipt.files.png, path.join(SHOTS, 'hs-0-receipt.png'));
    const text = jobToText(receipt);
    expect(text).toContain(code);
    expect(text).toContain('Quét mã để tra cứu tình trạng hồ sơ');
    // Where the result is collected: the receiving centre by default (issue 13).
    expect(text.replace(/\s+/g, ' ')).toContain(`Đăng ký nhận kết quả tại: ${demoConfig().centre.name}`);

    // The phone's camera reads the QR: the centre's public address and a token, not the code.
    const link = scanQr(receipt.files.png);
    expect(link).toMatch(/^https:\/\/motcua\.example\.gov\.vn\/hs\/[A-Za-z0-9_-]{24}$/);
    expect(link).not.toContain(code);
    // The centre's reverse proxy forwards the public address to the hub: the test plays the proxy.
    const url = new URL(new URL(link).pathname, e.centre.hub.url).toString();

    const phone = phoneTab.page;
    // The counter delivers the dossier (and the token's hash) to the hub right after printing.
    await expect.poll(async () => (await phone.goto(url))?.status(), { timeout: 20_000 }).toBe(200);
    expect(await phone.getByTestId('hs-code').innerText()).toBe(code);
    expect(await phone.getByTestId('hs-status').innerText()).toBe('Đã tiếp nhận');
    expect(await phone.getByTestId('hs-procedure').innerText()).toBe('Đăng ký khai sinh');
    const body = await phone.locator('body').innerText();
    expect(body).toContain('T.T.B.');
    expect(await phone.getByTestId('hs-collect').innerText()).toBe(demoConfig().centre.name);
    for (const personal of ['Trần Thị Bình', 'Thị Bình', '001190054321', '0912', '1991']) expect(body).not.toContain(personal);
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(SHOTS, 'hs-1-received.png'), fullPage: true });

    // Phòng Tư pháp's officer accepts the dossier, then asks for a supplement.
    const office = (await connectDevice(e.centre.hub.url, 'backoffice-tu-phap', tokenOf(demoConfig(), 'backoffice-tu-phap'))).socket;
    try {
      expect((await office.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'hoang-minh-tuan', pin: '5555' })).ok).toBe(true);
      // The page follows the dossier live (Server-Sent Events): it changes without a reload — the
      // mark set on this very document survives, and the stream is open before the officer acts.
      await phone.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      await phone.locator('body[data-live="received"]').waitFor({ timeout: 15_000 });
      expect((await office.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'accept' })).ok).toBe(true);
      await phone.getByTestId('hs-status').getByText('Đang giải quyết').waitFor({ timeout: 15_000 });
      expect(await phone.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      await phone.screenshot({ path: path.join(SHOTS, 'hs-1b-accepted-live.png'), fullPage: true });
      const missing = 'Giấy chứng nhận kết hôn của cha mẹ (nếu có)';
      expect((await office.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'supplement', missing: [missing], note: 'Thiếu giấy chứng nhận kết hôn' } as never)).ok).toBe(true);
      await phone.getByTestId('hs-status').getByText('Cần bổ sung hồ sơ').waitFor({ timeout: 15_000 });
      expect(await phone.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(await phone.getByTestId('hs-missing').innerText()).toContain(missing);
      expect(await seriousAxeViolations(phone)).toEqual([]);
      await phone.screenshot({ path: path.join(SHOTS, 'hs-2-supplement.png'), fullPage: true });
    } finally {
      office.close();
    }

    // At the kiosk, a keyboard-wedge scanner types the same QR into the lookup field: the dossier is found by its token.
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    const lookup = new KioskLookupPage(kioskTab.page);
    await lookup.lookUpByWedgeScan(link);
    expect((await lookup.answer()).status).toBe('Cần bổ sung hồ sơ');
    expect(await kioskTab.page.getByTestId('lookup-result-code').innerText()).toBe(code);

    // A made-up link: the Vietnamese 404 page, axe clean.
    const stray = await phone.goto(new URL('/hs/AAAAAAAAAAAAAAAAAAAAAAAA', e.centre.hub.url).toString());
    expect(stray?.status()).toBe(404);
    await phone.getByRole('heading', { name: 'Không tìm thấy hồ sơ' }).waitFor();
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(SHOTS, 'hs-3-not-found.png') });
    for (const p of [kioskTab, counterTab]) expect(p.problems, 'console errors on a screen').toEqual([]);
  }, 180_000);
});
