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

  it('streams in chunks: a dump of many records restores whole; a damaged record is refused before pg_restore runs; a source failing midway stops pg_restore with nothing kept; a version 1 backup still restores', { timeout: 120_000 }, async () => {
    const before = await counts(pool);
    const emptyTables = async (p: ReturnType<typeof createPgPool>) => (await p.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0]!.n;
    const withTarget = async (name: string, run: (target: string, p: ReturnType<typeof createPgPool>) => Promise<void>) => {
      const target = await dbs.server.createDatabase(name);
      const p = createPgPool(target, { max: 2 });
      try {
        await run(target, p);
      } finally {
        await p.end();
      }
    };
    // 4 KiB chunks (the default is 1 MiB): the two centres' dump spans many records.
    const out = path.join(tmp.dir, 'backups', 'chunks.motcua-backup');
    const taken = await takePgBackup(pool, pgClientTools(url), out, KEY, { actor: 'cli:test', clock: () => new Date(), kdf: KDF, chunkLog2: 12 });
    const records = Math.ceil((taken.bytes - 52) / (4096 + 16));
    expect(records).toBeGreaterThan(5);
    await withTarget('chunks', async (target, p) => {
      await restorePgBackup(p, target, pgClientTools(target), out, KEY);
      expect(await counts(p)).toEqual(before);
    });

    // One byte of the third record changed: found by the read-through, before pg_restore starts.
    const damaged = Buffer.from(readFileSync(out));
    damaged[52 + 2 * (4096 + 16) + 100]! ^= 0x01;
    const damagedFile = path.join(tmp.dir, 'backups', 'damaged.motcua-backup');
    writeFileSync(damagedFile, damaged);
    await withTarget('damaged', async (target, p) => {
      await expect(restorePgBackup(p, target, pgClientTools(target), damagedFile, KEY)).rejects.toMatchObject({ kind: 'tampered', message: expect.stringContaining('record 3') });
      expect(await emptyTables(p)).toBe(0);
    });

    // The file changed between the read-through and the restore (or a disk failing under it): the
    // source throws halfway, pg_restore is stopped, and its single transaction keeps nothing.
    // (The chunked backup above added its backup.create records: the dump now holds them too.)
    const now = await counts(pool);
    const plain: Buffer[] = [];
    for await (const b of pgClientTools(url).dump()) plain.push(b);
    const dump = Buffer.concat(plain);
    await withTarget('halfway', async (target, p) => {
      const failing = async function* () {
        yield dump.subarray(0, Math.floor(dump.length * 0.8));
        throw new BackupError('tampered', 'the backup file was changed or is damaged at record 9');
      };
      await expect(pgClientTools(target).restore(failing())).rejects.toMatchObject({ kind: 'tampered', message: expect.stringContaining('record 9') });
      expect(await emptyTables(p)).toBe(0);
    });

    // A province backup taken before the chunked format (version 1: the whole dump sealed at once).
    const v1 = path.join(tmp.dir, 'backups', 'v1.motcua-backup');
    writeFileSync(v1, encryptBackup(dump, KEY, KDF));
    await withTarget('version1', async (target, p) => {
      const restored = await restorePgBackup(p, target, pgClientTools(target), v1, KEY);
      expect(restored.centres.every((c) => c.chains.ok)).toBe(true);
      expect(await counts(p)).toEqual(now);
    });
  });
});
