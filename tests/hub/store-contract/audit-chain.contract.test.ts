import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_LOG_CHAIN, chainHash, GENESIS_HASH } from '../../../hub/audit/hash-chain';
import { warnIfPostgresMissing } from '../../support/postgres';
import { CLOCK, STORE_KINDS } from './stores';

/**
 * The audit chain's contract on both stores: entries recorded (in the caller's transaction or
 * their own) come back in order, each hash is SHA-256 over the previous hash and the row's
 * canonical JSON with its own id (recomputed here, independently of either store), a rolled-back
 * entry leaves no link, and the store's verifier walks the chain.
 */

warnIfPostgresMissing('audit-chain contract');

describe.each(STORE_KINDS)('audit chain contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('appends entries in order, hashed over the previous hash and the row with its id; a rolled-back one leaves no link', async () => {
      const s = await kind.fresh();
      const first = await s.audit.record({ actor: 'admin', action: 'device.pair', subject: 'kiosk-1', detail: { role: 'kiosk' } });
      const second = await s.transaction(() => s.audit.record({ actor: 'cli:vanhanh', action: 'backup.create', subject: 'hub-2026-12-03.sqlite' }, new Date('2026-12-03T02:30:00.000Z')));
      await expect(s.transaction(async () => {
        await s.audit.record({ actor: 'admin', action: 'device.revoke', subject: 'kiosk-1' });
        throw new Error('refused');
      })).rejects.toThrow('refused');
      const third = await s.audit.record({ actor: 'hub', action: 'privacy.purge', subject: 'dossiers', detail: { purged: 0, purgedHistory: [] } });
      const list = await s.audit.list();
      expect(list.map((r) => [r.actor, r.action, r.subject, r.at, r.detail])).toEqual([
        ['admin', 'device.pair', 'kiosk-1', CLOCK().toISOString(), { role: 'kiosk' }],
        ['cli:vanhanh', 'backup.create', 'hub-2026-12-03.sqlite', '2026-12-03T02:30:00.000Z', {}],
        ['hub', 'privacy.purge', 'dossiers', CLOCK().toISOString(), { purged: 0, purgedHistory: [] }],
      ]);
      expect(list.map((r) => ({ id: r.id, hash: r.hash }))).toEqual([first, second, third]);
      expect(first.id < second.id && second.id < third.id).toBe(true);
      // The hash, recomputed from what was stored: the same rule whatever the store.
      let prev = GENESIS_HASH;
      for (const r of list) {
        const hash = chainHash(prev, { id: r.id, at: r.at, actor: r.actor, action: r.action, subject: r.subject, detail_json: JSON.stringify(r.detail) }, AUDIT_LOG_CHAIN.columns);
        expect(r.hash).toBe(hash);
        prev = hash;
      }
      expect(await s.verifyChains()).toMatchObject({ ok: true, rows: 3 });
    });
  });
});
