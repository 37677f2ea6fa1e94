// The layers of ARCHITECTURE.md ("Folders", the "may import" column) as data: for each layer,
// which of our layers it may import from, which npm packages and which Node built-ins. Derived
// from what the code imported when the rule was written; widen a list in the same commit that
// needs it, with the reason in the message. Read by tools/eslint-layering.js.

/**
 * Node built-ins without I/O of their own (no files, sockets, processes): any Node layer may use
 * them. `crypto` is here for randomUUID and scrypt, which the hub and the terminal need; `async_hooks`
 * for AsyncLocalStorage (the PostgreSQL store's transaction follows the async context).
 */
const NODE_PURE = ['assert', 'async_hooks', 'buffer', 'crypto', 'events', 'path', 'stream', 'string_decoder', 'timers', 'url', 'util', 'zlib'];

/**
 * A layer: `imports` — our layers it may import from (itself always); `packages` — npm packages
 * (by package name, so `react-dom/client` is `react-dom`); `builtins` — Node built-ins (without
 * `node:` and subpath, so `node:fs/promises` is `fs`). `null` means the layer may import anything.
 * A file belongs to the longest key that is its path or a folder containing it.
 */
export const LAYERS = {
  // Pure domain: no I/O, no runtime. Runs under Node, in the browser and in the renderer bundle.
  core: { imports: [], packages: ['zod', 'read-vietnamese-number'], builtins: [] },

  // The centre's server. hub/integrations (partner clients): undici for fetch with a pinned,
  // SSRF-checked DNS lookup (`dns`), standardwebhooks to sign outbound webhooks. `pg`: the
  // PostgreSQL store of province mode (hub/store/pg). `qrcode`: the pairing code's QR (SVG).
  // `async_hooks`: the store's transaction context (AsyncLocalStorage, hub/store/*-store.ts).
  hub: {
    imports: ['core'],
    packages: ['better-sqlite3', 'exceljs', 'fastify', 'node-forge', 'pdf-lib', 'pg', 'qrcode', 'socket.io', '@socket.io/postgres-adapter', 'socket.io-parser', 'standardwebhooks', 'undici', 'zod'],
    builtins: [...NODE_PURE, 'async_hooks', 'dns', 'fs', 'http', 'https', 'net', 'os'],
  },

  // Device drivers and the virtual devices; `scanimage` and `espeak-ng` run as child processes.
  hardware: {
    imports: ['core'],
    packages: ['@napi-rs/canvas', 'iconv-lite', 'pdf-lib', 'qrcode', 'serialport', 'zod'],
    builtins: [...NODE_PURE, 'child_process', 'fs', 'http', 'module', 'net', 'os'],
  },

  // The terminal's services, headless: no Electron here (the shell adapts to the agent, not back).
  'main/agent': {
    imports: ['core', 'hardware'],
    packages: ['@fastify/static', 'better-sqlite3', 'fastify', 'socket.io', 'socket.io-client', 'undici', 'zod'],
    builtins: [...NODE_PURE, 'fs', 'http', 'net', 'tls'],
  },
  // The Electron shell: the one place `electron` may be imported.
  'main/electron': { imports: ['core', 'hardware', 'main/agent'], packages: ['electron', 'zod'], builtins: [...NODE_PURE, 'fs'] },
  // Starts Electron terminals as child processes (from the CLI's demo).
  'main/launcher': { imports: ['core', 'hardware', 'main/agent'], packages: [], builtins: [...NODE_PURE, 'child_process', 'fs', 'module'] },
  // Any other folder of main/: the agent's rules.
  main: {
    imports: ['core', 'hardware', 'main/agent'],
    packages: ['@fastify/static', 'better-sqlite3', 'fastify', 'socket.io', 'socket.io-client', 'zod'],
    builtins: [...NODE_PURE, 'fs', 'http', 'net'],
  },

  // Runs in the browser (and in Electron's sandboxed renderer): React, the browser-mode bridge's
  // Socket.IO client, zod types, the font files, simple-keyboard (the kiosk's on-screen keys); never Node.
  renderer: { imports: ['core'], packages: ['@fontsource/be-vietnam-pro', 'react', 'react-dom', 'simple-keyboard', 'socket.io-client', 'zod'], builtins: [] },
  // The renderer's bundler config runs in Node at build time, not in the page.
  'renderer/vite.config.ts': { imports: [], packages: ['@vitejs/plugin-react', 'vite'], builtins: ['path', 'url'] },
  // The phone page's bundler config (renderer/phone, its own small bundle).
  'renderer/vite.phone.config.ts': { imports: [], packages: ['vite'], builtins: ['path', 'url'] },
  'renderer/vite.booking.config.ts': { imports: [], packages: ['vite'], builtins: ['path', 'url'] },

  // The config schema and its file loader.
  'kiosk-config': { imports: ['core'], packages: ['zod'], builtins: ['fs', 'path'] },
  // electron-builder resources and the script that draws the icon.
  build: { imports: [], packages: ['@napi-rs/canvas'], builtins: ['fs', 'module', 'path'] },

  tests: null, // everything
  bin: null, // the CLI: composition root that starts hub, agents and devices
  bench: null, // everything
};
