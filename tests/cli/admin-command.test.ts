import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/cli/centre-runtime';
import { sqliteAdminAccounts } from '../../hub/admin/admin-accounts';
import { openDatabase } from '../../hub/db/open-database';
import { tempDir } from '../support/centre';

const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');
const PASSWORD = 'mat-khau-quan-tri-2026';
// Each run starts tsx on the whole CLI: seconds apiece on a loaded build machine.
const SLOW = 420_000;

describe('motcua admin add | list | reset-password | remove (the real command, password on stdin)', () => {
  let tmp: ReturnType<typeof tempDir>;
  const admin = (args: string[], input = '') =>
    spawnSync(process.execPath, [BIN, 'admin', ...args, '--data-dir', tmp.dir], { cwd: REPO_ROOT, input, encoding: 'utf8', timeout: 120_000 });
  const verify = async (username: string, password: string) => {
    const db = openDatabase(path.join(tmp.dir, 'hub.sqlite'));
    try {
      return await sqliteAdminAccounts(db, () => new Date()).verify(username, password);
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it(
    'adds an administrator with the password from stdin into the hub database; refuses a password in argv or a short one; lists names only',
    async () => {
      const argv = admin(['add', '--username', 'quan-tri', '--password', PASSWORD]);
      expect(argv.status).not.toBe(0);
      expect(argv.stderr).toContain("unknown option '--password'");
      const short = admin(['add', '--username', 'quan-tri'], 'ngan\n');
      expect(short.status).toBe(1);
      expect(short.stderr).toContain('ít nhất 12 ký tự');
      expect(await verify('quan-tri', 'ngan')).toBe(false);

      const r = admin(['add', '--username', 'quan-tri'], `${PASSWORD}\n`);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Đã thêm quản trị viên "quan-tri"');
      expect(r.stdout).not.toContain(PASSWORD);
      expect(await verify('quan-tri', PASSWORD)).toBe(true);
      expect(await verify('quan-tri', 'mat-khau-khac-hoan-toan')).toBe(false);

      const list = admin(['list']);
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/^quan-tri\t/m);
      expect(list.stdout).not.toContain('scrypt');
    },
    SLOW,
  );

  it(
    'resets a password from stdin, then removes the account; removing it again says there is none',
    async () => {
      const db = openDatabase(path.join(tmp.dir, 'hub.sqlite'));
      await sqliteAdminAccounts(db, () => new Date()).add('quan-tri', PASSWORD);
      db.close();
      expect(admin(['reset-password', '--username', 'quan-tri'], 'mat-khau-moi-hoan-toan\n').status).toBe(0);
      expect(await verify('quan-tri', PASSWORD)).toBe(false);
      expect(await verify('quan-tri', 'mat-khau-moi-hoan-toan')).toBe(true);
      expect(admin(['remove', '--username', 'quan-tri']).status).toBe(0);
      const again = admin(['remove', '--username', 'quan-tri']);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('Không có tài khoản quản trị "quan-tri"');
    },
    SLOW,
  );
});
