import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/cli/centre-runtime';
import { LAUNCH_CONTROL_FILE } from '../../main/agent/launch-control';
import { tempDir } from '../support/centre';

const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

/** The refusals of `motcua launch-code`; a running agent answering it is in tests/e2e/launch-code.test.ts. */
describe('motcua launch-code', () => {
  it('says what it needs, that no agent runs with a folder, and refuses a control file that is not one', () => {
    const tmp = tempDir('motcua-launch-cli-');
    try {
      const none = run('launch-code');
      expect(none.status).toBe(1);
      expect(none.stderr).toContain('--data-dir <dir> (the agent prints it at start) or --config <terminal config> is required');
      const stopped = run('launch-code', '--data-dir', tmp.dir);
      expect(stopped.status).toBe(1);
      expect(stopped.stderr).toContain('is the terminal agent running with this data folder?');
      expect(stopped.stdout).toBe('');
      writeFileSync(path.join(tmp.dir, LAUNCH_CONTROL_FILE), JSON.stringify({ origin: 'http://127.0.0.1:1', secret: 'short' }));
      const bogus = run('launch-code', '--data-dir', tmp.dir);
      expect(bogus.status).toBe(1);
      expect(bogus.stderr).toContain('is not a screen-control file');
    } finally {
      tmp.remove();
    }
    // Three CLI starts (each compiles the CLI through tsx) on a loaded build machine.
  }, 120_000);
});
