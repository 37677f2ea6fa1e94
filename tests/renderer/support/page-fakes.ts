import path from 'node:path';
import type { Page } from 'playwright-core';
import type { BackofficeFakeSetup } from './fake-backoffice';
import type { FakeBridgeSetup } from './fake-bridge';

/** The global the bundle assigns its exports to, in the page. */
const GLOBAL = '__motcuaFakes';
const ENTRY = path.join(import.meta.dirname, 'fakes-in-page.ts');

let bundle: Promise<string> | null = null;

/**
 * The fakes as one classic script: Vite (library mode, IIFE) bundles them with what they import
 * from core/ (the dossier transition table, the receipt code rules), so the screen fakes apply the
 * same rules as the hub instead of a copy. Built once per test process, in memory.
 */
export function fakesBundle(): Promise<string> {
  bundle ??= (async () => {
    const { build } = await import('vite');
    const out = await build({
      configFile: false,
      root: path.resolve(import.meta.dirname, '../../..'),
      publicDir: false,
      logLevel: 'warn',
      build: { write: false, minify: false, target: 'chrome120', lib: { entry: ENTRY, formats: ['iife'], name: GLOBAL, fileName: 'fakes-in-page' } },
    });
    const outputs = Array.isArray(out) ? out : [out];
    const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('page-fakes: Vite produced no script');
    return chunk.code;
  })();
  return bundle;
}

type InPage = { installFakeBridge: FakeBridgeSetup; installBackofficeFake: BackofficeFakeSetup };

/** Adds an init script that installs one fake with its (plain-data) setup before the page's own scripts run. */
async function addFake<K extends keyof InPage>(page: Page, install: K, setup: InPage[K]): Promise<void> {
  const code = await fakesBundle();
  await page.addInitScript({ content: `${code}\n${GLOBAL}.${install}(${JSON.stringify(setup)});` });
}

/** `window.motcua` as the Electron preload gives it, over the scripted queue, and `window.__fake` for the test. */
export function addFakeBridge(page: Page, setup: FakeBridgeSetup): Promise<void> {
  return addFake(page, 'installFakeBridge', setup);
}

/** `window.__backofficeFake`: the back office's dossiers and officers for the fake bridge's backoffice:* calls. */
export function addBackofficeFake(page: Page, setup: BackofficeFakeSetup): Promise<void> {
  return addFake(page, 'installBackofficeFake', setup);
}
