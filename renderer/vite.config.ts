import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * What every role runs before its first screen (React, the bridge and its context check, the
 * shared words and status line): one chunk, not a dozen small ones (each a request and a gzip
 * stream of its own: ≈ 2.8 kB gzip more for the kiosk). Their own imports come along; nothing
 * here may import a role's screen or the Socket.IO client. bench/role-bundles.ts measures it.
 */
const SHELL = [
  /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
  /rolldown.runtime/,
  /renderer[\\/]App\.tsx/,
  /renderer[\\/]bridge[\\/](terminal-link|schemas|zod-on-mini|lazy-link|get-bridge|use-terminal-context|use-bridge-event)\.tsx?$/,
  /renderer[\\/]i18n[\\/](strings\.tsx|app-strings|hub-state-strings)/,
  /renderer[\\/]shared[\\/](StatusLine|HubState|FullScreenMessage|format|Clock|command-id|describe-error)\.tsx?$/,
  /renderer[\\/]display[\\/]voice-source\.ts$/,
  /core[\\/](result|devices)\.ts$/,
  /core[\\/]protocol[\\/](terminal-context|bridge-events|result-schema|bridge-channel|event-sequence|command-id)\.ts$/,
  /core[\\/]queue[\\/](types|snapshot|rules|walk-in-policy|ticket-state)\.ts$/,
  /core[\\/]dossiers[\\/](catalogue|dossier|dossier-state)\.ts$/,
  /core[\\/](calendar[\\/]zoned-format|integrations[\\/]national-dossier-code)\.ts$/,
];

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
    // Chromium ≥ 120 (Electron, the agent's browsers) preloads modules itself: no polyfill in the entry.
    modulePreload: { polyfill: false },
    // Read by bench/role-bundles.ts: which chunks each role's screen pulls in.
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'shell', test: (id: string) => SHELL.some((r) => r.test(id)) }] } } },
  },
});
