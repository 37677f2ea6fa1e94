import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, encryptBackup } from '../../../hub/backup/backup-crypto';
import { restorePgBackup, takePgBackup } from '../../../hub/backup/pg-backup';
import { createPgPool } from '../../../hub/store/pg/pool';
import { StoreToolError } from '../../../hub/store/pg/tool-error';
import { tempDir } from '../../support/centre';
import { buildBaDinhHistory, buildDemoCentreHistory } from '../../support/centre-history';
import { pgClientTools } from '../../../bin/cli/pg-client-tools';
import { ImportDatabases } from '../../support/import-databases';
import { runMotcua } from '../../support/motcua-cli';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';

warnIfPostgresMissing('tests/hub/pg/province-backup.test.ts');

const KEY = 'khoá sao lưu của tỉnh 2026';
/** Cheap scrypt for tests (the format records the cost; restore reads it from the file). */
const KDF = { log2N: 10, r: 8, p: 1 };
const HOAN_KIEM = { id: 'hoan-kiem', name: 'Bộ phận Một cửa quận Hoàn Kiếm' };
const BA_DINH = { id: 'ba-dinh', name: 'Bộ phận Một cửa quận Ba Đình' };
/** Tables whose rows a restore must bring back, counted per database. */
const COUNTED = ['centres', 'tickets', 'commands', 'events', 'dossiers', 'dossier_history', 'dossier_blobs', 'audit_log'] as const;

describe.skipIf(POSTGRES_MISSING !== null)('motcua province backup / restore: the province database sealed with the backup key (real PostgreSQL, pg_dump, pg_restore)', () => {
  let dbs: ImportDatabases;
  let tmp: ReturnType<typeof tempDir>;
  let url: string;
  let pool: ReturnType<typeof createPgPool>;
  let centreFile: string;

  const counts = async (p: ReturnType<typeof createPgPool>) => Object.fromEntries(await Promise.all(COUNTED.map(async (t) => [t, (await p.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n] as const)));

  beforeAll(async () => {
    dbs = await ImportDatabases.start('backup');
    tmp = tempDir('motcua-province-backup-');
    const fileA = path.join(tmp.dir, 'hoan-kiem', 'hub.sqlite');
    const fileB = path.join(tmp.dir, 'ba-dinh', 'hub.sqlite');
    await buildDemoCentreHistory(fileA);
    await buildBaDinhHistory(fileB);
    ({ url, pool } = await dbs.fresh());
    await dbs.importFile(url, fileB, BA_DINH);
    await dbs.importFile(url, fileA, HOAN_KIEM);
    centreFile = fileA;
  }, 240_000);
  afterAll(async () => {
    await dbs?.stop();
    tmp?.remove();
  });

  it('writes a file nobody can read without the key, records it on every centre\'s audit log, and restores it whole into an empty database with every chain intact', { timeout: 120_000 }, async () => {
    const before = await counts(pool);
    const out = path.join(tmp.dir, 'backups', 'tinh.motcua-backup');
    const taken = await takePgBackup(pool, pgClientTools(url), out, KEY, { actor: 'cli:test', clock: () => new Date('2026-12-04T08:00:00Z'), kdf: KDF });
    expect(taken.centres).toEqual(['ba-dinh', 'hoan-kiem']);
    const sealed = readFileSync(out);
    expect(sealed.length).toBe(taken.bytes);
    // Neither pg_dump's own header nor a citizen's name or CCCD number is in the file.
    for (const plain of ['PGDMP', 'Lê Văn Cường', '001085011111']) expect(sealed.includes(Buffer.from(plain, 'utf8'))).toBe(false);
    const records = await pool.query<{ centre_id: string; subject: string; detail_json: string }>(`SELECT centre_id, subject, detail_json FROM audit_log WHERE action = 'backup.create' ORDER BY centre_id`);
    expect(records.rows.map((r) => [r.centre_id, r.subject, JSON.parse(r.detail_json).sha256])).toEqual([
      ['ba-dinh', 'tinh.motcua-backup', taken.sha256],
      ['hoan-kiem', 'tinh.motcua-backup', taken.sha256],
    ]);

    const target = await dbs.server.createDatabase('restored');
    const restoredPool = createPgPool(target, { max: 2 });
    try {
      const restored = await restorePgBackup(restoredPool, target, pgClientTools(target), out, KEY);
      expect(restored.centres.map((c) => [c.id, c.chains.ok])).toEqual([
        ['ba-dinh', true],
        ['hoan-kiem', true],
      ]);
      // Everything the dump saw (the backup records were written after it).
      expect(await counts(restoredPool)).toEqual(before);
      const again = await restorePgBackup(restoredPool, target, pgClientTools(target), out, KEY).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(StoreToolError);
      expect(again).toMatchObject({ kind: 'conflict', message: expect.stringContaining('restore into an empty database') });
    } finally {
      await restoredPool.end();
    }
  });

  it('refuses a wrong key, a changed file and a centre\'s SQLite backup before writing anything; the CLI says so and exits non-zero', { timeout: 120_000 }, async () => {
    const out = path.join(tmp.dir, 'backups', 'refusals.motcua-backup');
    await takePgBackup(pool, pgClientTools(url), out, KEY, { actor: 'cli:test', clock: () => new Date(), kdf: KDF });
    const target = await dbs.server.createDatabase('refusals');
    const targetPool = createPgPool(target, { max: 2 });
    try {
      await expect(restorePgBackup(targetPool, target, pgClientTools(target), out, 'một khoá khác hẳn')).rejects.toMatchObject({ kind: 'wrong-key' });
      const changed = Buffer.from(readFileSync(out));
      changed.writeUInt8(changed.readUInt8(changed.length - 100) ^ 0xff, changed.length - 100);
      const changedFile = path.join(tmp.dir, 'backups', 'changed.motcua-backup');
      writeFileSync(changedFile, changed);
      await expect(restorePgBackup(targetPool, target, pgClientTools(target), changedFile, KEY)).rejects.toBeInstanceOf(BackupError);
      await expect(restorePgBackup(targetPool, target, pgClientTools(target), changedFile, KEY)).rejects.toMatchObject({ kind: 'tampered' });
      // A centre's backup (its SQLite file, the same key and format) is not the province's.
      const centreBackup = path.join(tmp.dir, 'backups', 'centre.motcua-backup');
      writeFileSync(centreBackup, encryptBackup(readFileSync(centreFile), KEY, KDF));
      await expect(restorePgBackup(targetPool, target, pgClientTools(target), centreBackup, KEY)).rejects.toMatchObject({ kind: 'not-a-backup', message: expect.stringContaining('motcua restore FILE --to DIR') });
      expect((await targetPool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0]!.n).toBe(0);
    } finally {
      await targetPool.end();
    }

    // Through the CLI: the key from the environment, a backup and a refused restore.
    const cliOut = path.join(tmp.dir, 'backups', 'cli.motcua-backup');
    const backup = await runMotcua(['province', 'backup', '--store', url, '--out', cliOut], { MOTCUA_BACKUP_KEY: KEY });
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/^backup written: .*cli\.motcua-backup \(\d+ bytes, sha256 [0-9a-f]{64}\), 2 centres: ba-dinh, hoan-kiem/);
    const refused = await runMotcua(['province', 'restore', cliOut, '--store', target], { MOTCUA_BACKUP_KEY: 'một khoá khác hẳn' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('wrong backup key');
    const restored = await runMotcua(['province', 'restore', cliOut, '--store', target], { MOTCUA_BACKUP_KEY: KEY });
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/restored into .*: 2 centres\n {2}ba-dinh: hash chains ok, \d+ rows\n {2}hoan-kiem: hash chains ok, \d+ rows/);
  });
});
