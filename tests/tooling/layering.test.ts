import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { layerOf } from '../../tools/eslint-layering.js';

/**
 * The import table of ARCHITECTURE.md (tools/layers.js: our layers, npm packages and Node
 * built-ins per layer), held by the `motcua/layering` lint rule, checked through
 * ESLint's own API with the repository's real config. lintText with a virtual path: no fixture
 * files are written into the real folders.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function layeringMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  if (result === undefined) throw new Error(`ESLint returned no result for ${file}`);
  // A file no config matches comes back as a lone "ignored" warning: that would pass silently.
  expect(result.messages.filter((m) => m.ruleId === null).map((m) => m.message)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'motcua/layering').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('stops core/ importing hub/', async () => {
    const messages = await layeringMessages('core/x.ts', "import { startHub } from '../hub/server';\nexport const x = startHub;\n");
    expect(messages).toEqual([expect.stringMatching(/^core\/ may not import from hub\/ \(allowed: core\)/)]);
  });

  it('stops renderer/ importing hub/ or a Node built-in', async () => {
    expect(await layeringMessages('renderer/x.tsx', "import { db } from '../hub/db';\nexport const x = db;\n")).toEqual([
      expect.stringMatching(/^renderer\/ may not import from hub\//),
    ]);
    expect(await layeringMessages('renderer/x.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([
      expect.stringMatching(/Node built-in/),
    ]);
  });

  it('stops hardware/ importing main/', async () => {
    const messages = await layeringMessages('hardware/x.ts', "export { TerminalAgent } from '../main/agent/terminal-agent';\n");
    expect(messages).toEqual([expect.stringMatching(/^hardware\/ may not import from main\//)]);
  });

  it('catches dynamic imports too', async () => {
    const messages = await layeringMessages('core/x.ts', "export const load = () => import('../hardware/printer');\n");
    expect(messages).toHaveLength(1);
  });

  it('lets hub/ import core/', async () => {
    expect(await layeringMessages('hub/x.ts', "import { ok } from '../core/result';\nexport const x = ok;\n")).toEqual([]);
  });

  it('lets main/ import hardware/', async () => {
    expect(await layeringMessages('main/x.ts', "import { printer } from '../hardware/printer';\nexport const x = printer;\n")).toEqual([]);
  });

  it('stops core/ using a Node built-in, with or without the node: prefix', async () => {
    expect(await layeringMessages('core/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([
      expect.stringMatching(/^core\/ may not use the Node built-in "node:fs" \(allowed: none\)/),
    ]);
    expect(await layeringMessages('core/x.ts', "import { readFile } from 'fs/promises';\nexport const x = readFile;\n")).toEqual([
      expect.stringMatching(/^core\/ may not use the Node built-in "fs\/promises"/),
    ]);
    expect(await layeringMessages('core/x.ts', "import { randomUUID } from 'node:crypto';\nexport const x = randomUUID;\n")).toEqual([
      expect.stringMatching(/^core\/ may not use the Node built-in "node:crypto"/),
    ]);
  });

  it('stops core/ importing an I/O package such as better-sqlite3', async () => {
    expect(await layeringMessages('core/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toEqual([
      expect.stringMatching(/^core\/ may not import the package "better-sqlite3" \(allowed: zod, read-vietnamese-number\)/),
    ]);
  });

  it('stops renderer/ importing net or serialport', async () => {
    expect(await layeringMessages('renderer/x.tsx', "import { connect } from 'net';\nexport const x = connect;\n")).toEqual([
      expect.stringMatching(/^renderer\/ may not use the Node built-in "net"/),
    ]);
    expect(await layeringMessages('renderer/x.tsx', "import { SerialPort } from 'serialport';\nexport const x = SerialPort;\n")).toEqual([
      expect.stringMatching(/^renderer\/ may not import the package "serialport"/),
    ]);
  });

  it('stops hub/ importing electron', async () => {
    expect(await layeringMessages('hub/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([
      expect.stringMatching(/^hub\/ may not import the package "electron"/),
    ]);
  });

  it('stops main/agent/ importing electron, even for types only', async () => {
    expect(await layeringMessages('main/agent/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([
      expect.stringMatching(/^main\/agent\/ may not import the package "electron"/),
    ]);
    expect(await layeringMessages('main/agent/x.ts', "import type { BrowserWindow } from 'electron';\nexport type X = BrowserWindow;\n")).toEqual([
      expect.stringMatching(/^main\/agent\/ may not import the package "electron"/),
    ]);
    expect(await layeringMessages('main/agent/x.ts', "export type X = import('electron').BrowserWindow;\n")).toEqual([
      expect.stringMatching(/^main\/agent\/ may not import the package "electron"/),
    ]);
  });

  it('stops main/agent/ importing the Electron shell', async () => {
    expect(await layeringMessages('main/agent/x.ts', "import { createWindow } from '../electron/terminal-window';\nexport const x = createWindow;\n")).toEqual([
      expect.stringMatching(/^main\/agent\/ may not import from main\/electron\/ \(allowed: main\/agent, core, hardware\)/),
    ]);
  });

  it('catches require() and import = require() too', async () => {
    expect(await layeringMessages('core/x.ts', "export const fs = require('node:fs');\n")).toHaveLength(1);
    expect(await layeringMessages('hub/x.ts', "import electron = require('electron');\nexport const x = electron;\n")).toHaveLength(1);
  });

  it('lets each layer use its own packages and built-ins', async () => {
    expect(await layeringMessages('main/electron/x.ts', "import { app } from 'electron';\nimport { z } from 'zod';\nimport { TerminalAgent } from '../agent/terminal-agent';\nexport const x = [app, z, TerminalAgent];\n")).toEqual([]);
    expect(await layeringMessages('hub/x.ts', "import Database from 'better-sqlite3';\nimport { readFile } from 'node:fs/promises';\nexport const x = [Database, readFile];\n")).toEqual([]);
    expect(await layeringMessages('hardware/x.ts', "import { SerialPort } from 'serialport';\nimport { spawn } from 'node:child_process';\nexport const x = [SerialPort, spawn];\n")).toEqual([]);
    expect(await layeringMessages('renderer/x.tsx', "import { createRoot } from 'react-dom/client';\nimport { io } from 'socket.io-client';\nexport const x = [createRoot, io];\n")).toEqual([]);
    expect(await layeringMessages('core/x.ts', "import { z } from 'zod';\nexport const x = z;\n")).toEqual([]);
  });

  it('puts every source file of ours in a layer', () => {
    const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.js', '*.mjs', '*.cjs'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files.length).toBeGreaterThan(300);
    // Only the root's config files and the lint rule itself stand outside the layers.
    const outside = files.filter((f) => layerOf(root, path.join(root, f)) === undefined);
    expect(outside.every((f) => !f.includes('/') || f.startsWith('tools/'))).toBe(true);
    expect(layerOf(root, path.join(root, 'main/agent/terminal-agent.ts'))).toBe('main/agent');
    expect(layerOf(root, path.join(root, 'renderer/vite.config.ts'))).toBe('renderer/vite.config.ts');
    expect(layerOf(root, path.join(root, 'renderer/main.tsx'))).toBe('renderer');
  });

  it('lets tests/ import anything', async () => {
    const code = [
      "import { a } from '../hub/a';",
      "import { b } from '../main/b';",
      "import { c } from '../renderer/c';",
      "import { d } from '../hardware/d';",
      "import { readFileSync } from 'node:fs';",
      "import { app } from 'electron';",
      'export const x = [a, b, c, d, readFileSync, app];',
      '',
    ].join('\n');
    expect(await layeringMessages('tests/x.ts', code)).toEqual([]);
  });
});
