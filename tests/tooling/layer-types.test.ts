import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Each layer's tsconfig gives it only the globals its runtime has: no DOM and no Node in core/,
 * no Node in renderer/. Proven by type-checking small fixtures (tests/fixtures/layering) with the
 * real config files' options, and the same fixtures under the tests' config (DOM and Node) as the
 * control that they are otherwise sound.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const fixture = (name: string) => path.join(root, 'tests', 'fixtures', 'layering', name);

function optionsOf(config: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, config), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (parsed === undefined || parsed.errors.length > 0) throw new Error(`cannot read ${config}`);
  // Check only: the fixture is outside the project, so no declarations or build info.
  return { ...parsed.options, composite: false, incremental: false, emitDeclarationOnly: false, noEmit: true, tsBuildInfoFile: undefined };
}

/** The type errors of one file (and of what it imports) under a config's options. */
function typeErrors(config: string, file: string): string[] {
  const program = ts.createProgram([fixture(file)], optionsOf(config));
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

// Each case builds TypeScript programs over the lib and Node typings: seconds each, more on a loaded machine.
describe('a tsconfig per layer', { timeout: 180_000 }, () => {
  it('core/ has no DOM: `document` does not type-check there', () => {
    expect(typeErrors('tsconfig.core.json', 'core-uses-dom.ts')).toEqual([expect.stringMatching(/^Cannot find name 'document'/)]);
    expect(typeErrors('tsconfig.json', 'core-uses-dom.ts')).toEqual([]);
  });

  it('core/ has no Node: `process` and `Buffer` do not type-check there, even with zod imported', () => {
    expect(typeErrors('tsconfig.core.json', 'core-uses-node.ts')).toEqual([
      expect.stringMatching(/^Cannot find name 'process'/),
      expect.stringMatching(/^Cannot find name 'Buffer'/),
    ]);
    expect(typeErrors('tsconfig.json', 'core-uses-node.ts')).toEqual([]);
  });

  it('renderer/ has the DOM but no Node, even with React and the Socket.IO client imported', () => {
    expect(typeErrors('tsconfig.renderer.json', 'renderer-uses-node.ts')).toEqual([
      expect.stringMatching(/^Cannot find name 'process'/),
      expect.stringMatching(/^Cannot find name 'Buffer'/),
    ]);
    expect(typeErrors('tsconfig.renderer.json', 'core-uses-dom.ts')).toEqual([]);
    expect(typeErrors('tsconfig.json', 'renderer-uses-node.ts')).toEqual([]);
  });

  it('the Node side (hub, hardware, the agent, the CLI) and the Electron shell have Node but no DOM', () => {
    for (const config of ['tsconfig.node.json', 'main/electron/tsconfig.json']) {
      expect(typeErrors(config, 'core-uses-dom.ts'), config).toEqual([expect.stringMatching(/^Cannot find name 'document'/)]);
      expect(typeErrors(config, 'core-uses-node.ts'), config).toEqual([]);
    }
  });

  it('the layers’ configs cover the tree and npm run typecheck builds them all', async () => {
    const configs = ['tsconfig.core.json', 'tsconfig.renderer.json', 'tsconfig.node.json', 'main/electron/tsconfig.json'];
    const tests = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    expect(tests?.projectReferences?.map((r) => path.relative(root, r.path)).sort()).toEqual([...configs].sort());
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
    expect(pkg.scripts.typecheck).toBe('tsc -b tsconfig.json');
    // Every source file of a layer is in exactly one layer's project.
    const owners = new Map<string, string[]>();
    for (const config of configs) {
      const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      for (const f of parsed?.fileNames ?? []) owners.set(path.relative(root, f), [...(owners.get(path.relative(root, f)) ?? []), config]);
    }
    const layered = ts.sys
      .readDirectory(root, ['.ts', '.tsx'], ['node_modules', 'dist', 'tests', 'bench'], ['core', 'hub', 'hardware', 'main', 'renderer', 'kiosk-config', 'bin'])
      .map((f) => path.relative(root, f));
    expect(layered.length).toBeGreaterThan(200);
    expect(layered.filter((f) => owners.get(f)?.length !== 1)).toEqual([]);
    expect(owners.get('core/result.ts')).toEqual(['tsconfig.core.json']);
    expect(owners.get('renderer/main.tsx')).toEqual(['tsconfig.renderer.json']);
    expect(owners.get('renderer/vite.config.ts')).toEqual(['tsconfig.node.json']);
    expect(owners.get('main/electron/main.ts')).toEqual(['main/electron/tsconfig.json']);
  });
});
