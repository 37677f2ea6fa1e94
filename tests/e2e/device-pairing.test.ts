import { statSync } from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../bin/cli/centre-runtime';
import { SetupServer } from '../../main/agent/setup/setup-server';
import { loadTerminalConfig } from '../../main/agent/terminal-config';
import { fontsReady, openPage } from '../support/browser';
import { AdminPage } from './pages/admin-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

const DEVICE = 'counter-3';

/** The IT officer pairs a replacement counter PC: a code on the admin screen, typed at the new terminal's setup page. */
describe('pairing a terminal in the browser: the admin screen makes a code, the setup page takes it', () => {
  const e = useE2eCentre('motcua-e2e-pairing-');

  it('shows the code grouped with its QR, refuses a wrong code, pairs with the right one, and the terminal connects', async () => {
    const { page, problems } = await openPage(e.browser, { width: 1366, height: 768 });
    const admin = new AdminPage(page);
    await admin.open(e.centre.agents.admin.launchUrl());
    const row = page.locator(`[data-pairing-device="${DEVICE}"]`);
    await row.getByTestId('credential-state').waitFor();
    expect(await row.getByTestId('credential-state').innerText()).toBe('Token cũ (cấu hình)');

    await row.getByRole('button', { name: 'Tạo mã ghép nối' }).click();
    const shown = page.getByTestId('pairing-code');
    await shown.waitFor();
    const digits = await page.getByTestId('pairing-digits').innerText();
    expect(digits).toMatch(/^\d{4} \d{4}$/);
    expect(await shown.innerText()).toContain('Mã ghép nối cho Máy quầy 3');
    // The QR on the screen carries the same code.
    const png = PNG.sync.read(await shown.locator('img').screenshot());
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`motcua-pair:${digits.replace(' ', '')}`);
    await shown.scrollIntoViewIfNeeded();
    await fontsReady(page);
    await page.screenshot({ path: path.join(ARTEFACTS, 'pairing-1-admin-code.png'), animations: 'disabled' });

    // The new terminal, not paired yet, serves its setup page.
    const configFile = path.join(e.dir, DEVICE, 'terminal.json');
    const setup = new SetupServer({ configFile });
    const { url } = await setup.start();
    let agent: RunningAgent | null = null;
    try {
      const terminal = await openPage(e.browser, { width: 1366, height: 768 });
      await terminal.page.goto(url);
      const form = terminal.page.locator('#pair');
      await form.getByLabel('Địa chỉ máy chủ').fill(e.centre.hub.url);
      const result = terminal.page.locator('#result');
      const wrong = digits.startsWith('0') ? '1111 1111' : '0000 0000';
      await form.getByLabel('Mã ghép nối').fill(wrong);
      await form.getByRole('button', { name: 'Ghép nối' }).click();
      await result.and(terminal.page.locator('.bad')).waitFor();
      expect(await result.innerText()).toContain('Mã ghép nối không đúng');
      expect(await result.getAttribute('data-error-kind')).toBe('unauthorized');
      // The setup page has no font files of its own (it is served before anything is installed): system fonts.
      await terminal.page.screenshot({ path: path.join(ARTEFACTS, 'pairing-2-setup-wrong-code.png'), animations: 'disabled' });

      await form.getByLabel('Mã ghép nối').fill(digits);
      await form.getByRole('button', { name: 'Ghép nối' }).click();
      await result.and(terminal.page.locator('.ok')).waitFor();
      expect(await result.getAttribute('data-device-id')).toBe(DEVICE);
      await terminal.page.screenshot({ path: path.join(ARTEFACTS, 'pairing-3-setup-paired.png'), animations: 'disabled' });
      expect(terminal.problems.filter((p) => !/status of 40[01]/.test(p))).toEqual([]);

      const paired = await setup.paired;
      expect(paired.deviceId).toBe(DEVICE);
      expect(statSync(configFile).mode & 0o777).toBe(0o600);
      const config = loadTerminalConfig(configFile);
      if (!config.ok) throw new Error(config.error.message);
      expect(config.value).toMatchObject({ deviceId: DEVICE, paired: true, hubUrl: e.centre.hub.url });

      // The paired terminal signs in with its credential.
      agent = await startAgent({ hubUrl: config.value.hubUrl, deviceId: DEVICE, token: config.value.token, role: 'counter', dataDir: config.value.dataDir });
      const running = agent;
      await new Promise<void>((resolve) => {
        if (running.agent.context().hubConnected) return resolve();
        const stop = running.agent.onContext((c) => {
          if (c.hubConnected && c.device?.id === DEVICE) {
            stop();
            resolve();
          }
        });
      });
      await row.getByTestId('credential-state').filter({ hasText: 'Đã ghép nối' }).waitFor();
      await page.getByTestId('pairing-code').getByRole('button', { name: 'Đóng' }).click();
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTEFACTS, 'pairing-4-admin-paired.png'), animations: 'disabled' });
      expect(problems).toEqual([]);
    } finally {
      await agent?.bridge.close();
      await agent?.agent.close();
      await setup.close();
    }
  }, 120_000);
});
