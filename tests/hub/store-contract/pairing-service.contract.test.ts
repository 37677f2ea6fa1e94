import { afterAll, describe, expect, it } from 'vitest';
import type { EnrolledDeviceDefinition } from '../../../core/centre';
import { AuditLog } from '../../../hub/audit/audit-log';
import { openDatabase } from '../../../hub/db/open-database';
import { DeviceRegistry } from '../../../hub/device-registry';
import { PairingService } from '../../../hub/devices/pairing-service';
import { PAIRING_REFUSALS } from '../../../hub/devices/pairing-codes';
import { asyncOf } from '../../../hub/store/async-of';
import { sqliteRepositories } from '../../../hub/store/hub-repositories';
import { PgAuditLog } from '../../../hub/store/pg/pg-audit-log';
import { PgDeviceCredentials } from '../../../hub/store/pg/pg-device-credentials';
import { PgPairingCodes } from '../../../hub/store/pg/pg-pairing-codes';
import { SqliteStore } from '../../../hub/store/sqlite/sqlite-store';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { CLOCK, startPgFixture, type PgFixture } from './stores';

/**
 * The hub's own callers of the device repositories — PairingService (codes, pairing, revocation,
 * rotation, each audited in its transaction) and DeviceRegistry (the Socket.IO handshake's and
 * the HTTP bearer's check) — over their async faces, on both stores: the same steps with the
 * SQLite repositories and with the PostgreSQL twins plugged in.
 */

warnIfPostgresMissing('pairing-service contract');

interface Wiring {
  readonly pairing: PairingService;
  readonly registry: DeviceRegistry;
  auditActions(): Promise<string[]>;
}

type Setup = (devices: readonly EnrolledDeviceDefinition[]) => Promise<Wiring>;

const T0 = new Date('2026-12-03T02:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let pg: PgFixture | undefined;
let centres = 0;
const SETUPS: readonly (readonly [string, string | null, Setup])[] = [
  [
    'sqlite',
    null,
    async (devices) => {
      const db = openDatabase(':memory:');
      const repos = sqliteRepositories(db);
      const audit = new AuditLog(db, CLOCK);
      return {
        pairing: new PairingService({ store: new SqliteStore(db), codes: repos.pairingCodes, credentials: repos.deviceCredentials, audit: asyncOf(audit), devices }),
        registry: new DeviceRegistry({ devices, printers: [] }, { credentials: repos.deviceCredentials, clock: () => later(30) }),
        auditActions: async () => audit.list().map((a) => a.action),
      };
    },
  ],
  [
    'postgres',
    POSTGRES_MISSING,
    async (devices) => {
      pg ??= await startPgFixture(3);
      // Device ids are province-wide keys: each test's devices get a prefix of their own (as device-stores.ts does).
      const centreId = `centre-${++centres}`;
      await pg.addCentre(centreId);
      const credentials = new PgDeviceCredentials(pg.store.sql, centreId);
      const audit = new PgAuditLog(pg.store, centreId, CLOCK);
      return {
        pairing: new PairingService({ store: pg.store, codes: new PgPairingCodes(pg.store.sql, centreId), credentials, audit, devices }),
        registry: new DeviceRegistry({ devices, printers: [] }, { credentials, clock: () => later(30) }),
        auditActions: async () => (await audit.list()).map((a) => a.action),
      };
    },
  ],
];

describe.each(SETUPS)('PairingService and DeviceRegistry over the async faces: %s', (kind, missing, setup) => {
  describe.skipIf(missing !== null)('', () => {
    afterAll(async () => {
      if (kind === 'postgres') await pg?.close();
    });

    it('a code pairs the device once: its credential signs in (handshake and bearer), the config token no longer does; revoked, nothing does', { timeout: 60_000 }, async () => {
      const id = `${kind}-kiosk-1-${centres}`;
      const token = 'legacy-token-of-the-kiosk-long-enough';
      const w = await setup([{ id, role: 'kiosk', name: 'Kiosk 1', token }]);
      expect((await w.registry.authenticate(id, token))?.id).toBe(id);
      expect((await w.pairing.states())[0]).toMatchObject({ deviceId: id, state: 'legacy-token' });
      expect(await w.pairing.createCode('khong-co', 'admin', T0)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      const code = await w.pairing.createCode(id, 'admin', T0);
      if (!code.ok) throw new Error(code.error.message);
      expect(code.value.code).toMatch(/^\d{8}$/);
      const paired = await w.pairing.pair(code.value.code, '127.0.0.1', later(1));
      if (!paired.ok) throw new Error(paired.error.message);
      expect(paired.value.deviceId).toBe(id);
      expect(await w.pairing.pair(code.value.code, '127.0.0.1', later(2))).toEqual({ ok: false, error: { kind: 'unauthorized', message: PAIRING_REFUSALS.used } });
      expect((await w.registry.authenticate(id, paired.value.credential))?.id).toBe(id);
      expect((await w.registry.authenticateToken(paired.value.credential))?.id).toBe(id);
      expect(await w.registry.authenticate(id, token)).toBeNull();
      expect(await w.registry.authenticateToken(token)).toBeNull();
      expect((await w.pairing.states())[0]).toMatchObject({ deviceId: id, state: 'paired', lastSeenAt: later(30).toISOString() });

      const rotated = await w.pairing.rotate(id, later(40));
      expect((await w.registry.authenticate(id, paired.value.credential))?.id).toBe(id);
      expect((await w.registry.authenticate(id, rotated.credential))?.id).toBe(id);
      expect(await w.registry.authenticate(id, paired.value.credential)).toBeNull();

      const revoked = await w.pairing.revoke(id, 'admin', later(50));
      expect(revoked).toEqual({ ok: true, value: { deviceId: id, revokedAt: later(50).toISOString() } });
      expect(await w.registry.authenticate(id, rotated.credential)).toBeNull();
      expect(await w.registry.authenticateToken(rotated.credential)).toBeNull();
      expect(await w.registry.authenticate(id, token)).toBeNull();
      expect((await w.pairing.states())[0]).toMatchObject({ deviceId: id, state: 'revoked' });
      expect(await w.auditActions()).toEqual(['device.pairing-code', 'device.pair', 'device.rotate', 'device.revoke']);
    });

    it('a wrong or expired code is refused and pairs nothing', { timeout: 60_000 }, async () => {
      const id = `${kind}-counter-1-${centres}`;
      const w = await setup([{ id, role: 'counter', name: 'Quầy 1', counterId: 'quay-1' }]);
      const code = await w.pairing.createCode(id, 'admin', T0);
      if (!code.ok) throw new Error(code.error.message);
      const wrong = code.value.code === '00000000' ? '00000001' : '00000000';
      expect(await w.pairing.pair(wrong, '127.0.0.1', later(1))).toEqual({ ok: false, error: { kind: 'unauthorized', message: PAIRING_REFUSALS.wrong } });
      expect(await w.pairing.pair(code.value.code, '127.0.0.1', later(11))).toEqual({ ok: false, error: { kind: 'unauthorized', message: PAIRING_REFUSALS.expired } });
      expect((await w.pairing.states())[0]).toMatchObject({ deviceId: id, state: 'unpaired' });
      expect(await w.auditActions()).toEqual(['device.pairing-code']);
    });
  });
});
