import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TakeTicketOutput, TerminalContext } from '../../core/protocol/bridge';
import type { Result } from '../../core/result';
import { hashPin } from '../../hub/clerks/pin-hash';
import type { Hub } from '../../hub/hub';
import { startHub, tempDir, tokenOf, demoConfig } from '../support/centre';
import { FakeBrowserWindow, installFakeElectron, type FakeElectron } from './fake-electron';

/**
 * The bundled Electron shell (dist/electron/main.cjs, exactly what electron-builder ships) run
 * under Node against a fake `electron` module and a real hub: proves the wiring — config, agent,
 * window, protocol, IPC validation, context push, crash reload — on machines without Electron.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const APP = 'app://motcua/index.html';
/** The kiosk's page: told where the voice clips are when the build made them (its spoken guidance). */
const KIOSK_PAGE = existsSync(path.resolve(import.meta.dirname, '..', '..', 'dist', 'voice', 'clips', 'manifest.json')) ? `${APP}?voice=%2Fvoice%2Fclips%2F` : APP;
const ADMIN = 'app://motcua/__admin/index.html';
const ADMIN_PIN = '135790';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Loader };
const originalLoad = loader._load;

let electron: FakeElectron;
let hub: Hub;
let temp: ReturnType<typeof tempDir>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function currentWindow(): FakeBrowserWindow {
  const open = FakeBrowserWindow.all.filter((w) => !w.isDestroyed());
  expect(open).toHaveLength(1);
  return open[0] as FakeBrowserWindow;
}

function invoke(name: unknown, input: unknown, frameUrl = APP, webContentsId = currentWindow().webContents.id): Promise<Result<unknown>> {
  const handler = electron.invokeHandlers.get('motcua:invoke');
  if (handler === undefined) throw new Error('no bridge handler registered');
  const event = { sender: { id: webContentsId }, senderFrame: { url: frameUrl, parent: null } };
  return handler(event, name, input) as Promise<Result<unknown>>;
}

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(root, 'tools', 'build-electron.mjs')], { cwd: root, stdio: 'pipe' });
  temp = tempDir('motcua-shell-');
  hub = await startHub(path.join(temp.dir, 'hub.sqlite'));
  const configFile = path.join(temp.dir, 'terminal.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      hubUrl: hub.url,
      deviceId: 'kiosk-1',
      token: tokenOf(demoConfig(), 'kiosk-1'),
      dataDir: path.join(temp.dir, 'terminal-data'),
      // Nothing listens here: tickets are issued, printing fails fast as printer-offline.
      printerInterface: `tcp://127.0.0.1:${await freePort()}`,
      adminPinHash: hashPin(ADMIN_PIN),
    }),
  );
  electron = installFakeElectron(path.join(temp.dir, 'user-data'));
  loader._load = function (request, parent, isMain) {
    return request === 'electron' ? electron : originalLoad.call(this, request, parent, isMain);
  };
  vi.stubEnv('MOTCUA_TERMINAL_CONFIG', configFile);
  vi.stubEnv('MOTCUA_DEV', '');
  createRequire(import.meta.url)(path.join(root, 'dist', 'electron', 'main.cjs'));
  await vi.waitFor(() => expect(FakeBrowserWindow.all.length).toBeGreaterThan(0), { timeout: 10_000 });
});

afterAll(async () => {
  // Quit as Electron would: will-quit is held until the agent has closed.
  const held = { prevented: false, preventDefault: () => void (held.prevented = true) };
  electron?.app.emit('will-quit', held);
  if (held.prevented) await vi.waitFor(() => expect(electron.app.quitCalls).toBeGreaterThan(0));
  loader._load = originalLoad;
  vi.unstubAllEnvs();
  await hub?.close();
  temp?.remove();
});

describe('Electron shell wiring (fake electron, real hub)', () => {
  it('sets up the app before the first window', () => {
    expect(electron.app.switches.get('autoplay-policy')).toBe('no-user-gesture-required');
    expect(electron.privilegedSchemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(electron.dialog.errors).toEqual([]);
    expect(electron.app.exitCode).toBeNull();
  });

  it('opens one locked-down kiosk window on our page, as the hub says', async () => {
    await vi.waitFor(() => expect(currentWindow().options['kiosk']).toBe(true));
    const window = currentWindow();
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false });
    expect(prefs['preload']).toBe(path.join(root, 'dist', 'electron', 'preload.cjs'));
    expect(existsSync(prefs['preload'] as string)).toBe(true);
    expect(window.loaded).toEqual([KIOSK_PAGE]);
    await vi.waitFor(() => expect(window.shown).toBe(true));
    expect(window.webContents.zoomLimits).toEqual([1, 1]);
    // Remembered, so the next start opens the kiosk window without waiting for the hub.
    expect(JSON.parse(readFileSync(path.join(electron.app.userData, 'device-role.json'), 'utf8'))).toEqual({ role: 'kiosk' });
  });

  it('answers the bridge for our window', async () => {
    await vi.waitFor(async () => {
      const result = await invoke('context:get', {});
      expect(result).toMatchObject({ ok: true, value: { hubConnected: true, device: { id: 'kiosk-1', role: 'kiosk' } } });
    });
  });

  it('issues a ticket through the bridge even when the printer is unreachable, and pushes the new queue', async () => {
    const contents = currentWindow().webContents;
    const pushesBefore = contents.sent.length;
    const serviceId = demoConfig().services[0]?.id;
    const result = (await invoke('kiosk:take-ticket', { serviceId })) as Result<TakeTicketOutput>;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.ticket.serviceId).toBe(serviceId);
    expect(result.value.printed).toMatchObject({ ok: false });
    await vi.waitFor(() => expect(contents.sent.length).toBeGreaterThan(pushesBefore));
    const last = contents.sent.at(-1);
    expect(last?.channel).toBe('motcua:context');
    expect((last?.payload as TerminalContext).hubConnected).toBe(true);
  });

  it('refuses foreign senders, unknown calls and bad input without calling the agent', async () => {
    expect(await invoke('context:get', {}, 'http://evil.example/')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await invoke('context:get', {}, APP, 9999)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await invoke('hub:drop-database', {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await invoke('kiosk:take-ticket', { serviceId: 42 })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('serves only the renderer build under app://, always with the CSP', async () => {
    const handler = electron.session.defaultSession.protocolHandlers.get('app');
    if (handler === undefined) throw new Error('app:// not handled');
    for (const url of ['app://motcua/..%2F..%2Fpackage.json', 'app://elsewhere/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    if (existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
      const page = await handler(new Request(APP));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it('refuses navigation away, new windows and permissions', () => {
    const contents = currentWindow().webContents;
    const navigate = (url: string) => {
      const event = { url, prevented: false, preventDefault: () => void (event.prevented = true) };
      contents.emit('will-navigate', event);
      return event.prevented;
    };
    expect(navigate('http://evil.example/')).toBe(true);
    expect(navigate(APP)).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const session = electron.session.defaultSession;
    let granted: boolean | null = null;
    session.permissionRequest?.(contents, 'media', (g) => (granted = g), { requestingUrl: APP });
    expect(granted).toBe(false);
    expect(session.permissionCheck?.(contents, 'geolocation', 'app://motcua')).toBe(false);
  });

  it('reloads the page after the renderer crashes', async () => {
    const window = currentWindow();
    const before = window.loaded.length;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await vi.waitFor(() => expect(window.loaded.length).toBe(before + 1));
    expect(window.loaded.at(-1)).toBe(KIOSK_PAGE);
  });

  it('opens the admin PIN dialog on Ctrl+Alt+Shift+M or the hot-corner gesture, never for a foreign frame', async () => {
    const kiosk = currentWindow();
    const gesture = electron.messageListeners.get('motcua:admin-gesture');
    if (gesture === undefined) throw new Error('no gesture listener');
    gesture({ sender: { id: kiosk.webContents.id }, senderFrame: { url: 'http://evil.example/', parent: null } });
    expect(FakeBrowserWindow.all.filter((w) => !w.isDestroyed())).toHaveLength(1);

    const key = { type: 'keyDown', key: 'M', control: true, alt: true, shift: true, meta: false };
    const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
    kiosk.webContents.emit('before-input-event', event, key);
    expect(event.prevented).toBe(true);
    const admin = FakeBrowserWindow.all.at(-1) as FakeBrowserWindow;
    expect(admin).not.toBe(kiosk);
    expect(admin.loaded).toEqual([ADMIN]);
    expect(admin.options).toMatchObject({ parent: kiosk, modal: true, frame: false });
    expect(admin.options['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    // Asking again (the gesture this time) focuses the same dialog rather than opening another.
    gesture({ sender: { id: kiosk.webContents.id }, senderFrame: { url: APP, parent: null } });
    expect(FakeBrowserWindow.all.filter((w) => !w.isDestroyed())).toHaveLength(2);

    const page = await electron.session.defaultSession.protocolHandlers.get('app')?.(new Request(ADMIN));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page?.text()).toContain('Thoát chế độ kiosk');
  });

  it('checks the PIN in the main process and answers the admin channel for the dialog only', async () => {
    const windows = FakeBrowserWindow.all.filter((w) => !w.isDestroyed());
    const [kiosk, admin] = windows as [FakeBrowserWindow, FakeBrowserWindow];
    const handler = electron.invokeHandlers.get('motcua:admin');
    if (handler === undefined) throw new Error('no admin handler');
    const call = (from: FakeBrowserWindow, name: string, payload: unknown = {}, url = ADMIN) =>
      handler({ sender: { id: from.webContents.id }, senderFrame: { url, parent: null } }, name, payload);
    // The kiosk page may not talk to the admin channel, nor the dialog to the terminal bridge.
    expect(await call(kiosk, 'pin', { pin: ADMIN_PIN }, APP)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await invoke('context:get', {}, ADMIN, admin.webContents.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    expect(await call(admin, 'state')).toMatchObject({ ok: true, value: { pinConfigured: true, unlocked: false, setup: false, problem: null } });
    expect(await call(admin, 'exit')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await call(admin, 'pin', { pin: '000000' })).toEqual({ ok: true, value: { kind: 'refused', attemptsLeft: 4 } });
    expect(await call(admin, 'pin', { pin: ADMIN_PIN })).toEqual({ ok: true, value: { kind: 'granted' } });
    const settings = (await call(admin, 'settings:get')) as Result<Record<string, unknown>>;
    expect(settings).toMatchObject({ ok: true, value: { deviceId: 'kiosk-1' } });
    if (settings.ok) expect(settings.value).not.toHaveProperty('adminPinHash');
    expect(electron.app.quitCalls).toBe(0);

    // "Tải lại" reloads the terminal page and closes the dialog.
    const before = kiosk.loaded.length;
    expect(await call(admin, 'reload')).toEqual({ ok: true, value: null });
    expect(admin.isDestroyed()).toBe(true);
    await vi.waitFor(() => expect(kiosk.loaded.length).toBe(before + 1));
    expect(currentWindow()).toBe(kiosk);
  });
});
