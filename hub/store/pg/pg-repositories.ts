import type { HubRepositories } from '../hub-repositories';
import { PgAdminAccountRepository } from './pg-admin-account-repository';
import { PgAdminSessionRepository } from './pg-admin-session-repository';
import { PgApiKeyRepository } from './pg-api-key-repository';
import { PgAppointmentRepository } from './pg-appointment-repository';
import { PgBookingRepository } from './pg-booking-repository';
import { PgDossierTokenRepository } from './pg-dossier-token-repository';
import { PgTicketReminderRepository } from './pg-ticket-reminder-repository';
import { PgCommandLog } from './pg-command-log';
import { PgConfigDigestRepository } from './pg-config-digest-repository';
import { PgDeviceCredentials } from './pg-device-credentials';
import { PgDeviceHealthRepository } from './pg-device-health-repository';
import { PgDossierRepository } from './pg-dossier-repository';
import { PgNumberLeaseRepository } from './pg-number-lease-repository';
import { PgOfficerSessionRepository } from './pg-officer-session-repository';
import { PgOutboxRepository } from './pg-outbox-repository';
import { PgPairingCodes } from './pg-pairing-codes';
import { PgPersonalDataStore } from './pg-personal-data-store';
import { PgPrivacyRequestRepository } from './pg-privacy-request-repository';
import { PgRatingRepository } from './pg-rating-repository';
import { PgSignInLockoutRepository } from './pg-sign-in-lockout-repository';
import { PgStatsRepository } from './pg-stats-repository';
import type { PgStore } from './pg-store';
import { PgTicketRepository } from './pg-ticket-repository';
import { PgIssueAlone } from './pg-issue-alone';
import { PgTicketTokenRepository } from './pg-ticket-token-repository';
import type { CentreDirectory } from '../../../core/dossiers/collection';

/**
 * The PostgreSQL bundle of `HubRepositories` for one centre of the province database: every twin
 * bound to `centreId`, all on the store's PgSql (the running transaction's client, else the pool).
 * The centre's row must exist (`ensureCentre`): every per-centre table refers to it.
 */
export function pgRepositories(store: PgStore, centreId: string, centres?: CentreDirectory): HubRepositories {
  const { sql } = store;
  return {
    tickets: new PgTicketRepository(sql, centreId),
    issueAlone: new PgIssueAlone(sql, centreId),
    leases: new PgNumberLeaseRepository(sql, centreId),
    commandLog: new PgCommandLog(sql, centreId),
    ratings: new PgRatingRepository(sql, centreId),
    dossiers: new PgDossierRepository(sql, centreId, centres),
    appointments: new PgAppointmentRepository(sql, centreId),
    officerSessions: new PgOfficerSessionRepository(sql, centreId),
    deviceHealth: new PgDeviceHealthRepository(sql, centreId),
    signInLockouts: new PgSignInLockoutRepository(sql, centreId),
    configDigests: new PgConfigDigestRepository(sql, centreId),
    ticketTokens: new PgTicketTokenRepository(sql, centreId),
    adminAccounts: new PgAdminAccountRepository(sql, centreId),
    adminSessions: new PgAdminSessionRepository(sql, centreId),
    stats: new PgStatsRepository(sql, centreId),
    personalData: new PgPersonalDataStore(sql, centreId),
    privacyRequests: new PgPrivacyRequestRepository(sql, centreId),
    apiKeys: new PgApiKeyRepository(sql, centreId),
    outbox: new PgOutboxRepository(sql, centreId),
    deviceCredentials: new PgDeviceCredentials(sql, centreId),
    pairingCodes: new PgPairingCodes(sql, centreId),
    dossierTokens: new PgDossierTokenRepository(sql, centreId),
    bookings: new PgBookingRepository(sql, centreId),
    ticketReminders: new PgTicketReminderRepository(sql, centreId),
  };
}

/** The centre's row (its name from the config), created on the first start; an existing row is kept as it is. */
export async function ensureCentre(store: PgStore, centre: { readonly id: string; readonly name: string }, now: Date): Promise<void> {
  await store.sql.run('INSERT INTO centres (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [centre.id, centre.name, now.toISOString()]);
}
