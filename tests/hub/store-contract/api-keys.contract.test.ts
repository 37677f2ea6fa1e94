import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKey } from '../../../core/protocol/apikey-commands';
import type { ApiKeyRepository } from '../../../hub/apikeys/api-key-repository';
import { ApiKeys } from '../../../hub/apikeys/api-keys';
import type { AuditLog } from '../../../hub/audit/audit-log';
import { asyncOf, type Async } from '../../../hub/store/async-of';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS, type StoreUnderTest } from './stores';

/**
 * ApiKeyRepository's contract on both stores, through the service the hub runs over it (ApiKeys):
 * create, authenticate (last use to the minute), rotate with an overlap (a second rotation keeps
 * the secret in use), revoke; every change audited in its transaction; a key is its centre's.
 */

warnIfPostgresMissing('api-keys contract');

const T0 = new Date('2026-12-03T02:00:00.000Z');
const HOUR = 3_600_000;
const later = (ms: number) => new Date(T0.getTime() + ms);

function keysOf(s: StoreUnderTest): ApiKeys {
  // asyncOf wraps either side's methods (the SQLite ones answer synchronously, the PostgreSQL ones with a promise already).
  const face = <T extends object>(t: T) => asyncOf(t) as unknown;
  const store = { kind: s.kind, transaction: <T>(work: () => Promise<T>) => s.transaction(work), inFlight: <T>(pending: Promise<T>) => pending };
  return new ApiKeys(face(s.apiKeys) as Async<ApiKeyRepository>, store, face(s.audit) as Pick<Async<AuditLog>, 'record'>, [{ id: 'tu-phap', name: 'Phòng Tư pháp' }]);
}

describe.each(STORE_KINDS)('ApiKeyRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('creates a key (only its hash stored), authenticates it, records its last use to the minute, and audits the creation', async () => {
      const s = await kind.fresh();
      const keys = keysOf(s);
      expect(await keys.create({ name: 'Sở X', departmentId: 'khong-co', permissions: ['dossiers:read'] }, 'admin', T0)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      const made = await keys.create({ name: 'Phần mềm Sở Tư pháp', departmentId: 'tu-phap', permissions: ['dossiers:act', 'dossiers:read'] }, 'admin', T0);
      if (!made.ok) throw new Error(made.error.message);
      const id = parseApiKey(made.value.key)!.id;
      const row = await s.apiKeys.get(id);
      expect(row?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(parseApiKey(made.value.key)!.secret);
      expect(await keys.authenticate(made.value.key, later(1000))).toEqual({ ok: true, value: { id, name: 'Phần mềm Sở Tư pháp', departmentId: 'tu-phap', permissions: ['dossiers:act', 'dossiers:read'] } });
      await keys.authenticate(made.value.key, later(30_000));
      expect((await keys.record(id, later(30_000)))?.lastUsedAt).toBe(later(1000).toISOString());
      await keys.authenticate(made.value.key, later(61_000));
      expect((await keys.record(id, later(61_000)))?.lastUsedAt).toBe(later(61_000).toISOString());
      expect(await keys.authenticate(made.value.key.slice(0, -1) + (made.value.key.endsWith('A') ? 'B' : 'A'), T0)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
      expect((await s.audit.list()).map((a) => [a.action, a.subject])).toEqual([['apikey.create', `apikey:${id}`]]);
    });

    it('rotates with an overlap: both secrets work until it ends; a second rotation keeps the secret in use; revoke ends all, once', async () => {
      const s = await kind.fresh();
      const keys = keysOf(s);
      const made = await keys.create({ name: 'Hệ thống tỉnh', departmentId: null, permissions: ['dossiers:read'] }, 'admin', T0);
      if (!made.ok) throw new Error(made.error.message);
      const id = parseApiKey(made.value.key)!.id;
      const first = await keys.rotate(id, 24, 'admin', later(HOUR));
      if (!first.ok) throw new Error(first.error.message);
      expect(first.value.record).toMatchObject({ state: 'rotating', previousValidUntil: later(25 * HOUR).toISOString() });
      const second = await keys.rotate(id, 24, 'admin', later(2 * HOUR));
      if (!second.ok) throw new Error(second.error.message);
      // The secret nobody may have received (first) is gone; the one in use (made) still works.
      expect((await keys.authenticate(made.value.key, later(3 * HOUR))).ok).toBe(true);
      expect((await keys.authenticate(first.value.key, later(3 * HOUR))).ok).toBe(false);
      expect((await keys.authenticate(second.value.key, later(3 * HOUR))).ok).toBe(true);
      expect(await keys.authenticate(made.value.key, later(26 * HOUR))).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: expect.stringContaining('expired after rotation') } });
      const revoked = await keys.revoke(id, 'admin', later(27 * HOUR));
      expect(revoked).toMatchObject({ ok: true, value: { record: { state: 'revoked', revokedAt: later(27 * HOUR).toISOString() } } });
      expect(await keys.revoke(id, 'admin', later(28 * HOUR))).toMatchObject({ ok: true, value: { record: { revokedAt: later(27 * HOUR).toISOString() } } });
      expect(await keys.authenticate(second.value.key, later(27 * HOUR))).toMatchObject({ ok: false, error: { message: expect.stringContaining('revoked') } });
      expect(await keys.rotate(id, 24, 'admin', later(28 * HOUR))).toMatchObject({ ok: false, error: { kind: 'conflict' } });
      expect(await keys.rotate('zzzzzzzzzzzz', 24, 'admin', later(28 * HOUR))).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect((await s.audit.list()).map((a) => a.action)).toEqual(['apikey.create', 'apikey.rotate', 'apikey.rotate', 'apikey.revoke']);
      expect((await keys.list(later(28 * HOUR))).map((k) => [k.id, k.state])).toEqual([[id, 'revoked']]);
    });

    it('a change that fails after its write leaves no trace (the audit row and the key commit together)', async () => {
      const s = await kind.fresh();
      await expect(
        s.transaction(async () => {
          await s.apiKeys.insert({ id: 'abcdefghijkl', name: 'Tạm', departmentId: null, permissionsJson: '[]', secretHash: 'a'.repeat(64), createdAt: T0.toISOString(), createdBy: 'admin' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.apiKeys.get('abcdefghijkl')).toBeNull();
      expect(await s.apiKeys.all()).toEqual([]);
    });

    it('a key is known only to the store (centre) that made it', async () => {
      const a = await kind.fresh();
      const b = await kind.fresh();
      const made = await keysOf(a).create({ name: 'Sở A', departmentId: null, permissions: ['dossiers:read'] }, 'admin', T0);
      if (!made.ok) throw new Error(made.error.message);
      expect((await keysOf(a).authenticate(made.value.key, T0)).ok).toBe(true);
      expect(await keysOf(b).authenticate(made.value.key, T0)).toMatchObject({ ok: false, error: { message: expect.stringContaining('unknown API key') } });
      expect(await keysOf(b).list(T0)).toEqual([]);
    });
  });
});
