import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../hub/audit/audit-log';
import { asyncOf } from '../../hub/store/async-of';
import { verifyAllChains } from '../../hub/audit/chain-verifier';
import { decryptBackup } from '../../hub/backup/backup-crypto';
import { BackupSchedule } from '../../hub/backup/backup-schedule';
import { restoreBackup } from '../../hub/backup/backup';
import { openDatabase } from '../../hub/db/open-database';
import { Hub } from '../../hub/hub';
import { demoConfig, tempDir } from '../support/centre';

const PASS = 'a passphrase for the tests';

describe('scheduled backups (hub.backup): encrypted, audited, the newest `keep` kept; restore refuses to overwrite', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('each tick writes one encrypted backup and records it; older ones beyond keep are removed', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    let now = new Date('2026-11-20T01:00:00Z');
    const db = openDatabase(path.join(tmp.dir, 'data', 'hub.sqlite'));
    const audit = new AuditLog(db, () => now);
    const errors: Error[] = [];
    const schedule = new BackupSchedule({ db, audit: asyncOf(audit), dir: path.join(tmp.dir, 'backups'), everyMinutes: 60, keep: 2, passphrase: PASS, clock: () => now, onError: (e) => errors.push(e) });
    for (let i = 0; i < 3; i++) {
      await schedule.runOnce();
      now = new Date(now.getTime() + 60 * 60_000);
    }
    await schedule.close();
    expect(errors).toEqual([]);
    const kept = readdirSync(path.join(tmp.dir, 'backups'));
    expect(kept).toEqual(['hub-20261120T020000Z.motcua-backup', 'hub-20261120T030000Z.motcua-backup']);
    expect(audit.list().map((r) => [r.actor, r.action, r.subject])).toEqual([
      ['hub', 'backup.create', 'hub-20261120T010000Z.motcua-backup'],
      ['hub', 'backup.create', 'hub-20261120T020000Z.motcua-backup'],
      ['hub', 'backup.create', 'hub-20261120T030000Z.motcua-backup'],
    ]);
    // The third backup holds the first two records (each is written after its own copy).
    const third = path.join(tmp.dir, 'backups', 'hub-20261120T030000Z.motcua-backup');
    expect(decryptBackup(readFileSync(third), PASS).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    const restored = restoreBackup(third, path.join(tmp.dir, 'restored'), PASS, { actor: 'cli:test', clock: () => now });
    expect(restored.chains).toEqual({ ok: true, rows: 3 });
    const copy = new BetterSqlite3(restored.dbFile, { readonly: true });
    expect((copy.prepare(`SELECT action, actor FROM audit_log ORDER BY id`).all() as { action: string; actor: string }[]).map((r) => `${r.actor} ${r.action}`)).toEqual([
      'hub backup.create',
      'hub backup.create',
      'cli:test backup.restore',
    ]);
    expect(verifyAllChains(copy)).toEqual({ ok: true, rows: 3 });
    copy.close();
    // Never over an existing database, and a wrong key writes nothing.
    expect(() => restoreBackup(third, path.join(tmp.dir, 'restored'), PASS, { actor: 'x', clock: () => now })).toThrow(/already exists/);
    expect(() => restoreBackup(third, path.join(tmp.dir, 'other'), 'wrong passphrase!', { actor: 'x', clock: () => now })).toThrow(/wrong backup key/);
    expect(readdirSync(tmp.dir).sort()).toEqual(['backups', 'data', 'restored']);
    db.close();
  });

  it('a second start() throws; close() stops the timer', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const db = openDatabase(path.join(tmp.dir, 'hub.sqlite'));
    const schedule = new BackupSchedule({ db, audit: asyncOf(new AuditLog(db, () => new Date())), dir: tmp.dir, everyMinutes: 5, keep: 1, passphrase: PASS, clock: () => new Date() });
    schedule.start();
    expect(() => schedule.start()).toThrow(/twice/);
    await schedule.close();
    db.close();
  });

  it('a hub configured for scheduled backups without a key refuses to start, before it opens anything', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const config = demoConfig();
    const withBackup = { ...config, hub: { ...config.hub, backup: { dir: path.join(tmp.dir, 'backups'), everyMinutes: 60, keep: 2 } } };
    const saved = process.env.MOTCUA_BACKUP_KEY;
    delete process.env.MOTCUA_BACKUP_KEY;
    try {
      const hub = new Hub({ config: withBackup, dbFile: path.join(tmp.dir, 'data', 'hub.sqlite'), host: '127.0.0.1', port: 0 });
      await expect(hub.start()).rejects.toThrow(/no backup key: set MOTCUA_BACKUP_KEY/);
      expect(readdirSync(tmp.dir)).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.MOTCUA_BACKUP_KEY = saved;
    }
  });
});
