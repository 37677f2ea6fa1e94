import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import table of ARCHITECTURE.md, held by the `motcua/layering` lint rule, checked through
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

  it('lets tests/ import anything', async () => {
    const code = [
      "import { a } from '../hub/a';",
      "import { b } from '../main/b';",
      "import { c } from '../renderer/c';",
      "import { d } from '../hardware/d';",
      "import { readFileSync } from 'node:fs';",
      'export const x = [a, b, c, d, readFileSync];',
      '',
    ].join('\n');
    expect(await layeringMessages('tests/x.ts', code)).toEqual([]);
  });
});
