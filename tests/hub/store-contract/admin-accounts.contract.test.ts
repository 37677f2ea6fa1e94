import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAccountRepository } from '../../../hub/admin/admin-account-repository';
import { AdminAccounts } from '../../../hub/admin/admin-accounts';
import { AdminSessionRepository } from '../../../hub/admin/admin-session-repository';
import { AdminSessions } from '../../../hub/admin/admin-sessions';
import { SignInLockout } from '../../../hub/admin/sign-in-lockout';
import { SignInLockoutRepository } from '../../../hub/admin/sign-in-lockout-repository';
import { asyncOf, type Async } from '../../../hub/store/async-of';
import { PgAdminAccountRepository } from '../../../hub/store/pg/pg-admin-account-repository';
import { PgAdminSessionRepository } from '../../../hub/store/pg/pg-admin-session-repository';
import { PgSignInLockoutRepository } from '../../../hub/store/pg/pg-sign-in-lockout-repository';
import { SqliteStore } from '../../../hub/store/sqlite/sqlite-store';
import { warnIfPostgresMissing } from '../../support/postgres';
import { storeKinds, type Twin } from './stores';

/**
 * AdminAccountRepository's and AdminSessionRepository's contract on both stores, through the
 * AdminAccounts and AdminSessions that hold them: accounts added, refused, listed, verified,
 * reset (ending sessions), removed; sessions opened, resolved and pushed on, expiring idle or at
 * their maximum, signed out; on PostgreSQL per centre, the first administrator added at once over
 * several connections exactly once, and a session's end never moved back by a racing resolve.
 */

warnIfPostgresMissing('admin accounts contract');

interface AdminStore {
  readonly accountRepo: Async<AdminAccountRepository>;
  readonly sessionRepo: Async<AdminSessionRepository>;
  readonly accounts: AdminAccounts;
  readonly sessions: AdminSessions;
}

let now = new Date('2026-12-03T02:00:00Z');
const clock = () => now;
const POLICY = { idleMs: 30 * 60_000, maxMs: 2 * 60 * 60_000 };
const PASSWORD = 'mat-khau-dai-va-kho-doan-2026';
/** Each password hashed or checked is one scrypt (~70 ms on a quiet machine, seconds on a loaded one). */
const SCRYPT_TIMEOUT = 180_000;

function assemble(accountRepo: Async<AdminAccountRepository>, sessionRepo: Async<AdminSessionRepository>, lockout: SignInLockout): AdminStore {
  const accounts = new AdminAccounts(accountRepo, clock);
  return { accountRepo, sessionRepo, accounts, sessions: new AdminSessions(sessionRepo, accounts, lockout, clock, POLICY) };
}

const KINDS = storeKinds<AdminStore>(
  {
    sqlite(db) {
      const lockout = new SignInLockout(asyncOf(new SignInLockoutRepository(db)), new SqliteStore(db), clock);
      return assemble(asyncOf(new AdminAccountRepository(db)), asyncOf(new AdminSessionRepository(db)), lockout);
    },
    postgres({ store }, centre) {
      const lockout = new SignInLockout(new PgSignInLockoutRepository(store.sql, centre), store, clock);
      return assemble(new PgAdminAccountRepository(store.sql, centre), new PgAdminSessionRepository(store.sql, centre), lockout);
    },
  },
  8,
);

describe.each(KINDS)('admin accounts and sessions contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('adds, refuses a duplicate or a short password, lists, verifies, resets and removes accounts', async () => {
      now = new Date('2026-12-03T02:00:00Z');
      const { accounts, accountRepo } = await kind.fresh();
      expect(await accounts.any()).toBe(false);
      expect(await accounts.add('quan-tri', PASSWORD)).toEqual({ ok: true, value: { username: 'quan-tri', createdAt: now.toISOString(), passwordSetAt: now.toISOString() } });
      expect(await accounts.add('quan-tri', PASSWORD)).toMatchObject({ ok: false, error: { kind: 'conflict' } });
      expect(await accounts.add('ngan', 'ngan')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      now = new Date('2026-12-03T03:00:00Z');
      expect(await accounts.add('ke-toan', PASSWORD)).toMatchObject({ ok: true });
      expect(await accounts.any()).toBe(true);
      expect((await accounts.list()).map((a) => a.username)).toEqual(['ke-toan', 'quan-tri']);
      expect((await accountRepo.get('quan-tri'))?.passwordHash).toMatch(/^scrypt\$/);
      expect(await accounts.verify('quan-tri', PASSWORD)).toBe(true);
      expect(await accounts.verify('quan-tri', `${PASSWORD}x`)).toBe(false);
      expect(await accounts.verify('khong-co', PASSWORD)).toBe(false);
      expect(await accounts.resetPassword('quan-tri', 'mat-khau-moi-hoan-toan')).toMatchObject({ ok: true });
      expect(await accountRepo.get('quan-tri')).toMatchObject({ createdAt: '2026-12-03T02:00:00.000Z', passwordSetAt: '2026-12-03T03:00:00.000Z' });
      expect(await accounts.verify('quan-tri', 'mat-khau-moi-hoan-toan')).toBe(true);
      expect(await accounts.resetPassword('khong-co', 'mat-khau-moi-hoan-toan')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect(await accounts.remove('quan-tri')).toEqual({ ok: true, value: { username: 'quan-tri' } });
      expect(await accounts.remove('quan-tri')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect(await accounts.remove('ke-toan')).toMatchObject({ ok: true });
      expect(await accounts.any()).toBe(false);
    }, SCRYPT_TIMEOUT);

    it('opens a session bound to its device, pushes it on with use, ends it idle, at its maximum, at sign-out, reset or removal', async () => {
      now = new Date('2026-12-03T02:00:00Z');
      const { accounts, sessions, sessionRepo } = await kind.fresh();
      await accounts.add('quan-tri', PASSWORD);
      expect(await sessions.signIn('admin-1', 'quan-tri', 'sai-mat-khau-roi')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
      const opened = await sessions.signIn('admin-1', 'quan-tri', PASSWORD);
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.value).toMatchObject({ username: 'quan-tri', deviceId: 'admin-1', expiresAt: '2026-12-03T02:30:00.000Z' });
      const token = opened.value.token;
      expect(await sessions.signedInAt('admin-1')).toBe('quan-tri');
      expect(await sessions.signedInAt('admin-2')).toBeNull();
      expect(await sessions.resolve('admin-2', token)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
      // Used every 20 minutes: pushed on each time, until two hours after sign-in.
      for (const [at, until] of [
        ['02:20', '02:50'],
        ['02:40', '03:10'],
        ['03:00', '03:30'],
        ['03:20', '03:50'],
        ['03:40', '04:00'],
      ]) {
        now = new Date(`2026-12-03T${at}:00Z`);
        expect(await sessions.resolve('admin-1', token)).toEqual({ ok: true, value: { username: 'quan-tri', deviceId: 'admin-1', expiresAt: `2026-12-03T${until}:00.000Z` } });
      }
      now = new Date('2026-12-03T04:00:00Z');
      expect(await sessions.signedInAt('admin-1')).toBeNull();
      expect(await sessions.resolve('admin-1', token)).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: expect.stringContaining('hết hạn') } });
      expect(await sessionRepo.prune(now.toISOString())).toBe(0); // the expired one went at resolve

      // Idle 30 minutes: over. A later sign-in prunes what expired meanwhile.
      const idle = await sessions.signIn('admin-1', 'quan-tri', PASSWORD);
      now = new Date('2026-12-03T04:30:00Z');
      expect(await sessions.signedInAt('admin-1')).toBeNull();
      // Asked for an instant (the admin feed decides each change for when it happened): live just before its end.
      expect(await sessions.signedInAt('admin-1', new Date('2026-12-03T04:29:59.999Z'))).toBe('quan-tri');
      const other = await sessions.signIn('admin-2', 'quan-tri', PASSWORD);
      if (!idle.ok || !other.ok) throw new Error('sign-in');
      expect(await sessions.resolve('admin-1', idle.value.token)).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: expect.stringContaining('không hợp lệ') } });

      const changed: string[] = [];
      sessions.onChange(async (d) => void changed.push(d));
      await sessions.signOut(other.value.token);
      expect(changed).toEqual(['admin-2']);
      expect(await sessions.resolve('admin-2', other.value.token)).toMatchObject({ ok: false });

      const beforeReset = await sessions.signIn('admin-1', 'quan-tri', PASSWORD);
      if (!beforeReset.ok) throw new Error('sign-in');
      await accounts.resetPassword('quan-tri', 'mat-khau-moi-hoan-toan');
      expect(await sessions.resolve('admin-1', beforeReset.value.token)).toMatchObject({ ok: false });
      const beforeRemove = await sessions.signIn('admin-1', 'quan-tri', 'mat-khau-moi-hoan-toan');
      if (!beforeRemove.ok) throw new Error('sign-in');
      expect(await sessions.signedInAt('admin-1')).toBe('quan-tri');
      await accounts.remove('quan-tri');
      expect(await sessions.signedInAt('admin-1')).toBeNull();
      expect(await sessions.resolve('admin-1', beforeRemove.value.token)).toMatchObject({ ok: false });
    }, SCRYPT_TIMEOUT);

    it("extend() never moves a session's end back, and an expired session is not revived nor a live one deleted", async () => {
      now = new Date('2026-12-03T02:00:00Z');
      const { accounts, sessionRepo } = await kind.fresh();
      await accounts.add('quan-tri-gia-han', PASSWORD);
      const hash = 'a'.repeat(64);
      await sessionRepo.insert({ tokenHash: hash, username: 'quan-tri-gia-han', deviceId: 'admin-1', createdAt: '2026-12-03T02:00:00.000Z', expiresAt: '2026-12-03T02:30:00.000Z' });
      expect(await sessionRepo.extend(hash, '2026-12-03T02:50:00.000Z', '2026-12-03T02:20:00.000Z')).toBe(true);
      // A resolve that read the clock earlier lands later: the end stays.
      expect(await sessionRepo.extend(hash, '2026-12-03T02:40:00.000Z', '2026-12-03T02:10:00.000Z')).toBe(true);
      expect((await sessionRepo.get(hash))?.expiresAt).toBe('2026-12-03T02:50:00.000Z');
      expect(await sessionRepo.deleteIfExpired(hash, '2026-12-03T02:45:00.000Z')).toBe(false);
      expect(await sessionRepo.extend(hash, '2026-12-03T03:20:00.000Z', '2026-12-03T02:50:00.000Z')).toBe(false);
      expect((await sessionRepo.get(hash))?.expiresAt).toBe('2026-12-03T02:50:00.000Z');
      expect(await sessionRepo.deleteIfExpired(hash, '2026-12-03T02:50:00.000Z')).toBe(true);
      expect(await sessionRepo.get(hash)).toBeNull();
      expect(await sessionRepo.delete(hash)).toBe(false);
    }, SCRYPT_TIMEOUT);

    it.runIf(kind.kind === 'postgres')('keeps each centre to its own accounts and sessions; a name is taken province-wide', async () => {
      now = new Date('2026-12-03T02:00:00Z');
      const a = await kind.fresh('admin-a');
      const b = await kind.fresh('admin-b');
      await a.accounts.add('quan-tri-tinh', PASSWORD);
      expect(await b.accounts.any()).toBe(false);
      expect(await b.accounts.list()).toEqual([]);
      expect(await b.accounts.verify('quan-tri-tinh', PASSWORD)).toBe(false);
      expect(await b.accounts.add('quan-tri-tinh', PASSWORD)).toMatchObject({ ok: false, error: { kind: 'conflict' } });
      expect(await b.accounts.remove('quan-tri-tinh')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect(await b.accounts.resetPassword('quan-tri-tinh', 'mat-khau-moi-hoan-toan')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect(await b.sessions.signIn('admin-b1', 'quan-tri-tinh', PASSWORD)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
      const s = await a.sessions.signIn('admin-a1', 'quan-tri-tinh', PASSWORD);
      if (!s.ok) throw new Error(s.error.message);
      expect(await b.sessions.resolve('admin-a1', s.value.token)).toMatchObject({ ok: false });
      expect(await b.sessions.signedInAt('admin-a1')).toBeNull();
      await b.sessions.signOut(s.value.token);
      expect(await a.sessions.signedInAt('admin-a1')).toBe('quan-tri-tinh');
      expect(await a.accounts.verify('quan-tri-tinh', PASSWORD)).toBe(true);
    }, SCRYPT_TIMEOUT);

    it.runIf(kind.kind === 'postgres')('the first administrator added at once over eight connections exists once; the others are told conflict', async () => {
      now = new Date('2026-12-03T02:00:00Z');
      const s = await kind.fresh();
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => s.accounts.add('quan-tri-dau-tien', PASSWORD)));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok && o.error.kind === 'conflict')).toHaveLength(7);
      expect((await s.accounts.list()).map((a) => a.username)).toEqual(['quan-tri-dau-tien']);
    }, SCRYPT_TIMEOUT);

    it.runIf(kind.kind === 'postgres')('resolves racing over eight connections leave the latest end', async () => {
      now = new Date('2026-12-03T02:00:00Z');
      const s = await kind.fresh();
      await s.accounts.add('quan-tri-dua', PASSWORD);
      const hash = 'b'.repeat(64);
      await s.sessionRepo.insert({ tokenHash: hash, username: 'quan-tri-dua', deviceId: 'admin-1', createdAt: '2026-12-03T02:00:00.000Z', expiresAt: '2026-12-03T02:30:00.000Z' });
      const ends = Array.from({ length: 8 }, (_, i) => `2026-12-03T02:${String(31 + i).padStart(2, '0')}:00.000Z`).reverse();
      await Promise.all(ends.map((end) => s.sessionRepo.extend(hash, end, '2026-12-03T02:01:00.000Z')));
      expect((await s.sessionRepo.get(hash))?.expiresAt).toBe('2026-12-03T02:38:00.000Z');
    }, SCRYPT_TIMEOUT);
  });
});

// The compile-time half of the contract.
const twins = (
  _accounts: Twin<AdminAccountRepository> = null as unknown as PgAdminAccountRepository,
  _sessions: Twin<AdminSessionRepository> = null as unknown as PgAdminSessionRepository,
) => undefined;
void twins;
