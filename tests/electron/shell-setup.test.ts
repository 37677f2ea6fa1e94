import { rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../core/result';
import { tempDir } from '../support/centre';
import { FakeBrowserWindow, installFakeElectron, type FakeElectron } from './fake-electron';

/**
 * A terminal whose config is broken and has no last good one starts into the setup page instead
 * of dying: the shell under Node with the fake `electron`, no hub needed. The shell is bundled
 * into node_modules/.cache here (same settings as tools/build-electron.mjs) so this file never races
 * shell-wiring.test.ts writing dist/electron.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const ADMIN = 'app://motcua/__admin/index.html';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Loader };
const originalLoad = loader._load;

let electron: FakeElectron;
let temp: ReturnType<typeof tempDir>;
let configFile: string;
let bundleDir: string | undefined;

beforeAll(async () => {
  temp = tempDir('motcua-setup-');
  // Inside node_modules/.cache so the bundle's external packages resolve from the project.
  bundleDir = path.join(root, 'node_modules', '.cache', `motcua-shell-setup-${process.pid}`);
  const bundle = path.join(bundleDir, 'main.cjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['main/electron/main.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    external: ['electron'],
    tsconfig: path.join(root, 'main', 'electron', 'tsconfig.json'),
    define: { 'import.meta.url': '__motcuaImportMetaUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    banner: { js: "const __motcuaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'silent',
  });
  configFile = path.join(temp.dir, 'terminal.json');
  // A typo a technician could make: no scheme on the hub address.
  writeFileSync(configFile, JSON.stringify({ hubUrl: '192.168.1.10:8080', deviceId: 'kiosk-1', token: 'k1-0123456789abcdef' }));
  electron = installFakeElectron(path.join(temp.dir, 'user-data'));
  loader._load = function (request, parent, isMain) {
    return request === 'electron' ? electron : originalLoad.call(this, request, parent, isMain);
  };
  vi.stubEnv('MOTCUA_TERMINAL_CONFIG', configFile);
  vi.stubEnv('MOTCUA_DEV', '');
  createRequire(import.meta.url)(bundle);
  await vi.waitFor(() => expect(FakeBrowserWindow.all.length).toBeGreaterThan(0), { timeout: 10_000 });
});

afterAll(() => {
  loader._load = originalLoad;
  vi.unstubAllEnvs();
  temp?.remove();
  if (bundleDir !== undefined) rmSync(bundleDir, { recursive: true, force: true });
});

describe('Electron shell with a broken config and no last good one', () => {
  it('does not exit: it opens the setup page, full screen, and no terminal window', () => {
    expect(electron.app.exitCode).toBeNull();
    expect(electron.dialog.errors).toEqual([]);
    expect(FakeBrowserWindow.all).toHaveLength(1);
    const setup = FakeBrowserWindow.all[0] as FakeBrowserWindow;
    expect(setup.loaded).toEqual([ADMIN]);
    expect(setup.options).toMatchObject({ fullscreen: true });
    expect(setup.options['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('says which file and field are wrong and what was expected; with no PIN anywhere the form is open', async () => {
    const setup = FakeBrowserWindow.all[0] as FakeBrowserWindow;
    const handler = electron.invokeHandlers.get('motcua:admin');
    if (handler === undefined) throw new Error('no admin handler');
    const call = (name: string, payload: unknown = {}) =>
      handler({ sender: { id: setup.webContents.id }, senderFrame: { url: ADMIN, parent: null } }, name, payload) as Promise<Result<Record<string, unknown>>>;
    const state = await call('state');
    expect(state).toMatchObject({ ok: true, value: { setup: true, unlocked: true, pinConfigured: false } });
    if (state.ok) expect(state.value['problem']).toContain(`${configFile}: hubUrl: the hub address, e.g. https://192.168.1.10:8080`);

    const form = { hubUrl: 'http://192.168.1.10:8080', deviceId: 'kiosk-1', token: 'k1-0123456789abcdef', printerInterface: '', idleSeconds: '45' };
    expect(await call('settings:save', form)).toEqual({ ok: true, value: null });
    expect(electron.app.relaunchCalls).toBe(1);
  });
});
