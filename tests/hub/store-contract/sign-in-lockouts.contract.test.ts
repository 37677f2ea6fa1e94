import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockSubject, SignInLockout } from '../../../hub/admin/sign-in-lockout';
import { SignInLockoutRepository } from '../../../hub/admin/sign-in-lockout-repository';
import { asyncOf, type Async } from '../../../hub/store/async-of';
import { PgSignInLockoutRepository } from '../../../hub/store/pg/pg-sign-in-lockout-repository';
import { SqliteStore } from '../../../hub/store/sqlite/sqlite-store';
import type { Store } from '../../../hub/store/store';
import { warnIfPostgresMissing } from '../../support/postgres';
import { storeKinds, type Twin } from './stores';

/**
 * SignInLockoutRepository's contract on both stores, through the SignInLockout that holds it:
 * the count, the lock and its end, a success clearing it; on PostgreSQL per centre, and wrong
 * attempts at once from several connections each counted.
 */

warnIfPostgresMissing('sign-in-lockouts contract');

interface LockoutStore {
  readonly store: Store;
  readonly repo: Async<SignInLockoutRepository>;
}

const KINDS = storeKinds<LockoutStore>(
  {
    sqlite: (db) => ({ store: new SqliteStore(db), repo: asyncOf(new SignInLockoutRepository(db)) }),
    postgres: (f, centre) => ({ store: f.store, repo: new PgSignInLockoutRepository(f.store.sql, centre) }),
  },
  6,
);

let now = new Date('2026-12-03T02:00:00Z');
const clock = () => now;
const lockoutOf = (s: LockoutStore) => new SignInLockout(s.repo, s.store, clock);

describe.each(KINDS)('SignInLockoutRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('counts wrong attempts, locks at the fifth until 15 minutes later, starts afresh after; a success clears the count', async () => {
      now = new Date('2026-12-03T02:00:00Z');
      const s = await kind.fresh();
      const lockout = lockoutOf(s);
      const subject = lockSubject('clerk', 'le-thu-ha');
      expect(await s.repo.get(subject)).toBeNull();
      for (let i = 1; i <= 4; i++) expect(await lockout.fail(subject, 'device:counter-1')).toMatchObject({ failures: i, locked: false });
      expect(await s.repo.get(subject)).toEqual({ failures: 4, lockedUntil: null });
      expect(await lockout.fail(subject, 'device:counter-1')).toMatchObject({ failures: 5, locked: true, untilText: '09:15' });
      expect(await s.repo.get(subject)).toEqual({ failures: 0, lockedUntil: '2026-12-03T02:15:00.000Z' });
      expect(await lockout.state(subject)).toMatchObject({ locked: true, minutesLeft: 15 });
      now = new Date('2026-12-03T02:15:00Z');
      expect(await lockout.state(subject)).toEqual({ locked: false, failures: 0 });
      expect(await lockout.fail(subject, 'device:counter-1')).toMatchObject({ failures: 1, locked: false });
      // A failure inside a transaction that rolls back is not counted.
      await expect(
        s.store.transaction(async () => {
          await lockout.fail(subject, 'device:counter-1');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await lockout.state(subject)).toEqual({ locked: false, failures: 1 });
      await lockout.succeed(subject);
      expect(await s.repo.get(subject)).toBeNull();
      await s.repo.clear(subject);
      expect(await lockout.state(lockSubject('admin', 'le-thu-ha'))).toEqual({ locked: false, failures: 0 });
    });

    it.runIf(kind.kind === 'postgres')('keeps one count per centre for the same subject', async () => {
      now = new Date('2026-12-03T02:00:00Z');
      const a = await kind.fresh('lockout-a');
      const b = await kind.fresh('lockout-b');
      const subject = lockSubject('admin', 'lan');
      for (let i = 0; i < 5; i++) await lockoutOf(a).fail(subject, 'device:admin-1');
      expect(await lockoutOf(a).state(subject)).toMatchObject({ locked: true });
      expect(await lockoutOf(b).state(subject)).toEqual({ locked: false, failures: 0 });
      await lockoutOf(b).fail(subject, 'device:admin-2');
      await lockoutOf(b).succeed(subject);
      expect(await lockoutOf(a).state(subject)).toMatchObject({ locked: true });
    });

    it.runIf(kind.kind === 'postgres')('counts every one of five wrong attempts made at once over five connections', async () => {
      now = new Date('2026-12-03T02:00:00Z');
      const s = await kind.fresh();
      const subject = lockSubject('officer', 'bui-thi-thu');
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => lockoutOf(s).fail(subject, 'device:backoffice-1')));
      expect(outcomes.map((o) => o.failures).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(outcomes.filter((o) => o.locked)).toHaveLength(1);
      expect(await lockoutOf(s).state(subject)).toMatchObject({ locked: true });
    });
  });
});

// The compile-time half of the contract.
const twin = (_lockouts: Twin<SignInLockoutRepository> = null as unknown as PgSignInLockoutRepository) => undefined;
void twin;
