import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { BridgeClient } from '../support/bridge-client';
import { fontsReady, openPage, type WatchedPage } from '../support/browser';
import { DEMO_CLERKS } from '../support/centre';
import { AdminPage } from './pages/admin-page';
import { CounterPage } from './pages/counter-page';
import { KioskPage } from './pages/kiosk-page';
import { KioskRatingPage } from './pages/kiosk-rating-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

const SHOTS = process.env.MOTCUA_SHOTS ?? path.join(ARTEFACTS, 'kiosk-rating');

/**
 * "Đánh giá dịch vụ" at the kiosk, through the terminal agent in Chromium: a ticket called and
 * finished at the counter screen, rated at the kiosk by the number typed on the keypad and by its
 * QR scanned; the admin's statistics show it; a second rating is refused in words.
 */
describe('a citizen rates the service at the kiosk after being served', () => {
  const e = useE2eCentre('motcua-e2e-kiosk-rate-', {
    configure: (c) => ({ ...c, hub: { ...c.hub, publicBaseUrl: 'https://motcua.example.gov.vn' } }),
  });
  mkdirSync(SHOTS, { recursive: true });
  const shot = async (tab: WatchedPage, name: string) => {
    await fontsReady(tab.page);
    await tab.page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
  };
  const axeClean = async (tab: WatchedPage, where: string) => expect(await seriousAxeViolations(tab.page), where).toEqual([]);

  it('rates by number and by scan, once; the statistics count it; refusals are explained', async () => {
    const kioskTab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const kiosk = new KioskPage(kioskTab.page);
    const rate = new KioskRatingPage(kioskTab.page);
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitUntilConnected();
    // Two tickets from this kiosk's agent (printed by the virtual printer, with the ticket page's QR).
    const bridge = await BridgeClient.connect(e.centre.agents.kiosk.launchUrl());
    const take = async () => {
      const r = await bridge.invoke('kiosk:take-ticket', { serviceId: 'ho-tich' });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.ticket;
    };
    const first = await take();
    const second = await take();
    bridge.close();
    await kioskTab.page.locator('[data-service-id]', { hasText: 'Hộ tịch' }).getByText('Đang chờ: 2').waitFor();
    await shot(kioskTab, 'kiosk-rate-0-home');
    await axeClean(kioskTab, 'home');

    // Not served yet: said so.
    await rate.findByKeypad(String(first.number));
    expect(await rate.refusal()).toMatchObject({ reason: 'not-served' });
    await shot(kioskTab, 'kiosk-rate-1-not-served');
    await axeClean(kioskTab, 'not served');
    await rate.home();

    const counterTab = await openPage(e.browser, { width: 1366, height: 768 });
    const counter = new CounterPage(counterTab.page);
    await counter.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    expect(await counter.callNext()).toBe(first.number);
    await counter.startServing();
    await counter.finish();

    // By number: the visit named, four faces with their words, a reason, thanks.
    await rate.findByKeypad(String(first.number));
    expect(await rate.servedBy()).toMatch(/^Quầy 1 — Nguyễn Thị Lan đã phục vụ bạn lúc \d{2}:\d{2}$/);
    await rate.choose('Rất hài lòng', 'Cán bộ hướng dẫn tận tình');
    await shot(kioskTab, 'kiosk-rate-2-choose-vi');
    await axeClean(kioskTab, 'choose');
    await rate.send();
    await shot(kioskTab, 'kiosk-rate-3-thanks');
    await axeClean(kioskTab, 'thanks');
    await kioskTab.page.getByRole('button', { name: 'Về màn hình chính' }).tap();

    // Again: refused in the rule's words.
    await rate.findByKeypad(String(first.number));
    const again = await rate.refusal();
    expect(again.reason).toBe('already-rated');
    expect(again.text).toContain('Lượt này đã được đánh giá');
    await shot(kioskTab, 'kiosk-rate-4-already-rated');
    await rate.home();
    // An unknown number.
    await rate.findByKeypad('1999');
    expect(await rate.refusal()).toMatchObject({ reason: 'unknown', text: expect.stringContaining('Hôm nay không có vé số 1999') });
    await rate.home();

    // The second ticket, served, and rated in English by scanning its QR (the link, typed by a keyboard-wedge scanner).
    expect(await counter.callNext()).toBe(second.number);
    await counter.startServing();
    await counter.finish();
    const link = kioskLink(second.number);
    expect(link).toMatch(/^https:\/\/motcua\.example\.gov\.vn\/t\/[A-Za-z0-9_-]{24}$/);
    await kioskTab.page.getByTestId('kiosk-language').tap();
    await rate.findByWedgeScan(link);
    expect(await rate.servedBy()).toMatch(/^Counter 1 — Nguyễn Thị Lan served you at \d{2}:\d{2}$/);
    await rate.choose('Neutral', 'Long wait');
    await shot(kioskTab, 'kiosk-rate-5-choose-en');
    await axeClean(kioskTab, 'choose en');
    // Large text with high contrast: the chosen level and reason still stand out.
    await kioskTab.page.getByTestId('kiosk-large-text').tap();
    await shot(kioskTab, 'kiosk-rate-6-choose-large-en');
    await axeClean(kioskTab, 'choose large');
    await rate.send();
    await kioskTab.page.getByRole('button', { name: 'Back to the start' }).tap();
    await rate.findByKeypad(String(second.number));
    expect(await rate.refusal()).toMatchObject({ reason: 'already-rated', text: expect.stringContaining('This visit has already been rated') });
    await shot(kioskTab, 'kiosk-rate-7-refused-large-en');
    await axeClean(kioskTab, 'refused large');
    await rate.home();

    // The admin's statistics: two ratings for Nguyễn Thị Lan, a 4 and a 2 (0/1/0/1, mean 3).
    const adminTab = await openPage(e.browser, { width: 1366, height: 900 });
    const admin = new AdminPage(adminTab.page);
    await admin.open(e.centre.agents.admin.launchUrl());
    await admin.showStatistics('clerk');
    const lan = await admin.statisticsRow('nguyen-thi-lan');
    expect(lan.split(/\t/)).toEqual(expect.arrayContaining(['2', '0/1/0/1', '3']));
    for (const p of [kioskTab, counterTab, adminTab]) expect(p.problems, 'console errors on a screen').toEqual([]);
    for (const p of [kioskTab, counterTab, adminTab]) await p.context.close();
  }, 180_000);

  /** The link on a ticket's QR, as the virtual printer decoded the kiosk's job for that number. */
  function kioskLink(number: number): string {
    const job = e.centre.printer.jobs.find((j) => j.items.some((it) => it.kind === 'text' && it.text.includes(String(number))) && j.items.some((it) => it.kind === 'qr'));
    const qr = job?.items.find((it) => it.kind === 'qr');
    if (qr?.kind !== 'qr') throw new Error(`no QR on the ticket ${number}`);
    return qr.content;
  }
});
