import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialHash } from '../../../hub/devices/device-credentials';
import { warnIfPostgresMissing } from '../../support/postgres';
import { DEVICE_STORE_KINDS } from './device-stores';

/**
 * DeviceCredentials' contract on both stores: pairing, rotation (the old credential valid until
 * the first sign-in with the new one), revocation, the bearer look-up and the records.
 */

warnIfPostgresMissing('device-credentials contract');

const T0 = new Date('2026-12-03T01:00:00.000Z');
const T1 = new Date('2026-12-03T02:00:00.000Z');
const T2 = new Date('2026-12-03T03:00:00.000Z');

describe.each(DEVICE_STORE_KINDS)('DeviceCredentials contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('pairs a device: its credential is accepted, any other refused; a device without a row is the config’s', async () => {
      const store = await kind.fresh();
      const { credentials: c } = await store.at('tt-1');
      const [k1, k2] = [store.device('kiosk-1'), store.device('kiosk-2')];
      expect(await c.has(k1)).toBe(false);
      expect(await c.check(k1, 'anything')).toEqual({ kind: 'no-row' });
      const secret = await c.pair(k1, T0);
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await c.has(k1)).toBe(true);
      expect(await c.check(k1, secret)).toEqual({ kind: 'accepted', confirmedRotation: false });
      expect(await c.check(k1, secret + 'x')).toEqual({ kind: 'refused' });
      expect(await c.check(k2, secret)).toEqual({ kind: 'no-row' });
      expect(await c.deviceOf(secret)).toEqual({ deviceId: k1 });
      expect(await c.deviceOf('not-a-credential')).toBeNull();
      // A re-pair ends the old credential.
      const again = await c.pair(k1, T1);
      expect(again).not.toBe(secret);
      expect(await c.check(k1, secret)).toEqual({ kind: 'refused' });
      expect(await c.deviceOf(secret)).toBeNull();
      expect(await c.check(k1, again)).toEqual({ kind: 'accepted', confirmedRotation: false });
      expect((await c.records()).filter((r) => r.deviceId === k1)).toEqual([{ deviceId: k1, pairedAt: T1.toISOString(), lastSeenAt: null, revokedAt: null, rotationPending: false }]);
    });

    it('rotates: both credentials work until the new one signs in, which confirms it once; a second rotation keeps the confirmed one as previous', async () => {
      const store = await kind.fresh();
      const { credentials: c } = await store.at('tt-1');
      const k1 = store.device('kiosk-1');
      const old = await c.pair(k1, T0);
      const next = await c.rotate(k1, null, T1);
      expect((await c.records()).find((r) => r.deviceId === k1)?.rotationPending).toBe(true);
      expect(await c.check(k1, old)).toEqual({ kind: 'accepted', confirmedRotation: false });
      const third = await c.rotate(k1, null, T1);
      // The previous credential stays the one last confirmed: `next` was never confirmed, so it is gone.
      expect(await c.check(k1, next)).toEqual({ kind: 'refused' });
      expect(await c.check(k1, old)).toEqual({ kind: 'accepted', confirmedRotation: false });
      expect(await c.deviceOf(old)).toEqual({ deviceId: k1 });
      expect(await c.check(k1, third)).toEqual({ kind: 'accepted', confirmedRotation: true });
      expect(await c.check(k1, third)).toEqual({ kind: 'accepted', confirmedRotation: false });
      expect(await c.check(k1, old)).toEqual({ kind: 'refused' });
      expect((await c.records()).find((r) => r.deviceId === k1)).toEqual({ deviceId: k1, pairedAt: T0.toISOString(), lastSeenAt: null, revokedAt: null, rotationPending: false });
    });

    it('moves a device on the config token to a stored credential, the token valid until confirmed; the bearer look-up confirms too', async () => {
      const store = await kind.fresh();
      const { credentials: c } = await store.at('tt-1');
      const k1 = store.device('kiosk-1');
      const token = 'config-token-of-kiosk-1-long-enough';
      const secret = await c.rotate(k1, credentialHash(token), T0);
      expect(await c.check(k1, token)).toEqual({ kind: 'accepted', confirmedRotation: false });
      expect(await c.deviceOf(token)).toEqual({ deviceId: k1 });
      expect(await c.deviceOf(secret)).toEqual({ deviceId: k1 });
      // deviceOf() checked the new credential: the rotation is confirmed and the token no longer counts.
      expect(await c.check(k1, token)).toEqual({ kind: 'refused' });
      expect(await c.deviceOf(token)).toBeNull();
      expect((await c.records()).find((r) => r.deviceId === k1)).toEqual({ deviceId: k1, pairedAt: T0.toISOString(), lastSeenAt: null, revokedAt: null, rotationPending: false });
    });

    it('revokes: every credential refused, rotation does not revive it, a new pairing does; seen() records the last sign-in', async () => {
      const store = await kind.fresh();
      const { credentials: c } = await store.at('tt-1');
      const [k1, k2] = [store.device('kiosk-1'), store.device('kiosk-2')];
      const secret = await c.pair(k1, T0);
      await c.seen(k1, T1);
      const at = await c.revoke(k1, T2);
      expect(at).toBe(T2.toISOString());
      expect(await c.check(k1, secret)).toEqual({ kind: 'refused' });
      expect(await c.deviceOf(secret)).toBeNull();
      const rotated = await c.rotate(k1, null, T2);
      expect(await c.check(k1, rotated)).toEqual({ kind: 'refused' });
      expect((await c.records()).find((r) => r.deviceId === k1)).toEqual({ deviceId: k1, pairedAt: T0.toISOString(), lastSeenAt: T1.toISOString(), revokedAt: T2.toISOString(), rotationPending: false });
      // Revoking a device never paired leaves a row, so its config token stops counting too.
      await c.revoke(k2, T2);
      expect(await c.has(k2)).toBe(true);
      expect(await c.check(k2, 'config-token')).toEqual({ kind: 'refused' });
      const paired = await c.pair(k1, T2);
      expect(await c.check(k1, paired)).toEqual({ kind: 'accepted', confirmedRotation: false });
      expect((await c.records()).find((r) => r.deviceId === k1)).toEqual({ deviceId: k1, pairedAt: T2.toISOString(), lastSeenAt: T1.toISOString(), revokedAt: null, rotationPending: false });
    });

    it('finds a credential whichever centre presents it (device ids are province-wide)', async () => {
      const store = await kind.fresh();
      const a = await store.at('tt-1');
      const b = await store.at('tt-2');
      const k1 = store.device('kiosk-1');
      const secret = await a.credentials.pair(k1, T0);
      expect(await b.credentials.check(k1, secret)).toEqual({ kind: 'accepted', confirmedRotation: false });
      expect(await b.credentials.deviceOf(secret)).toEqual({ deviceId: k1 });
    });
  });
});
