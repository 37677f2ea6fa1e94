import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The dev server injects an inline React Refresh preamble that the production CSP forbids;
 * drop the CSP meta only while serving, never in a build.
 */
function relaxCspWhileServing(): Plugin {
  return {
    name: 'motcua-relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
  };
}

export default defineConfig({
  root,
  // Relative asset URLs: the same build loads from file:// in Electron and from the agent over HTTP.
  base: './',
  plugins: [react(), relaxCspWhileServing()],
  resolve: {
    // The bridge contract's checks on zod/mini's engine instead of classic zod (≈ 19 kB gzip less
    // for every role): see bridge/zod-on-mini.ts. Only this bundle; tests and Node use real zod.
    alias: [{ find: /^zod$/, replacement: `${root}/bridge/zod-on-mini.ts` }],
  },
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    // Fonts stay files (no data: URLs) so the CSP needs no data: font source.
    assetsInlineLimit: 0,
    target: 'chrome120',
    // Read by bench/role-bundles.ts: which chunks each role's screen pulls in.
    manifest: true,
  },
});
