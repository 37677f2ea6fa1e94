import { OfficerSessionRepository } from '../../../hub/clerks/officer-session-repository';
import { DeviceCredentials } from '../../../hub/devices/device-credentials';
import { DeviceHealthRepository } from '../../../hub/devices/device-health-repository';
import { PairingCodes } from '../../../hub/devices/pairing-codes';
import { PgDeviceCredentials } from '../../../hub/store/pg/pg-device-credentials';
import { PgDeviceHealthRepository } from '../../../hub/store/pg/pg-device-health-repository';
import { PgOfficerSessionRepository } from '../../../hub/store/pg/pg-officer-session-repository';
import { PgPairingCodes } from '../../../hub/store/pg/pg-pairing-codes';
import { storeKinds, type KindOf, type Twin } from './stores';

/**
 * The small repositories of devices and back-office sessions on both stores, as stores.ts does
 * for the queue's: `fresh(centre)` gives the repositories of one centre of one store, and two
 * calls with different centres share that store (SQLite: one database per test, a hub being one
 * centre; PostgreSQL: two centres of the province's database), to show what is per centre and
 * what is province-wide.
 */
export interface DeviceStoreUnderTest {
  readonly kind: 'sqlite' | 'postgres';
  readonly officerSessions: Twin<OfficerSessionRepository>;
  readonly deviceHealth: Twin<DeviceHealthRepository>;
  readonly credentials: Twin<DeviceCredentials>;
  readonly pairingCodes: Twin<PairingCodes>;
}

export interface FreshDeviceStore {
  at(centre: string): Promise<DeviceStoreUnderTest>;
  device(name: string): string;
}

export type DeviceStoreKind = KindOf<FreshDeviceStore>;

export const DEVICE_STORE_KINDS: readonly (readonly [string, DeviceStoreKind])[] = storeKinds<FreshDeviceStore>(
  {
    sqlite: (db) => ({
      at: async () => ({ kind: 'sqlite', officerSessions: new OfficerSessionRepository(db), deviceHealth: new DeviceHealthRepository(db), credentials: new DeviceCredentials(db), pairingCodes: new PairingCodes(db) }),
      device: (name) => name,
    }),
    // Device ids are province-wide keys: each test's devices and centres get a prefix of their own (its fresh centre's name) instead of a database of their own.
    postgres: (fixture, prefix) => {
      const added = new Set<string>();
      return {
        async at(centre) {
          const centreId = `${prefix}-${centre}`;
          if (!added.has(centreId)) {
            await fixture.addCentre(centreId);
            added.add(centreId);
          }
          const sql = fixture.store.sql;
          return { kind: 'postgres', officerSessions: new PgOfficerSessionRepository(sql, centreId), deviceHealth: new PgDeviceHealthRepository(sql, centreId), credentials: new PgDeviceCredentials(sql, centreId), pairingCodes: new PgPairingCodes(sql, centreId) };
        },
        device: (name) => `${prefix}-${name}`,
      };
    },
  },
  2,
);

// The compile-time half of the contract.
const twins = (
  _sessions: Twin<OfficerSessionRepository> = null as unknown as PgOfficerSessionRepository,
  _health: Twin<DeviceHealthRepository> = null as unknown as PgDeviceHealthRepository,
  _credentials: Twin<DeviceCredentials> = null as unknown as PgDeviceCredentials,
  _pairingCodes: Twin<PairingCodes> = null as unknown as PgPairingCodes,
) => undefined;
void twins;
