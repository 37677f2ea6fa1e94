import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../core/protocol/bridge';
import type { Hub } from '../../hub/hub';
import type { tempDir as TempDir } from '../support/centre';

/**
 * The real Electron app driven by Playwright. Runs only where an Electron binary is installed
 * (Electron 45 fetches it on first run, which these build machines cannot); elsewhere it says so
 * and skips — shell-wiring.test.ts and the browser-mode e2e suite cover the same flows.
 * Never `require('electron')` here: without a binary, that starts a download.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const ADMIN_PIN = '135790';

function installedElectron(): { binary: string } | { missing: string } {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'node_modules/electron/path.txt missing' };
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { missing: `${path.relative(root, binary)} missing` };
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return { missing: 'no display server (DISPLAY unset; run under xvfb-run)' };
  }
  return { binary };
}

const electron = installedElectron();
const skip = 'missing' in electron;
if (skip) {
  console.warn(
    `[electron] skipped: no Electron binary installed (${electron.missing}); browser-mode e2e covers the same flows`,
  );
}

describe.skipIf(skip)('Electron app (Playwright _electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let hub: Hub;
  let temp: ReturnType<typeof TempDir>;

  beforeAll(async () => {
    if (!('binary' in electron)) return;
    // Imported here so a skipped run loads none of the hub.
    const centre = await import('../support/centre');
    if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    }
    execFileSync(process.execPath, [path.join(root, 'tools', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
    temp = centre.tempDir('motcua-electron-');
    hub = await centre.startHub(path.join(temp.dir, 'hub.sqlite'));
    const configFile = path.join(temp.dir, 'terminal.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        hubUrl: hub.url,
        deviceId: 'kiosk-1',
        token: centre.tokenOf(centre.demoConfig(), 'kiosk-1'),
        dataDir: path.join(temp.dir, 'terminal-data'),
        adminPinHash: (await import('../../hub/clerks/pin-hash')).hashPin(ADMIN_PIN),
      }),
    );
    app = await _electron.launch({
      executablePath: electron.binary,
      args: [root, `--config=${configFile}`, `--user-data-dir=${path.join(temp.dir, 'user-data')}`],
      cwd: root,
      env: { ...process.env, MOTCUA_DEV: '' } as Record<string, string>,
      timeout: 30_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    await hub?.close();
    temp?.remove();
  });

  it('shows our page from app://', () => {
    expect(page.url()).toBe('app://motcua/index.html');
  });

  it('exposes window.motcua as functions and nothing of Node', async () => {
    const shape = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const bridge = w['motcua'] as Record<string, unknown> | undefined;
      return {
        invoke: typeof bridge?.['invoke'],
        onContext: typeof bridge?.['onContext'],
        keys: bridge ? Object.keys(bridge).sort() : [],
        require: typeof w['require'],
        process: typeof w['process'],
        ipcRenderer: typeof w['ipcRenderer'],
      };
    });
    expect(shape).toEqual({ invoke: 'function', onContext: 'function', keys: ['invoke', 'onContext'], require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
  });

  it('reaches the hub through the bridge', async () => {
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const bridge = (window as unknown as { motcua: Bridge }).motcua;
            const result = await bridge.invoke('context:get', {});
            return result.ok ? { connected: result.value.hubConnected, role: result.value.device?.role ?? null } : null;
          }),
        { timeout: 15_000 },
      )
      .toEqual({ connected: true, role: 'kiosk' });
  });

  it('refuses bad input with an error value', async () => {
    const result = await page.evaluate(() =>
      (window as unknown as { motcua: { invoke(name: string, input: unknown): Promise<unknown> } }).motcua.invoke('counter:start', { ticketId: 'x' }),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('stays on our page when the page tries to navigate away', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // will-navigate refuses it: the page is still ours and still answers.
    await expect.poll(() => page.evaluate(() => window.location.href)).toBe('app://motcua/index.html');
  });

  it('lockdown: Ctrl+Alt+Shift+M asks for the admin PIN, refuses a wrong one, opens the menu for the right one', async () => {
    const opened = app.waitForEvent('window');
    await page.keyboard.press('Control+Alt+Shift+M');
    const admin = await opened;
    await admin.waitForLoadState('domcontentloaded');
    expect(admin.url()).toBe('app://motcua/__admin/index.html');
    await admin.locator('#pin-input').fill('000000');
    await admin.keyboard.press('Enter');
    await expect.poll(() => admin.locator('#pin-message').textContent()).toContain('Sai mã PIN');
    await expect.poll(() => admin.locator('#menu').isHidden()).toBe(true);
    await admin.locator('#pin-input').fill(ADMIN_PIN);
    await admin.keyboard.press('Enter');
    await expect.poll(() => admin.locator('#menu').isVisible()).toBe(true);
    const closed = admin.waitForEvent('close');
    await admin.locator('#close').click();
    await closed;
    expect(page.url()).toBe('app://motcua/index.html');
  });
});
