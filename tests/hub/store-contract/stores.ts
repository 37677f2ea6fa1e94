import type { Database } from 'better-sqlite3';
import { SINGLE_CENTRE_ID, type CentreRef } from '../../../core/dossiers/collection';
import type pg from 'pg';
import { AppointmentRepository } from '../../../hub/appointments/appointment-repository';
import { AuditLog } from '../../../hub/audit/audit-log';
import { BookingRepository } from '../../../hub/booking/booking-repository';
import { verifyAllChains, type ChainReport } from '../../../hub/audit/chain-verifier';
import { CommandLog } from '../../../hub/commands/command-log';
import { DossierRepository } from '../../../hub/dossiers/dossier-repository';
import { DossierTokenRepository } from '../../../hub/dossiers/dossier-token-repository';
import { openDatabase } from '../../../hub/db/open-database';
import { NumberLeaseRepository } from '../../../hub/queue/number-lease-repository';
import { TicketRepository } from '../../../hub/queue/ticket-repository';
import { TicketReminderRepository } from '../../../hub/public/ticket-reminder-repository';
import { RatingRepository } from '../../../hub/ratings/rating-repository';
import { migratePool } from '../../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { verifyCentreChains } from '../../../hub/store/pg/chain-verify';
import { PgAppointmentRepository } from '../../../hub/store/pg/pg-appointment-repository';
import { PgAuditLog } from '../../../hub/store/pg/pg-audit-log';
import { PgBookingRepository } from '../../../hub/store/pg/pg-booking-repository';
import { PgCommandLog } from '../../../hub/store/pg/pg-command-log';
import { PgDossierRepository } from '../../../hub/store/pg/pg-dossier-repository';
import { PgDossierTokenRepository } from '../../../hub/store/pg/pg-dossier-token-repository';
import { PgNumberLeaseRepository } from '../../../hub/store/pg/pg-number-lease-repository';
import { PgRatingRepository } from '../../../hub/store/pg/pg-rating-repository';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { PgTicketRepository } from '../../../hub/store/pg/pg-ticket-repository';
import { PgApiKeyRepository } from '../../../hub/store/pg/pg-api-key-repository';
import { ApiKeyRepository } from '../../../hub/apikeys/api-key-repository';
import { PgOutboxRepository } from '../../../hub/store/pg/pg-outbox-repository';
import { OutboxRepository } from '../../../hub/integrations/outbox-repository';
import { PgTicketTokenRepository } from '../../../hub/store/pg/pg-ticket-token-repository';
import { TicketTokenRepository } from '../../../hub/public/ticket-token-repository';
import { PgTicketReminderRepository } from '../../../hub/store/pg/pg-ticket-reminder-repository';
import { createPgPool } from '../../../hub/store/pg/pool';
import { POSTGRES_MISSING, startPostgres, type PostgresInstance } from '../../support/postgres';

/**
 * Both stores behind one face for the contract tests: the same cases run against the SQLite
 * repositories (the hub's today) and their PostgreSQL twins. `Twin<T>` is the SQLite class's
 * public methods with the same arguments, answering a value or a promise of it: assigning a
 * PostgreSQL repository to it below is the compile-time half of the contract (a method missing,
 * renamed or taking other arguments fails `tsc`); the cases are the run-time half.
 */
export type Twin<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | Promise<R> : never;
};

export interface StoreUnderTest {
  readonly kind: 'sqlite' | 'postgres';
  /** The centre the repositories receive at (SQLite: the single centre; PostgreSQL: the bound centre), named as the dossiers name it. */
  readonly centre: CentreRef;
  /** Another centre of the directory the dossier repository is given: a result may be collected there. */
  readonly otherCentre: CentreRef;
  /** One transaction of the store; the repositories below join it. (A SQLite repository may still answer synchronously.) */
  transaction<T>(work: () => T | Promise<T>): Promise<T>;
  readonly tickets: Twin<TicketRepository>;
  readonly leases: Twin<NumberLeaseRepository>;
  readonly log: Twin<CommandLog>;
  readonly ratings: Twin<RatingRepository>;
  readonly dossiers: Twin<DossierRepository>;
  readonly dossierTokens: Twin<DossierTokenRepository>;
  readonly appointments: Twin<AppointmentRepository>;
  readonly ticketTokens: Twin<TicketTokenRepository>;
  readonly apiKeys: Twin<ApiKeyRepository>;
  readonly outbox: Twin<OutboxRepository>;
  readonly bookings: Twin<BookingRepository>;
  readonly reminders: Twin<TicketReminderRepository>;
  /** The centre's audit log (its clock: CLOCK). */
  readonly audit: Twin<AuditLog>;
  /** Walks this store's (centre's) chains: audit_log and dossier_history. */
  verifyChains(): Promise<ChainReport>;
}

/** The audit logs' clock in the contract tests. */
export const CLOCK = (): Date => new Date('2026-12-03T02:00:00.000Z');

/**
 * One store kind for `describe.each`: SQLite or PostgreSQL, giving the test's face `T` of a fresh
 * store. `fresh(centre)` on PostgreSQL is that centre of the file's database (created the first
 * time; a new centre when none is named), so two names show what is per centre; on SQLite each
 * call is a new in-memory database (a hub is one centre).
 */
export interface KindOf<T> {
  readonly kind: 'sqlite' | 'postgres';
  /** Why this kind is skipped here, or null. */
  readonly missing: string | null;
  setup(): Promise<void>;
  fresh(centre?: string): Promise<T>;
  teardown(): Promise<void>;
}

export type StoreKind = KindOf<StoreUnderTest>;

/** Both kinds, by name, from how each builds the test's face (PostgreSQL: a private instance with `connections` in the pool). */
export function storeKinds<T>(make: { sqlite(db: Database): T | Promise<T>; postgres(fixture: PgFixture, centreId: string): T | Promise<T> }, connections = 4): readonly (readonly [string, KindOf<T>])[] {
  const open: Database[] = [];
  const sqlite: KindOf<T> = {
    kind: 'sqlite',
    missing: null,
    async setup() {},
    async fresh() {
      const db = openDatabase(':memory:');
      open.push(db);
      return make.sqlite(db);
    },
    async teardown() {
      for (const db of open.splice(0)) db.close();
    },
  };
  let fixture: PgFixture | undefined;
  const centres = new Set<string>();
  let unnamed = 0;
  const postgres: KindOf<T> = {
    kind: 'postgres',
    missing: POSTGRES_MISSING,
    async setup() {
      fixture = await startPgFixture(connections);
    },
    async fresh(centre = `centre-${++unnamed}`) {
      if (!centres.has(centre)) {
        await fixture!.addCentre(centre);
        centres.add(centre);
      }
      return make.postgres(fixture!, centre);
    },
    async teardown() {
      await fixture?.close();
    },
  };
  return [
    ['sqlite', sqlite],
    ['postgres', postgres],
  ];
}

/** A centre a result may be collected at besides the one under test. */
const OTHER_CENTRE = { id: 'trung-tam-khac', name: 'Trung tâm Phục vụ hành chính công phường Ba Đình' };

/** BEGIN IMMEDIATE … COMMIT around async work, as the SQLite store's transaction() does. */
async function sqliteTransaction<T>(db: Database, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}

/** The SQLite repositories of one in-memory database. */
function sqliteStoreUnderTest(db: Database): StoreUnderTest {
  const centre = { id: SINGLE_CENTRE_ID, name: 'Trung tâm Phục vụ hành chính công' };
  return {
    kind: 'sqlite',
    centre,
    otherCentre: OTHER_CENTRE,
    transaction: (work) => sqliteTransaction(db, async () => await work()),
    tickets: new TicketRepository(db),
    leases: new NumberLeaseRepository(db),
    log: new CommandLog(db),
    ratings: new RatingRepository(db),
    dossiers: new DossierRepository(db, { here: centre, centres: [centre, OTHER_CENTRE] }),
    dossierTokens: new DossierTokenRepository(db),
    appointments: new AppointmentRepository(db),
    ticketTokens: new TicketTokenRepository(db),
    apiKeys: new ApiKeyRepository(db),
    outbox: new OutboxRepository(db),
    bookings: new BookingRepository(db),
    reminders: new TicketReminderRepository(db),
    audit: new AuditLog(db, CLOCK),
    verifyChains: async () => verifyAllChains(db),
  };
}

/** The PostgreSQL repositories bound to one centre of a PgStore. */
export function pgStoreUnderTest(store: PgStore, centreId: string): StoreUnderTest {
  const centre = { id: centreId, name: `Trung tâm ${centreId}` };
  return {
    kind: 'postgres',
    centre,
    otherCentre: OTHER_CENTRE,
    transaction: (work) => store.transaction(async () => await work()),
    tickets: new PgTicketRepository(store.sql, centreId),
    leases: new PgNumberLeaseRepository(store.sql, centreId),
    log: new PgCommandLog(store.sql, centreId),
    ratings: new PgRatingRepository(store.sql, centreId),
    dossiers: new PgDossierRepository(store.sql, centreId, { here: centre, centres: [centre, OTHER_CENTRE] }),
    dossierTokens: new PgDossierTokenRepository(store.sql, centreId),
    appointments: new PgAppointmentRepository(store.sql, centreId),
    ticketTokens: new PgTicketTokenRepository(store.sql, centreId),
    apiKeys: new PgApiKeyRepository(store.sql, centreId),
    outbox: new PgOutboxRepository(store.sql, centreId),
    bookings: new PgBookingRepository(store.sql, centreId),
    reminders: new PgTicketReminderRepository(store.sql, centreId),
    audit: new PgAuditLog(store, centreId, CLOCK),
    verifyChains: () => verifyCentreChains(store.sql, centreId),
  };
}

export interface PgFixture {
  readonly server: PostgresInstance;
  readonly pool: pg.Pool;
  readonly store: PgStore;
  /** Adds a centre to the province's database. */
  addCentre(id: string): Promise<void>;
  close(): Promise<void>;
}

/** A private PostgreSQL with the hub's schema, a pool of `connections` and a PgStore over it. */
export async function startPgFixture(connections = 4): Promise<PgFixture> {
  const server = await startPostgres();
  const pool = createPgPool(server.url, { max: connections });
  await migratePool(pool, PG_MIGRATIONS);
  const store = new PgStore(pool);
  return {
    server,
    pool,
    store,
    async addCentre(id) {
      await pool.query('INSERT INTO centres (id, name, created_at) VALUES ($1, $2, $3)', [id, `Trung tâm ${id}`, '2026-12-03T00:00:00.000Z']);
    },
    async close() {
      await pool.end();
      await server.stop();
    },
  };
}

/** For describe.each: both kinds, by name. */
export const STORE_KINDS: readonly (readonly [string, StoreKind])[] = storeKinds({ sqlite: sqliteStoreUnderTest, postgres: (f, centreId) => pgStoreUnderTest(f.store, centreId) });

// The compile-time half of the contract: each PostgreSQL twin has its SQLite class's methods and arguments.
const twins = (
  _tickets: Twin<TicketRepository> = null as unknown as PgTicketRepository,
  _leases: Twin<NumberLeaseRepository> = null as unknown as PgNumberLeaseRepository,
  _log: Twin<CommandLog> = null as unknown as PgCommandLog,
  _ratings: Twin<RatingRepository> = null as unknown as PgRatingRepository,
  _dossiers: Twin<DossierRepository> = null as unknown as PgDossierRepository,
  _dossierTokens: Twin<DossierTokenRepository> = null as unknown as PgDossierTokenRepository,
  _appointments: Twin<AppointmentRepository> = null as unknown as PgAppointmentRepository,
  _bookings: Twin<BookingRepository> = null as unknown as PgBookingRepository,
  _audit: Twin<AuditLog> = null as unknown as PgAuditLog,
  _ticketTokens: Twin<TicketTokenRepository> = null as unknown as PgTicketTokenRepository,
  _apiKeys: Twin<ApiKeyRepository> = null as unknown as PgApiKeyRepository,
  _outbox: Twin<OutboxRepository> = null as unknown as PgOutboxRepository,
  _reminders: Twin<TicketReminderRepository> = null as unknown as PgTicketReminderRepository,
) => undefined;
void twins;
