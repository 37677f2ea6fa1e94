import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAIRING_REFUSALS } from '../../../hub/devices/pairing-codes';
import { warnIfPostgresMissing } from '../../support/postgres';
import { DEVICE_STORE_KINDS } from './device-stores';

/** PairingCodes' contract on both stores: 8 digits, 10 minutes, single use, one live code per device. */

warnIfPostgresMissing('pairing-codes contract');

const T0 = new Date('2026-12-03T01:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const refusal = (message: string) => ({ ok: false, error: { kind: 'unauthorized', message } });

describe.each(DEVICE_STORE_KINDS)('PairingCodes contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('redeems a code once, for its device; a wrong code is refused', async () => {
      const store = await kind.fresh();
      const { pairingCodes: p } = await store.at('tt-1');
      const k1 = store.device('kiosk-1');
      const { code, expiresAt } = await p.create(k1, 'admin:lan', T0);
      expect(code).toMatch(/^\d{8}$/);
      expect(expiresAt).toBe(minutes(10).toISOString());
      const wrong = code === '00000000' ? '00000001' : '00000000';
      expect(await p.redeem(wrong, minutes(1))).toMatchObject(refusal(PAIRING_REFUSALS.wrong));
      expect(await p.redeem(code, minutes(1))).toEqual({ ok: true, value: { deviceId: k1 } });
      expect(await p.redeem(code, minutes(2))).toMatchObject(refusal(PAIRING_REFUSALS.used));
    });

    it('expires after 10 minutes; a new code for the device voids the earlier one', async () => {
      const store = await kind.fresh();
      const { pairingCodes: p } = await store.at('tt-1');
      const [k1, k2] = [store.device('kiosk-1'), store.device('kiosk-2')];
      const old = await p.create(k1, 'admin:lan', T0);
      expect(await p.redeem(old.code, minutes(10))).toMatchObject(refusal(PAIRING_REFUSALS.expired));
      const first = await p.create(k2, 'admin:lan', minutes(11));
      const other = await p.create(k1, 'admin:lan', minutes(11));
      const second = await p.create(k2, 'admin:lan', minutes(12));
      if (first.code !== second.code) expect(await p.redeem(first.code, minutes(13))).toMatchObject(refusal(PAIRING_REFUSALS.expired));
      expect(await p.redeem(second.code, minutes(13))).toEqual({ ok: true, value: { deviceId: k2 } });
      expect(await p.redeem(other.code, minutes(13))).toEqual({ ok: true, value: { deviceId: k1 } });
    });

    it.runIf(kind.kind === 'postgres')('pairs one terminal only when two processes redeem one code at once', async () => {
      const store = await kind.fresh();
      const { pairingCodes: p } = await store.at('tt-1');
      const k1 = store.device('kiosk-1');
      const { code } = await p.create(k1, 'admin:lan', T0);
      const answers = await Promise.all(Array.from({ length: 4 }, () => p.redeem(code, minutes(1))));
      expect(answers.filter((a) => a.ok)).toEqual([{ ok: true, value: { deviceId: k1 } }]);
      expect(answers.filter((a) => !a.ok)).toEqual(Array.from({ length: 3 }, () => refusal(PAIRING_REFUSALS.used)));
    });
  });
});
