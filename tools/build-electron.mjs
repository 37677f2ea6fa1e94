#!/usr/bin/env node
// Bundles the Electron shell to CommonJS in dist/electron/ (npm run build:electron).
//   main.cjs    — main process: our TypeScript (main/, core/, hardware/) bundled; npm packages stay
//                 external and ship in node_modules (native ones are unpacked from the asar).
//   preload.cjs — sandboxed preload: a sandbox can require only `electron`, so everything else is
//                 bundled in, and the build fails if anything else is left as a require.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist', 'electron');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 runs Node 22 in the main process and Chromium 140 in the preload.
  target: ['node22', 'chrome140'],
  tsconfig: path.join(root, 'main', 'electron', 'tsconfig.json'),
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
};

const started = performance.now();

await build({
  ...common,
  entryPoints: ['main/electron/main.ts'],
  outfile: path.join(outdir, 'main.cjs'),
  packages: 'external',
  external: ['electron'],
  // Our modules are ESM; in a CommonJS bundle import.meta is empty. These point at the bundle.
  define: {
    'import.meta.url': '__motcuaImportMetaUrl',
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
  },
  banner: { js: "const __motcuaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const preload = await build({
  ...common,
  entryPoints: ['main/electron/preload.ts'],
  outfile: path.join(outdir, 'preload.cjs'),
  external: ['electron'],
});

const stray = Object.values(preload.metafile.outputs)
  .flatMap((output) => output.imports)
  .filter((i) => i.external && i.path !== 'electron')
  .map((i) => i.path);
if (stray.length > 0) {
  console.error(`build-electron: the sandboxed preload may only require "electron", found: ${stray.join(', ')}`);
  process.exit(1);
}

console.log(`build-electron: dist/electron/main.cjs, preload.cjs in ${Math.round(performance.now() - started)} ms`);
