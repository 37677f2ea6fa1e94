import type { Database } from 'better-sqlite3';
import { OfficerSessionRepository } from '../../../hub/clerks/officer-session-repository';
import { openDatabase } from '../../../hub/db/open-database';
import { DeviceCredentials } from '../../../hub/devices/device-credentials';
import { DeviceHealthRepository } from '../../../hub/devices/device-health-repository';
import { PairingCodes } from '../../../hub/devices/pairing-codes';
import { PgDeviceCredentials } from '../../../hub/store/pg/pg-device-credentials';
import { PgDeviceHealthRepository } from '../../../hub/store/pg/pg-device-health-repository';
import { PgOfficerSessionRepository } from '../../../hub/store/pg/pg-officer-session-repository';
import { PgPairingCodes } from '../../../hub/store/pg/pg-pairing-codes';
import { POSTGRES_MISSING } from '../../support/postgres';
import { startPgFixture, type PgFixture, type Twin } from './stores';

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

export interface DeviceStoreKind {
  readonly kind: 'sqlite' | 'postgres';
  readonly missing: string | null;
  setup(): Promise<void>;
  /** A new empty store: its repositories as seen by a centre, and the test's name for a device (device ids are province-wide keys). */
  fresh(): Promise<FreshDeviceStore>;
  teardown(): Promise<void>;
}

function sqliteKind(): DeviceStoreKind {
  const open: Database[] = [];
  return {
    kind: 'sqlite',
    missing: null,
    async setup() {},
    async fresh() {
      const db = openDatabase(':memory:');
      open.push(db);
      return {
        at: async () => ({ kind: 'sqlite', officerSessions: new OfficerSessionRepository(db), deviceHealth: new DeviceHealthRepository(db), credentials: new DeviceCredentials(db), pairingCodes: new PairingCodes(db) }),
        device: (name) => name,
      };
    },
    async teardown() {
      for (const db of open.splice(0)) db.close();
    },
  };
}

function postgresKind(): DeviceStoreKind {
  let fixture: PgFixture | undefined;
  let stores = 0;
  return {
    kind: 'postgres',
    missing: POSTGRES_MISSING,
    async setup() {
      fixture = await startPgFixture(2);
    },
    async fresh() {
      // Device ids are province-wide keys: each test's devices and centres get a prefix of their own instead of a database of their own.
      const n = ++stores;
      const added = new Set<string>();
      return {
        async at(centre) {
          const centreId = `s${n}-${centre}`;
          if (!added.has(centreId)) {
            await fixture!.addCentre(centreId);
            added.add(centreId);
          }
          const sql = fixture!.store.sql;
          return { kind: 'postgres', officerSessions: new PgOfficerSessionRepository(sql, centreId), deviceHealth: new PgDeviceHealthRepository(sql, centreId), credentials: new PgDeviceCredentials(sql, centreId), pairingCodes: new PgPairingCodes(sql, centreId) };
        },
        device: (name) => `s${n}-${name}`,
      };
    },
    async teardown() {
      await fixture?.close();
    },
  };
}

export const DEVICE_STORE_KINDS: readonly (readonly [string, DeviceStoreKind])[] = [
  ['sqlite', sqliteKind()],
  ['postgres', postgresKind()],
];

// The compile-time half of the contract.
const twins = (
  _sessions: Twin<OfficerSessionRepository> = null as unknown as PgOfficerSessionRepository,
  _health: Twin<DeviceHealthRepository> = null as unknown as PgDeviceHealthRepository,
  _credentials: Twin<DeviceCredentials> = null as unknown as PgDeviceCredentials,
  _pairingCodes: Twin<PairingCodes> = null as unknown as PgPairingCodes,
) => undefined;
void twins;
