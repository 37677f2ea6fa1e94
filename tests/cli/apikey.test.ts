import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, tempDir } from '../support/centre';
import { runMotcua } from '../support/motcua-cli';

const keyOf = (stdout: string) => /^(mck_[a-z0-9]{12}_[A-Za-z0-9_-]{43})$/m.exec(stdout)?.[1];

describe('motcua apikey (against the data dir, beside a running hub)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('create → the running hub accepts the key → list → rotate --overlap 0 → revoke; each audited as the CLI user; bad input refused', { timeout: 180_000 }, async () => {
    const tmp = tempDir('motcua-cli-apikey-');
    cleanups.push(tmp.remove);
    const hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
    cleanups.push(() => hub.close());
    const use = async (key: string) => (await fetch(`${hub.url}/api/v1/dossiers`, { headers: { authorization: `Bearer ${key}` } })).status;

    const made = await runMotcua(['apikey', 'create', '--name', 'Phần mềm Phòng Tư pháp', '--department', 'tu-phap', '--permissions', 'dossiers:read,dossiers:act', '--data-dir', tmp.dir]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('chỉ hiển thị một lần');
    const key = keyOf(made.stdout)!;
    expect(key).toBeDefined();
    const id = key.slice(4, 16);
    expect(await use(key)).toBe(200);

    const listed = await runMotcua(['apikey', 'list', '--data-dir', tmp.dir]);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\tactive\\tPhần mềm Phòng Tư pháp\\ttu-phap\\tdossiers:act,dossiers:read\\tcreated \\S+\\tlast used 20`, 'm'));
    expect(listed.stdout).not.toContain(key);

    const rotated = await runMotcua(['apikey', 'rotate', '--key', id, '--overlap', '0', '--data-dir', tmp.dir]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const newKey = keyOf(rotated.stdout)!;
    expect(newKey).not.toBe(key);
    expect(await use(key)).toBe(401);
    expect(await use(newKey)).toBe(200);

    const revoked = await runMotcua(['apikey', 'revoke', '--key', id, '--data-dir', tmp.dir]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Đã thu hồi khoá API "Phần mềm Phòng Tư pháp"');
    expect(await use(newKey)).toBe(401);
    expect((await runMotcua(['apikey', 'list', '--data-dir', tmp.dir])).stdout).toMatch(new RegExp(`^${id}\\trevoked\\t`, 'm'));

    const entries = (await hub.audit.list()).filter((e) => e.action.startsWith('apikey.'));
    expect(entries.map((e) => [e.action, e.actor.startsWith('cli:')])).toEqual([
      ['apikey.create', true],
      ['apikey.rotate', true],
      ['apikey.revoke', true],
    ]);

    for (const args of [
      ['create', '--name', 'Phần mềm', '--permissions', 'dossiers:delete'],
      ['create', '--name', 'Phần mềm', '--permissions', 'stats:read', '--department', 'khong-co'],
      ['create', '--name', 'X', '--permissions', 'stats:read'],
      ['rotate', '--key', 'zzzzzzzzzzzz'],
      ['rotate', '--key', id, '--overlap', '500'],
      ['revoke', '--key', 'NOT-AN-ID'],
    ]) {
      const r = await runMotcua(['apikey', ...args, '--data-dir', tmp.dir]);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
    expect((await runMotcua(['apikey', 'list', '--data-dir', tmp.dir])).stdout.trim().split('\n')).toHaveLength(1);
  });
});
