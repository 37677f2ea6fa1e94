import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pairWithHub } from '../../main/agent/pairing-client';
import { startHub, tempDir } from '../support/centre';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');

function motcua(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('motcua device', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('pair: a code made beside the running hub pairs a terminal there; list shows it; revoke ends it; an unknown device is refused', async () => {
    const tmp = tempDir('motcua-cli-device-');
    cleanups.push(tmp.remove);
    const hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
    cleanups.push(() => hub.close());

    const made = await motcua(['device', 'pair', '--device', 'counter-3', '--data-dir', tmp.dir]);
    expect(made.status, made.stderr).toBe(0);
    const grouped = /pairing code\): (\d{4} \d{4})/.exec(made.stdout)?.[1];
    expect(grouped).toBeDefined();
    expect(made.stdout).toContain('dùng một lần');

    const paired = await pairWithHub({ hubUrl: hub.url, code: grouped! });
    expect(paired).toMatchObject({ ok: true, value: { deviceId: 'counter-3' } });
    const listed = await motcua(['device', 'list', '--data-dir', tmp.dir]);
    expect(listed.stdout).toMatch(/^counter-3\tpaired\t/m);
    expect(listed.stdout).toMatch(/^counter-1\tlegacy-token\t/m);

    const revoked = await motcua(['device', 'revoke', '--device', 'counter-3', '--data-dir', tmp.dir]);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect((await motcua(['device', 'list', '--data-dir', tmp.dir])).stdout).toMatch(/^counter-3\trevoked\t/m);
    expect((await hub.audit.list()).map((e) => [e.action, e.actor.startsWith('cli:')])).toEqual([
      ['device.pairing-code', true],
      ['device.pair', false],
      ['device.revoke', true],
    ]);

    const unknown = await motcua(['device', 'pair', '--device', 'kiosk-99', '--data-dir', tmp.dir]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('kiosk-99');
  }, 90_000);
});
