import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * What each role's screen makes the terminal download, from the renderer build's manifest
 * (`npm run build` → dist/renderer/.vite/manifest.json): the entry and the role's chunk with
 * everything they import statically, gzip level 9 as a web server would send it. Two figures:
 * an Electron window (the preload carries the bridge) and a browser terminal (the headless agent's
 * page), which also fetches the Socket.IO transport chunk — dynamically imported, but before the
 * first screen, so it counts. Chunks a role fetches only when the citizen or clerk opens a part of
 * the screen (the on-screen keyboard) are counted apart, by name.
 */

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}
type Manifest = Readonly<Record<string, ManifestChunk>>;

/** The role's screen module (renderer/App.tsx imports each lazily). */
export const ROLE_SCREENS = {
  kiosk: 'kiosk/KioskScreen.tsx',
  counter: 'counter/CounterScreen.tsx',
  display: 'display/DisplayScreen.tsx',
  backoffice: 'backoffice/BackofficeScreen.tsx',
  admin: 'admin/AdminScreen.tsx',
} as const;
export type BundleRole = keyof typeof ROLE_SCREENS;

/** The bridge transport a page without an Electron preload fetches before anything shows (renderer/bridge/get-bridge.ts). */
export const BROWSER_TRANSPORT = 'bridge/socket-bridge.ts';

const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/renderer');

export interface RoleBundle {
  /** JS fetched before the role's first screen shows in an Electron window: entry + role chunk + their static imports. */
  readonly jsGzipBytes: number;
  readonly jsBytes: number;
  /** The same in a browser terminal: plus the Socket.IO transport chunk and its static imports. */
  readonly browserJsGzipBytes: number;
  readonly browserFiles: readonly string[];
  readonly cssGzipBytes: number;
  readonly files: readonly string[];
  /** Chunks fetched later, on demand (by module, in the order they are reached), with their static imports not already counted. */
  readonly onDemand: Readonly<Record<string, number>>;
}

export function readManifest(dir = RENDERER_DIR): Manifest {
  const file = path.join(dir, '.vite/manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

function staticClosure(manifest: Manifest, keys: readonly string[], into = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (into.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk "${key}"`);
    into.add(key);
    staticClosure(manifest, chunk.imports ?? [], into);
  }
  return into;
}

/** The sizes of what `role` loads, measured on the files of the build in `dir`. */
export function roleBundle(role: BundleRole, dir = RENDERER_DIR, manifest = readManifest(dir)): RoleBundle {
  const gz = new Map<string, { raw: number; gzip: number }>();
  const size = (file: string) => {
    let s = gz.get(file);
    if (!s) {
      const body = readFileSync(path.join(dir, file));
      s = { raw: body.byteLength, gzip: gzipSync(body, { level: 9 }).byteLength };
      gz.set(file, s);
    }
    return s;
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('the manifest has no entry');
  const loaded = staticClosure(manifest, [entry, ROLE_SCREENS[role]]);
  const inBrowser = staticClosure(manifest, [BROWSER_TRANSPORT], new Set(loaded));
  const browserFiles = [...inBrowser].map((k) => manifest[k]!.file);
  const otherScreens = new Set<string>([...Object.values(ROLE_SCREENS).filter((k) => k !== ROLE_SCREENS[role]), BROWSER_TRANSPORT]);
  const files = [...loaded].map((k) => manifest[k]!.file);
  const css = [...loaded].flatMap((k) => manifest[k]!.css ?? []);
  // Chunks fetched later, and the chunks those fetch in turn (the search panel, then its keyboard).
  const onDemand: Record<string, number> = {};
  const counted = new Set(inBrowser);
  const queue = [...loaded];
  while (queue.length > 0) {
    const key = queue.shift()!;
    for (const lazy of manifest[key]!.dynamicImports ?? []) {
      if (otherScreens.has(lazy) || counted.has(lazy)) continue;
      const extra = [...staticClosure(manifest, [lazy])].filter((k) => !counted.has(k));
      for (const k of extra) counted.add(k);
      onDemand[lazy.replace(/^.*node_modules\//, '')] = extra.reduce((n, k) => n + size(manifest[k]!.file).gzip, 0);
      queue.push(...extra);
    }
  }
  return {
    jsGzipBytes: files.reduce((n, f) => n + size(f).gzip, 0),
    jsBytes: files.reduce((n, f) => n + size(f).raw, 0),
    browserJsGzipBytes: browserFiles.reduce((n, f) => n + size(f).gzip, 0),
    browserFiles,
    cssGzipBytes: [...new Set(css)].reduce((n, f) => n + size(f).gzip, 0),
    files,
    onDemand,
  };
}

export function runRoleBundlesBench() {
  const manifest = readManifest();
  const kb = (n: number) => Math.round(n / 100) / 10;
  const roles = Object.fromEntries(
    (Object.keys(ROLE_SCREENS) as BundleRole[]).map((role) => {
      const b = roleBundle(role, RENDERER_DIR, manifest);
      return [role, { jsGzipKB: kb(b.jsGzipBytes), browserJsGzipKB: kb(b.browserJsGzipBytes), jsKB: kb(b.jsBytes), cssGzipKB: kb(b.cssGzipBytes), chunks: b.files.length, onDemandGzipKB: Object.fromEntries(Object.entries(b.onDemand).map(([k, v]) => [k, kb(v)])) }];
    }),
  );
  return { note: 'gzip -9 of the JS each role loads before its first screen (entry + role chunk + static imports): jsGzipKB in an Electron window, browserJsGzipKB in a browser terminal (plus the Socket.IO transport); onDemand: chunks fetched later, when that part opens', roles };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(runRoleBundlesBench(), null, 2));
