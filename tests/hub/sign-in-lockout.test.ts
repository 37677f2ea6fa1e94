import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterFailure, DEFAULT_LOCKOUT, lockEndText, lockoutPolicyOf, minutesLeft } from '../../core/sign-in/lockout-policy';
import { AuditLog } from '../../hub/audit/audit-log';
import { verifyAllChains } from '../../hub/audit/chain-verifier';
import type { Database } from 'better-sqlite3';
import { lockSubject, SignInLockout, type SignInLockoutOptions } from '../../hub/admin/sign-in-lockout';
import { SignInLockoutRepository } from '../../hub/admin/sign-in-lockout-repository';
import { asyncOf } from '../../hub/store/async-of';
import { SqliteStore } from '../../hub/store/sqlite/sqlite-store';
import { openDatabase } from '../../hub/db/open-database';
import { tempDir } from '../support/centre';

describe('the lockout rule (core/sign-in/lockout-policy.ts)', () => {
  it('5 wrong in a row lock for 15 minutes by default; a config sets its own', () => {
    const at = new Date('2026-12-03T02:00:00Z');
    expect(DEFAULT_LOCKOUT).toEqual({ maxFailures: 5, lockMs: 15 * 60_000 });
    expect(afterFailure(3, DEFAULT_LOCKOUT, at)).toEqual({ failures: 4, lockedUntil: null });
    expect(afterFailure(4, DEFAULT_LOCKOUT, at)).toEqual({ failures: 5, lockedUntil: new Date('2026-12-03T02:15:00Z') });
    expect(lockoutPolicyOf(undefined)).toBe(DEFAULT_LOCKOUT);
    expect(lockoutPolicyOf({ maxFailures: 3, lockMinutes: 2 })).toEqual({ maxFailures: 3, lockMs: 120_000 });
  });

  it("says the lock's end in the centre's time, and the minutes left rounded up", () => {
    const until = new Date('2026-12-03T02:15:00Z');
    expect(lockEndText(until, 'Asia/Ho_Chi_Minh')).toBe('09:15');
    expect(lockEndText(new Date('2026-12-03T17:05:00Z'), 'Asia/Ho_Chi_Minh')).toBe('00:05');
    expect(minutesLeft(until, new Date('2026-12-03T02:14:50Z'))).toBe(1);
    expect(minutesLeft(until, new Date('2026-12-03T02:00:00Z'))).toBe(15);
  });
});

describe('SignInLockout over a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let now = new Date('2026-12-03T02:00:00Z');
  const clock = () => now;
  beforeEach(() => {
    tmp = tempDir();
    now = new Date('2026-12-03T02:00:00Z');
  });
  afterEach(() => tmp.remove());
  const open = () => openDatabase(path.join(tmp.dir, 'hub.sqlite'));
  const lockoutOver = (db: Database, store: SqliteStore = new SqliteStore(db), options: SignInLockoutOptions = {}) =>
    new SignInLockout(asyncOf(new SignInLockoutRepository(db)), store, clock, options);

  it('next() only looks; fail() writes the row and its audit record in one go, inside a caller\'s transaction or its own', async () => {
    const db = open();
    try {
      const audit = new AuditLog(db, clock);
      const store = new SqliteStore(db);
      const lockout = lockoutOver(db, store, { audit: asyncOf(audit) });
      const subject = lockSubject('clerk', 'le-thu-ha');
      expect(await lockout.next(subject)).toEqual({ failures: 1, locked: false, until: null, untilText: null });
      expect(await lockout.state(subject)).toEqual({ locked: false, failures: 0 });
      expect(await lockout.fail(subject, 'device:counter-1')).toMatchObject({ failures: 1, locked: false });
      // A caller's transaction that rolls back takes the failure and its record with it.
      await expect(
        store.transaction(async () => {
          await lockout.fail(subject, 'device:counter-1');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await lockout.state(subject)).toEqual({ locked: false, failures: 1 });
      expect(audit.list()).toHaveLength(1);
      for (let i = 2; i <= 5; i++) await lockout.fail(subject, 'device:counter-1');
      expect(await lockout.state(subject)).toMatchObject({ locked: true, minutesLeft: 15, untilText: '09:15' });
      expect(audit.list().map((r) => r.action)).toEqual(['sign-in.fail', 'sign-in.fail', 'sign-in.fail', 'sign-in.fail', 'sign-in.lock']);
      expect(verifyAllChains(db)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });

  it('a lock outlives the connection; once expired the count starts afresh; a success clears it', async () => {
    const subject = lockSubject('officer', 'bui-thi-thu');
    let db = open();
    for (let i = 0; i < 5; i++) await lockoutOver(db).fail(subject, 'device:backoffice-tckh');
    db.close();
    db = open();
    try {
      const lockout = lockoutOver(db);
      expect(await lockout.state(subject)).toMatchObject({ locked: true });
      now = new Date(now.getTime() + 15 * 60_000);
      expect(await lockout.state(subject)).toEqual({ locked: false, failures: 0 });
      expect(await lockout.fail(subject, 'device:backoffice-tckh')).toMatchObject({ failures: 1, locked: false });
      await lockout.succeed(subject);
      expect(await lockout.state(subject)).toEqual({ locked: false, failures: 0 });
      // The subjects of different paths never share a count.
      expect(lockSubject('admin', 'bui-thi-thu')).not.toBe(subject);
    } finally {
      db.close();
    }
  });
});
