import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warnIfPostgresMissing } from '../../support/postgres';
import { DEVICE_STORE_KINDS } from './device-stores';

/** OfficerSessionRepository's contract on both stores: one officer per back-office device; an officer's other devices found wherever they are. */

warnIfPostgresMissing('officer-sessions contract');

describe.each(DEVICE_STORE_KINDS)('OfficerSessionRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('keeps one officer per device: put replaces, remove signs out once', async () => {
      const store = await kind.fresh();
      const s = await store.at('tt-1');
      const [bo1, bo2] = [store.device('bo-1'), store.device('bo-2')];
      expect(await s.officerSessions.officerAt(bo1)).toBeNull();
      await s.officerSessions.put(bo1, 'cb-tu-phap-1', '2026-12-03T01:00:00.000Z');
      expect(await s.officerSessions.officerAt(bo1)).toBe('cb-tu-phap-1');
      expect(await s.officerSessions.officerAt(bo2)).toBeNull();
      await s.officerSessions.put(bo1, 'cb-tu-phap-2', '2026-12-03T01:05:00.000Z');
      expect(await s.officerSessions.officerAt(bo1)).toBe('cb-tu-phap-2');
      expect(await s.officerSessions.remove(bo1)).toBe(true);
      expect(await s.officerSessions.remove(bo1)).toBe(false);
      expect(await s.officerSessions.officerAt(bo1)).toBeNull();
    });

    it("lists an officer's other devices, not the one asked from nor other officers' — at any centre of the store", async () => {
      const store = await kind.fresh();
      const a = await store.at('tt-1');
      const b = await store.at('tt-2');
      const [bo1, bo2, bo3, bo4] = ['bo-1', 'bo-2', 'bo-3', 'bo-4'].map((d) => store.device(d));
      await a.officerSessions.put(bo1!, 'cb-1', '2026-12-03T01:00:00.000Z');
      await a.officerSessions.put(bo2!, 'cb-1', '2026-12-03T01:01:00.000Z');
      await b.officerSessions.put(bo3!, 'cb-1', '2026-12-03T01:02:00.000Z');
      await b.officerSessions.put(bo4!, 'cb-2', '2026-12-03T01:03:00.000Z');
      expect((await a.officerSessions.devicesOf('cb-1', bo1!)).sort()).toEqual([bo2, bo3]);
      expect((await b.officerSessions.devicesOf('cb-1', bo3!)).sort()).toEqual([bo1, bo2]);
      expect(await a.officerSessions.devicesOf('cb-2', bo4!)).toEqual([]);
      expect(await a.officerSessions.devicesOf('cb-3', bo1!)).toEqual([]);
      // A device is one key wherever asked from: the other centre sees who is signed in there and can sign them out.
      expect(await a.officerSessions.officerAt(bo4!)).toBe('cb-2');
      expect(await a.officerSessions.remove(bo4!)).toBe(true);
      expect(await b.officerSessions.officerAt(bo4!)).toBeNull();
    });
  });
});
