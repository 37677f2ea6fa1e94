import type { Database } from 'better-sqlite3';
import { SignInLockoutRepository } from '../admin/sign-in-lockout-repository';
import { AppointmentRepository } from '../appointments/appointment-repository';
import { ConfigDigestRepository } from '../audit/config-digest-repository';
import { OfficerSessionRepository } from '../clerks/officer-session-repository';
import { CommandLog } from '../commands/command-log';
import { DeviceHealthRepository } from '../devices/device-health-repository';
import { DossierRepository } from '../dossiers/dossier-repository';
import { DossierTokenRepository } from '../dossiers/dossier-token-repository';
import { NumberLeaseRepository } from '../queue/number-lease-repository';
import { TicketRepository } from '../queue/ticket-repository';
import { RatingRepository } from '../ratings/rating-repository';
import { asyncOf, type Async } from './async-of';

/**
 * Every repository the hub's services act through, each as its async face. One bundle per store:
 * `sqliteRepositories(db)` for the embedded database; the PostgreSQL twins (hub/store/pg/pg-*.ts,
 * each `implements Async<SqliteTwin>`) make the other, bound to one centre.
 */
export interface HubRepositories {
  readonly tickets: Async<TicketRepository>;
  readonly leases: Async<NumberLeaseRepository>;
  readonly commandLog: Async<CommandLog>;
  readonly ratings: Async<RatingRepository>;
  readonly dossiers: Async<DossierRepository>;
  readonly dossierTokens: Async<DossierTokenRepository>;
  readonly appointments: Async<AppointmentRepository>;
  readonly officerSessions: Async<OfficerSessionRepository>;
  readonly deviceHealth: Async<DeviceHealthRepository>;
  readonly signInLockouts: Async<SignInLockoutRepository>;
  readonly configDigests: Async<ConfigDigestRepository>;
}

export function sqliteRepositories(db: Database): HubRepositories {
  return {
    tickets: asyncOf(new TicketRepository(db)),
    leases: asyncOf(new NumberLeaseRepository(db)),
    commandLog: asyncOf(new CommandLog(db)),
    ratings: asyncOf(new RatingRepository(db)),
    dossiers: asyncOf(new DossierRepository(db)),
    dossierTokens: asyncOf(new DossierTokenRepository(db)),
    appointments: asyncOf(new AppointmentRepository(db)),
    officerSessions: asyncOf(new OfficerSessionRepository(db)),
    deviceHealth: asyncOf(new DeviceHealthRepository(db)),
    signInLockouts: asyncOf(new SignInLockoutRepository(db)),
    configDigests: asyncOf(new ConfigDigestRepository(db)),
  };
}
