import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontsReady, openPage } from '../support/browser';
import { DEMO_CLERKS } from '../support/centre';
import { startFakeEsms, type FakeEsms } from '../support/fake-esms';
import { IntegrationsConfigSchema } from '../../kiosk-config/integrations-schema';
import { CounterDossierPage } from './pages/counter-dossier-page';
import { CounterPage } from './pages/counter-page';
import { useE2eCentre } from './support/e2e-centre';

/** Thursday 3/12/2026, 09:05 in Hà Nội, moving on with real time. */
const START = Date.parse('2026-12-03T09:05:00+07:00');
const SHOTS = process.env['MOTCUA_SHOTS_DIR'] ?? path.resolve('test-results/e2e/remind');
process.env['MOTCUA_E2E_ESMS_KEY'] = 'esms-key';
process.env['MOTCUA_E2E_ESMS_SECRET'] = 'esms-secret';

/** The receive form's phone for notifications and its consent box, at 1366×768, to the fake SMS gateway. */
describe('counter: the citizen agrees to be notified about the dossier', () => {
  let esms: FakeEsms;
  beforeAll(async () => {
    esms = await startFakeEsms({ apiKey: 'esms-key', secretKey: 'esms-secret', brandnames: ['MOTCUA'] });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await esms?.close();
  });
  const e = useE2eCentre('motcua-e2e-counter-notify-', {
    startAt: START,
    configure: (c) => ({
      ...c,
      integrations: IntegrationsConfigSchema.parse({
        notifier: { order: ['esms'], esms: { apiUrl: esms.url, apiKeyEnv: 'MOTCUA_E2E_ESMS_KEY', secretKeyEnv: 'MOTCUA_E2E_ESMS_SECRET', brandname: 'MOTCUA', timeoutMs: 2000 } },
      }),
    }),
  });

  it('a number without the box ticked is not sent; with consent the citizen gets "received" by SMS, without the CCCD', async () => {
    const tab = await openPage(e.browser, { width: 1366, height: 768 });
    await new CounterPage(tab.page).open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    const desk = new CounterDossierPage(tab.page);
    await desk.openReceive();
    expect(await desk.pickProcedure('dang ky khai sinh')).toBe('Đăng ký khai sinh');
    await desk.tick('Tờ khai đăng ký khai sinh');
    await desk.fillApplicant({ fullName: 'Nguyễn Văn An', idNumber: '001090012345', dateOfBirth: '05/03/1990', phone: '0243 825 1234' });
    expect(await desk.consentTicked()).toBe(false);

    await desk.fillNotify('0912 345 678', false);
    expect(await desk.receiveRefused()).toBe('Công dân chưa đồng ý: bỏ trống số này, hoặc đánh dấu đồng ý.');
    await desk.fillNotify('+33 6 12 34 56 78', true);
    expect(await desk.receiveRefused()).toContain('không phải số di động Việt Nam');
    await desk.fillNotify('0912 345 678', true);
    await tab.page.getByTestId('dossier-notify').scrollIntoViewIfNeeded();
    await fontsReady(tab.page);
    await tab.page.screenshot({ path: path.join(SHOTS, 'counter-notify-1-consent.png'), animations: 'disabled' });

    const code = await desk.receive();
    await expect.poll(() => esms.sent.length, { timeout: 20_000 }).toBe(1);
    expect(esms.sent[0]).toMatchObject({ phone: '84912345678', requestId: `notify_${code}_dossier-received_0` });
    expect(esms.sent[0]!.content).toContain(code);
    expect(esms.sent[0]!.content).not.toContain('001090012345');
    await fontsReady(tab.page);
    await tab.page.screenshot({ path: path.join(SHOTS, 'counter-notify-2-received.png'), animations: 'disabled' });
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  }, 120_000);
});
