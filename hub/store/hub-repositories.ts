import type { Database } from 'better-sqlite3';
import type { CentreDirectory } from '../../core/dossiers/collection';
import { AdminAccountRepository } from '../admin/admin-account-repository';
import { AdminSessionRepository } from '../admin/admin-session-repository';
import { ApiKeyRepository } from '../apikeys/api-key-repository';
import { SignInLockoutRepository } from '../admin/sign-in-lockout-repository';
import { AppointmentRepository } from '../appointments/appointment-repository';
import { ConfigDigestRepository } from '../audit/config-digest-repository';
import { OfficerSessionRepository } from '../clerks/officer-session-repository';
import { CommandLog } from '../commands/command-log';
import { DeviceCredentials } from '../devices/device-credentials';
import { DeviceHealthRepository } from '../devices/device-health-repository';
import { PairingCodes } from '../devices/pairing-codes';
import { OutboxRepository } from '../integrations/outbox-repository';
import { DossierRepository } from '../dossiers/dossier-repository';
import { TicketTokenRepository } from '../public/ticket-token-repository';
import { DossierTokenRepository } from '../dossiers/dossier-token-repository';
import { BookingRepository } from '../booking/booking-repository';
import { TicketReminderRepository } from '../public/ticket-reminder-repository';
import { NumberLeaseRepository } from '../queue/number-lease-repository';
import type { IssueAlone } from '../queue/issue-alone';
import { TicketRepository } from '../queue/ticket-repository';
import { PersonalDataStore } from '../privacy/personal-data-store';
import { PrivacyRequestRepository } from '../privacy/privacy-request-repository';
import { RatingRepository } from '../ratings/rating-repository';
import { StatsRepository } from '../stats/stats-repository';
import { asyncOf, type Async } from './async-of';

/**
 * Every repository the hub's services act through, each as its async face. One bundle per store:
 * `sqliteRepositories(db)` for the embedded database; the PostgreSQL twins (hub/store/pg/pg-*.ts,
 * each `implements Async<SqliteTwin>`) make the other, bound to one centre.
 */
export interface HubRepositories {
  readonly tickets: Async<TicketRepository>;
  /** The one-statement ticket:issue (PostgreSQL only: hub/store/pg/pg-issue-alone.ts). */
  readonly issueAlone?: IssueAlone;
  readonly leases: Async<NumberLeaseRepository>;
  readonly commandLog: Async<CommandLog>;
  readonly ratings: Async<RatingRepository>;
  readonly dossiers: Async<DossierRepository>;
  readonly dossierTokens: Async<DossierTokenRepository>;
  /** Online booking's holds and identities (hub/booking/). */
  readonly bookings: Async<BookingRepository>;
  /** "Nhắc tôi khi còn N người" (hub/public/queue-reminders.ts). */
  readonly ticketReminders: Async<TicketReminderRepository>;
  readonly appointments: Async<AppointmentRepository>;
  readonly officerSessions: Async<OfficerSessionRepository>;
  readonly deviceHealth: Async<DeviceHealthRepository>;
  readonly signInLockouts: Async<SignInLockoutRepository>;
  readonly configDigests: Async<ConfigDigestRepository>;
  readonly ticketTokens: Async<TicketTokenRepository>;
  readonly adminAccounts: Async<AdminAccountRepository>;
  readonly adminSessions: Async<AdminSessionRepository>;
  readonly stats: Async<StatsRepository>;
  readonly personalData: Async<PersonalDataStore>;
  readonly privacyRequests: Async<PrivacyRequestRepository>;
  readonly apiKeys: Async<ApiKeyRepository>;
  /** Deliveries to other systems, written in each command's transaction (hub/integrations/outbox-*.ts). */
  readonly outbox: Async<OutboxRepository>;
  /** Paired devices' credentials (the Socket.IO handshake, the HTTP bearer check) and one-time pairing codes. */
  readonly deviceCredentials: Async<DeviceCredentials>;
  readonly pairingCodes: Async<PairingCodes>;
}

export function sqliteRepositories(db: Database, centres?: CentreDirectory): HubRepositories {
  return {
    tickets: asyncOf(new TicketRepository(db)),
    leases: asyncOf(new NumberLeaseRepository(db)),
    commandLog: asyncOf(new CommandLog(db)),
    ratings: asyncOf(new RatingRepository(db)),
    dossiers: asyncOf(new DossierRepository(db, centres)),
    dossierTokens: asyncOf(new DossierTokenRepository(db)),
    bookings: asyncOf(new BookingRepository(db)),
    ticketReminders: asyncOf(new TicketReminderRepository(db)),
    appointments: asyncOf(new AppointmentRepository(db)),
    officerSessions: asyncOf(new OfficerSessionRepository(db)),
    deviceHealth: asyncOf(new DeviceHealthRepository(db)),
    signInLockouts: asyncOf(new SignInLockoutRepository(db)),
    configDigests: asyncOf(new ConfigDigestRepository(db)),
    ticketTokens: asyncOf(new TicketTokenRepository(db)),
    adminAccounts: asyncOf(new AdminAccountRepository(db)),
    adminSessions: asyncOf(new AdminSessionRepository(db)),
    stats: asyncOf(new StatsRepository(db)),
    personalData: asyncOf(new PersonalDataStore(db)),
    privacyRequests: asyncOf(new PrivacyRequestRepository(db)),
    apiKeys: asyncOf(new ApiKeyRepository(db)),
    outbox: asyncOf(new OutboxRepository(db)),
    deviceCredentials: asyncOf(new DeviceCredentials(db)),
    pairingCodes: asyncOf(new PairingCodes(db)),
  };
}
