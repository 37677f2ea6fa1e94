import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubStoreChoiceOf } from '../../bin/cli/hub-store-option';
import { Hub } from '../../hub/hub';
import { NotOnPostgres } from '../../hub/store/hub-backend';
import { StoreToolError } from '../../hub/store/pg/tool-error';
import { demoConfig, tempDir } from '../support/centre';
import { runMotcua } from '../support/motcua-cli';

describe('motcua hub --store / --centre', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('no --store is the SQLite file; postgres://… needs a centre id; anything else is refused, typed', () => {
    expect(hubStoreChoiceOf({})).toEqual({ kind: 'sqlite' });
    expect(hubStoreChoiceOf({ store: 'postgres://motcua@db/province', centre: 'hoan-kiem' })).toEqual({ kind: 'postgres', url: 'postgres://motcua@db/province', centreId: 'hoan-kiem' });
    expect(hubStoreChoiceOf({ store: 'postgres://motcua@db/province', centre: 'hoan-kiem', poolSize: 4 })).toEqual({ kind: 'postgres', url: 'postgres://motcua@db/province', centreId: 'hoan-kiem', poolSize: 4 });
    for (const opts of [{ store: 'mysql://db/x', centre: 'a' }, { store: 'postgres://db/x' }, { store: 'postgres://db/x', centre: 'Hoàn Kiếm' }, { poolSize: 4 }]) {
      expect(() => hubStoreChoiceOf(opts), JSON.stringify(opts)).toThrow(StoreToolError);
      try {
        hubStoreChoiceOf(opts);
      } catch (e) {
        expect((e as StoreToolError).kind).toBe('invalid-input');
      }
    }
  });

  it('a config with scheduled backups is refused on PostgreSQL before anything opens', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const config = demoConfig();
    const store = { kind: 'postgres', url: 'postgres://motcua@127.0.0.1:1/never', centreId: 'demo' } as const;
    const withBackup = { ...config, hub: { ...config.hub, backup: { dir: tmp.dir, everyMinutes: 60, keep: 3 } } };
    const backup = new Hub({ config: withBackup, store, dbFile: path.join(tmp.dir, 'hub.sqlite'), host: '127.0.0.1', port: 0, tls: false });
    await expect(backup.start()).rejects.toSatisfy((e) => e instanceof NotOnPostgres && e.feature === 'backup' && e.message.includes('pg_dump'));
    await backup.close();
    expect(existsSync(path.join(tmp.dir, 'hub.sqlite'))).toBe(false);
  });

  it('the CLI answers a missing --centre (exit 2) and an unreachable database (exit 5) with a typed message', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const noCentre = await runMotcua(['hub', '--store', 'postgres://motcua@127.0.0.1:1/province', '--data-dir', tmp.dir, '--host', '127.0.0.1', '--port', '0', '--insecure-http']);
    expect(noCentre.code).toBe(2);
    expect(noCentre.stderr).toMatch(/invalid-input: .*--centre/);
    const away = await runMotcua(['hub', '--store', 'postgres://motcua@127.0.0.1:1/province', '--centre', 'demo', '--data-dir', tmp.dir, '--host', '127.0.0.1', '--port', '0', '--insecure-http']);
    expect(away.code).toBe(5);
    expect(away.stderr).toMatch(/hub-unreachable: Không kết nối được cơ sở dữ liệu PostgreSQL/);
  }, 120_000);
});
