import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml is checked with electron-builder's own schema validator: a real build
 * downloads Electron, which these machines cannot, so this is the guard that the file is right.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(path.join(root, 'package.json'));

type Config = Record<string, unknown>;
type Validate = (config: Config, logger: unknown) => Promise<void>;

// js-yaml and the validator come with electron-builder; neither is a direct dependency of ours.
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration: Validate };
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };

const validate = (config: Config) => validateConfiguration(config, new DebugLogger(false));
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema', async () => {
    await expect(validate(structuredClone(config))).resolves.toBeUndefined();
  });

  it('is a validator that can fail: unknown keys and wrong types are rejected', async () => {
    await expect(validate({ ...structuredClone(config), kioskMode: true })).rejects.toThrow(/unknown property 'kioskMode'/);
    const wrongType = structuredClone(config);
    wrongType['nsis'] = { ...(wrongType['nsis'] as Config), perMachine: 'yes' };
    await expect(validate(wrongType)).rejects.toThrow(/perMachine should be a boolean/);
  });

  it('describes the terminal app', () => {
    expect(config).toMatchObject({
      appId: 'vn.motcua.terminal',
      productName: 'Một Cửa',
      npmRebuild: true,
      directories: { buildResources: 'build' },
      nsis: { perMachine: true, oneClick: false },
      linux: { category: 'Office' },
      publish: { provider: 'generic' },
    });
    expect(config['files']).toContain('dist/**');
    expect(config['asarUnpack']).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/@serialport/**', '**/node_modules/@napi-rs/**']),
    );
    const linuxTargets = ((config['linux'] as Config)['target'] as Config[]).map((t) => t['target']);
    expect(linuxTargets).toEqual(['AppImage', 'deb']);
    expect(config['extraResources']).toEqual([expect.objectContaining({ from: 'kiosk-config', to: 'kiosk-config' })]);
  });

  it('points at files that exist', () => {
    expect(existsSync(path.join(root, 'build', 'icon.png'))).toBe(true);
    expect(existsSync(path.join(root, 'kiosk-config'))).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    // The bundle that "main" names is built by build:electron into a folder `files` ships.
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.scripts['build:electron']).toBeDefined();
  });

  it('installs one shortcut per role, each starting the app with that role\'s terminal config', () => {
    const nsis = config['nsis'] as Config;
    const script = readFileSync(path.join(root, nsis['include'] as string), 'utf8');
    for (const role of ['kiosk', 'counter', 'display']) {
      expect(script).toMatch(new RegExp(`CreateShortCut .*motcua\\.exe" "--config=.*\\\\${role}\\.json`));
      const fpm = ((config['deb'] as Config)['fpm'] as string[]).find((f) => f.includes(`motcua-${role}.desktop=`));
      expect(fpm, role).toBeDefined();
      const desktop = readFileSync(path.join(root, fpm!.split('=')[0]!), 'utf8');
      expect(desktop).toContain(`Exec=motcua --config=/etc/motcua/${role}.json`);
    }
    expect(script.match(/CreateShortCut/g)).toHaveLength(3);
    expect(script.match(/Delete "\$SMPROGRAMS/g)).toHaveLength(3);
  });

  it('fetches updates over HTTPS only', () => {
    // The URL itself is a placeholder each centre replaces with its own update server.
    expect(new URL((config['publish'] as Config)['url'] as string).protocol).toBe('https:');
  });
});
