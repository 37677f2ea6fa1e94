import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warnIfPostgresMissing } from '../../support/postgres';
import { DEVICE_STORE_KINDS } from './device-stores';

/** DeviceHealthRepository's contract on both stores: the last report per terminal, read back as given. */

warnIfPostgresMissing('device-health contract');

const byDevice = <T extends { deviceId: string }>(rows: T[]): T[] => [...rows].sort((x, y) => x.deviceId.localeCompare(y.deviceId));

describe.each(DEVICE_STORE_KINDS)('DeviceHealthRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('keeps the last report of each terminal', async () => {
      const store = await kind.fresh();
      const s = await store.at('tt-1');
      const [k1, k2] = [store.device('kiosk-1'), store.device('kiosk-2')];
      expect(await s.deviceHealth.all()).toEqual([]);
      const first = { deviceId: k1, printerId: 'xp-58', health: 'ok' as const, detail: '', reportedAt: '2026-12-03T01:00:00.000Z' };
      await s.deviceHealth.put(first);
      await s.deviceHealth.put({ deviceId: k2, printerId: 'xp-80', health: 'paper-near-end', detail: 'Giấy sắp hết', reportedAt: '2026-12-03T01:01:00.000Z' });
      const later = { ...first, health: 'paper-out' as const, detail: 'Hết giấy in', reportedAt: '2026-12-03T02:00:00.000Z' };
      await s.deviceHealth.put(later);
      expect(byDevice(await s.deviceHealth.all())).toEqual(byDevice([later, { deviceId: k2, printerId: 'xp-80', health: 'paper-near-end', detail: 'Giấy sắp hết', reportedAt: '2026-12-03T01:01:00.000Z' }]));
    });

    it.runIf(kind.kind === 'postgres')("lists only the centre's terminals; a terminal moved to another centre is listed there after its first report", async () => {
      const store = await kind.fresh();
      const a = await store.at('tt-1');
      const b = await store.at('tt-2');
      const [k1, k2] = [store.device('kiosk-1'), store.device('kiosk-2')];
      const report = { deviceId: k1, printerId: 'xp-58', health: 'ok' as const, detail: '', reportedAt: '2026-12-03T01:00:00.000Z' };
      await a.deviceHealth.put(report);
      await b.deviceHealth.put({ ...report, deviceId: k2 });
      expect(await a.deviceHealth.all()).toEqual([report]);
      expect(await b.deviceHealth.all()).toEqual([{ ...report, deviceId: k2 }]);
      await b.deviceHealth.put({ ...report, reportedAt: '2026-12-03T03:00:00.000Z' });
      expect(await a.deviceHealth.all()).toEqual([]);
      expect(byDevice(await b.deviceHealth.all())).toEqual(byDevice([{ ...report, reportedAt: '2026-12-03T03:00:00.000Z' }, { ...report, deviceId: k2 }]));
    });
  });
});
