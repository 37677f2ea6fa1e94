import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAxeViolations } from '../support/axe';
import { openPage } from '../support/browser';
import { commandId, connectDevice, DEMO_CLERKS, tokenOf, type DeviceSocket } from '../support/centre';
import { startFakeEsms, type FakeEsms } from '../support/fake-esms';
import { IntegrationsConfigSchema } from '../../kiosk-config/integrations-schema';
import { CounterPage } from './pages/counter-page';
import { PhoneTicketPage } from './pages/phone-ticket-page';
import { useE2eCentre } from './support/e2e-centre';

/** Thursday 3/12/2026, 09:05 in Hà Nội, moving on with real time. */
const START = Date.parse('2026-12-03T09:05:00+07:00');
const PUBLIC_BASE = 'https://motcua.example.gov.vn';
const SHOTS = process.env['MOTCUA_SHOTS_DIR'] ?? path.resolve('test-results/e2e/remind');
// The brandname SMS gateway's secrets, as `motcua hub` reads them from its environment.
process.env['MOTCUA_E2E_ESMS_KEY'] = 'esms-key';
process.env['MOTCUA_E2E_ESMS_SECRET'] = 'esms-secret';

/**
 * The phone's two follow-ups in Chromium at 390×844: "nhắc tôi khi còn N người" (one SMS from the
 * fake eSMS gateway as the counter calls) and the rating after service; axe-clean, screenshots.
 */
describe('a citizen asks to be reminded on the phone, then rates the service there', () => {
  let esms: FakeEsms;
  beforeAll(async () => {
    esms = await startFakeEsms({ apiKey: 'esms-key', secretKey: 'esms-secret', brandnames: ['MOTCUA'] });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await esms?.close();
  });
  const e = useE2eCentre('motcua-e2e-remind-', {
    startAt: START,
    configure: (c) => ({
      ...c,
      hub: { ...c.hub, publicBaseUrl: PUBLIC_BASE },
      integrations: IntegrationsConfigSchema.parse({
        notifier: { order: ['esms'], esms: { apiUrl: esms.url, apiKeyEnv: 'MOTCUA_E2E_ESMS_KEY', secretKeyEnv: 'MOTCUA_E2E_ESMS_SECRET', brandname: 'MOTCUA', timeoutMs: 2000 } },
      }),
    }),
  });

  // The phone page uses the phone's own fonts (no download): nothing to wait for.
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  };

  it('sets a reminder, gets ONE SMS as the queue moves, is called, then rates the clerk once', async () => {
    const counterTab = await openPage(e.browser, { width: 1366, height: 768 });
    const phoneTab = await openPage(e.browser, { width: 390, height: 844 }, true);
    const counter = new CounterPage(counterTab.page);
    const phone = new PhoneTicketPage(phoneTab.page);
    await counter.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);

    // Four citizens take Hộ tịch tickets at the kiosk; ours is the last, 1004.
    const kiosk: DeviceSocket = (await connectDevice(e.centre.hub.url, 'kiosk-1', tokenOf(e.centre.config, 'kiosk-1'))).socket;
    let link = '';
    for (let i = 0; i < 4; i++) {
      const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
      if (!r.ok) throw new Error(r.error.message);
      link = r.value.trackingUrl ?? '';
    }
    kiosk.close();
    // The centre's reverse proxy forwards the public address to the hub: here the test plays the proxy.
    await phone.open(new URL(new URL(link).pathname, e.centre.hub.url).toString());
    expect(await phone.number()).toBe(1004);
    await phone.waitForAhead('Còn 3 người trước bạn');
    expect(await phone.reminderOffered()).toBe(true);
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab.page, 'phone-remind-1-form');
    await phone.switchLanguage('English');
    await phoneTab.page.getByRole('button', { name: 'Set reminder' }).waitFor();
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab.page, 'phone-remind-1-form-en');
    await phone.switchLanguage('Tiếng Việt');

    // Without consent nothing is stored: the hub's words on the page.
    expect(await phone.setReminder('0912 345 678', 1, false)).toBe('Bạn cần đồng ý nhận tin nhắn nhắc lượt thì chúng tôi mới gửi được.');
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab.page, 'phone-remind-2-refused');
    // The second try, held at the door: while it goes the page says "Đang gửi…", not the first try's
    // error (which a reader — or this test — would take for the answer).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await phoneTab.page.route('**/remind', async (route) => {
      await held;
      await route.continue();
    });
    const answer = phone.setReminder('0912 345 678', 1, true);
    await expect.poll(() => phone.reminderStatus()).toEqual({ kind: 'busy', text: 'Đang gửi…' });
    release();
    expect(await answer).toBe('Đã đặt lời nhắc: chúng tôi sẽ nhắn tin khi còn 1 người trước bạn.');
    await phoneTab.page.unroute('**/remind');
    expect(await phone.reminderOffered()).toBe(false);
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab.page, 'phone-remind-3-set');

    // Quầy 1 serves 1001; calling 1002 leaves one person before ours: the SMS goes, once.
    expect(await counter.callNext()).toBe(1001);
    await counter.startServing();
    await counter.finish();
    expect(esms.sent).toEqual([]);
    expect(await counter.callNext()).toBe(1002);
    await phone.waitForAhead('Còn 1 người trước bạn');
    await expect.poll(() => esms.sent.length, { timeout: 15_000 }).toBe(1);
    expect(esms.sent[0]).toMatchObject({ phone: '84912345678', content: `Còn 1 người nữa đến lượt số 1004 (Hộ tịch) của bạn tại ${e.centre.config.centre.name}.` });
    for (const n of [1002, 1003]) {
      await counter.startServing();
      await counter.finish();
      expect(await counter.callNext()).toBe(n + 1);
    }
    expect(await phone.waitForCall()).toBe('Mời số 1004 đến Quầy 1');
    await counter.startServing();
    await counter.finish();

    // Served: the page offers the rating, once.
    await phone.waitForRating();
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab.page, 'phone-rate-1-offered');
    expect(await phone.rate('Rất hài lòng', 'Chị Lan hướng dẫn rất tận tình.')).toBe('Cảm ơn bạn đã đánh giá!');
    expect(await seriousAxeViolations(phoneTab.page)).toEqual([]);
    await shot(phoneTab.page, 'phone-rate-2-thanks');
    await phone.switchLanguage('English');
    await phoneTab.page.getByText('Thank you for your rating!').waitFor();
    // Reloaded, the page remembers: no second rating offered.
    await phoneTab.page.reload();
    await phoneTab.page.getByText('Thank you for your rating!').waitFor();
    expect(esms.sent).toHaveLength(1);

    // The deliberate refusal above logged its 400 in the console; nothing else did.
    expect(phoneTab.problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    expect(counterTab.problems).toEqual([]);
  }, 180_000);
});
