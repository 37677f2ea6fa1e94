import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../bin/cli/centre-runtime';
import { openPage } from '../support/browser';
import { DEMO_CLERKS, demoConfig, tokenOf } from '../support/centre';
import { AN } from '../cccd/cccd-fixtures';
import { hasSocat, startSocatPair, type SocatPair } from '../serial/socat-pair';
import { CounterDossierPage } from './pages/counter-dossier-page';
import { CounterPage } from './pages/counter-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

if (!hasSocat()) console.warn('[serial] skipped: socat is not installed (apt-get install socat)');

/**
 * A counter whose QR scanner is in serial (CDC) mode, over a socat pty pair: scanning the citizen's
 * CCCD fills the applicant; a damaged or foreign code is explained and fills nothing.
 */
describe.skipIf(!hasSocat())('serial CCCD scan at the counter', () => {
  const e = useE2eCentre('motcua-e2e-cccd-');
  let counter: RunningAgent;
  let scanner: SocatPair;
  beforeAll(async () => {
    scanner = await startSocatPair(e.dir);
    // Quầy 2's terminal, with a serial QR scanner (the demo's counter agent is Quầy 1's).
    counter = await startAgent({
      hubUrl: e.centre.hub.url,
      deviceId: 'counter-2',
      token: tokenOf(demoConfig(), 'counter-2'),
      role: 'counter',
      dataDir: path.join(e.dir, 'counter-2'),
      printerInterface: `tcp://127.0.0.1:${e.centre.printerPort}`,
      devices: { qrScanner: { path: scanner.a, baudRate: 9600 } },
    });
  });
  afterAll(async () => {
    await counter?.bridge.close();
    await counter?.agent.close();
    await scanner?.stop();
  });

  it('fills the applicant from the scanned card; malformed contents each get a clear message', async () => {
    const tab = await openPage(e.browser, { width: 1366, height: 768 });
    await new CounterPage(tab.page).open(counter.launchUrl(), DEMO_CLERKS['quay-2']);
    const desk = new CounterDossierPage(tab.page);
    await desk.openReceive();
    const error = tab.page.getByTestId('dossier-cccd-error');

    // A card whose date of birth is not a real date, then a QR that is not a CCCD at all.
    await scanner.write('001090012345|123456789|Nguyễn Văn An|31021990|Nam|Hà Nội|10082021\r\n');
    await expect.poll(() => error.innerText(), { timeout: 10_000 }).toContain('Ngày sinh 31/02/1990 không phải là ngày có thật');
    await scanner.write('https://example.com/khuyen-mai\r\n');
    await expect.poll(() => error.innerText(), { timeout: 10_000 }).toContain('Đây không phải mã QR trên thẻ CCCD');
    expect(await tab.page.getByLabel('Họ và tên').inputValue()).toBe('');

    // The real card, as scanners send it: a prefix-less line ending in CR LF.
    await scanner.write(`${AN}\r\n`);
    await expect.poll(() => tab.page.getByLabel('Họ và tên').inputValue(), { timeout: 10_000 }).toBe('Nguyễn Văn An');
    expect(await tab.page.getByLabel('Số CCCD').inputValue()).toBe('001090012345');
    expect(await tab.page.getByLabel('Ngày sinh').inputValue()).toBe('15/03/1990');
    expect(await tab.page.getByLabel('Địa chỉ').inputValue()).toBe('Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội');
    expect(await error.count()).toBe(0);
    await tab.page.getByTestId('dossier-applicant').screenshot({ path: path.join(ARTEFACTS, 'counter-cccd-serial.png') });
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  }, 90_000);
});
