import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../hub/audit/audit-log';
import { configSectionDigests, recordConfigChange } from '../../../hub/audit/config-change';
import { ConfigDigestRepository } from '../../../hub/audit/config-digest-repository';
import { openDatabase } from '../../../hub/db/open-database';
import { asyncOf, type Async } from '../../../hub/store/async-of';
import { PgAuditLog } from '../../../hub/store/pg/pg-audit-log';
import { PgConfigDigestRepository } from '../../../hub/store/pg/pg-config-digest-repository';
import { SqliteStore } from '../../../hub/store/sqlite/sqlite-store';
import type { Store } from '../../../hub/store/store';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { startPgFixture, type PgFixture, type Twin } from './stores';

/**
 * ConfigDigestRepository's contract on both stores, through recordConfigChange(): the first start
 * records the digests, an unchanged config nothing, a changed one the changed sections; on
 * PostgreSQL one set of digests per centre, and two starts at once audit a change once (the record
 * in the store's own audit log: the SQLite file's, the centre's PgAuditLog).
 */

warnIfPostgresMissing('config-digests contract');

interface DigestStore {
  readonly store: Store;
  readonly digests: Async<ConfigDigestRepository>;
  readonly audit: Async<AuditLog>;
}

const sqliteDbs: Database[] = [];
let fixture: PgFixture | undefined;
const centres = new Set<string>();
let fresh = 0;

const KINDS = [
  [
    'sqlite',
    {
      kind: 'sqlite' as const,
      missing: null as string | null,
      setup: async () => {},
      fresh: async (_centre?: string): Promise<DigestStore> => {
        const db = openDatabase(':memory:');
        sqliteDbs.push(db);
        return { store: new SqliteStore(db), digests: asyncOf(new ConfigDigestRepository(db)), audit: asyncOf(new AuditLog(db, () => AT)) };
      },
      teardown: async () => {
        for (const db of sqliteDbs.splice(0)) db.close();
      },
    },
  ],
  [
    'postgres',
    {
      kind: 'postgres' as const,
      missing: POSTGRES_MISSING,
      setup: async () => {
        fixture = await startPgFixture(4);
      },
      fresh: async (centre = `centre-${++fresh}`): Promise<DigestStore> => {
        if (!centres.has(centre)) {
          await fixture!.addCentre(centre);
          centres.add(centre);
        }
        return { store: fixture!.store, digests: new PgConfigDigestRepository(fixture!.store.sql, centre), audit: new PgAuditLog(fixture!.store, centre, () => AT) };
      },
      teardown: async () => {
        await fixture?.close();
      },
    },
  ],
] as const;

const CONFIG = { centre: { name: 'Trung tâm Phục vụ hành chính công' }, services: [{ id: 'ho-tich', name: 'Hộ tịch' }], queue: { offlineNumberBlock: 20 } };
const AT = new Date('2026-12-03T01:00:00.000Z');

describe.each(KINDS)('ConfigDigestRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(async () => {
      await kind.setup();
    }, 60_000);
    afterAll(async () => {
      await kind.teardown();
    });

    it('records the first config silently, nothing for the same one, the changed and removed sections after', async () => {
      const s = await kind.fresh();
      expect(await s.digests.all()).toEqual({});
      expect(await recordConfigChange(s.digests, s.store, s.audit, CONFIG, AT)).toBeNull();
      expect(await s.digests.all()).toEqual(configSectionDigests(CONFIG));
      // Another key order is the same config.
      expect(await recordConfigChange(s.digests, s.store, s.audit, { queue: CONFIG.queue, services: CONFIG.services, centre: CONFIG.centre }, AT)).toBeNull();
      const changed = { ...CONFIG, queue: { offlineNumberBlock: 0 }, services: undefined };
      expect(await recordConfigChange(s.digests, s.store, s.audit, changed, AT)).toEqual({ changed: ['queue', 'services'] });
      expect(await s.digests.all()).toEqual(configSectionDigests(changed));
      expect(Object.keys(await s.digests.all()).sort()).toEqual(['centre', 'queue']);
      await s.store.transaction(async () => s.digests.replace({}, AT.toISOString()));
      expect(await s.digests.all()).toEqual({});
      expect((await s.audit.list()).map((e) => [e.action, e.subject, e.detail.changed])).toEqual([['config.change', 'centre-config', ['queue', 'services']]]);
    });

    it.runIf(kind.kind === 'postgres')('keeps one set of digests per centre; two starts of one centre at once see one change', async () => {
      const a = await kind.fresh('digests-a');
      const b = await kind.fresh('digests-b');
      await recordConfigChange(a.digests, a.store, a.audit, CONFIG, AT);
      expect(await b.digests.all()).toEqual({});
      await recordConfigChange(b.digests, b.store, b.audit, { ...CONFIG, queue: { offlineNumberBlock: 5 } }, AT);
      expect(await a.digests.all()).toEqual(configSectionDigests(CONFIG));
      const next = { ...CONFIG, centre: { name: 'Trung tâm mới' } };
      const [first, second] = await Promise.all([recordConfigChange(a.digests, a.store, a.audit, next, AT), recordConfigChange(a.digests, a.store, a.audit, next, AT)]);
      expect([first, second].filter((r) => r !== null)).toEqual([{ changed: ['centre'] }]);
      expect(await a.digests.all()).toEqual(configSectionDigests(next));
      expect((await a.audit.list()).map((e) => [e.action, e.detail.changed])).toEqual([['config.change', ['centre']]]);
    });
  });
});

// The compile-time half of the contract.
const twin = (_digests: Twin<ConfigDigestRepository> = null as unknown as PgConfigDigestRepository) => undefined;
void twin;
