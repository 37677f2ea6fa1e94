import type { CentreDefinition } from '../core/centre';
import type { CentreDirectory } from '../core/dossiers/collection';
import { resolveCalendarConfig } from '../core/calendar/calendar-config';
import { DueDateCalendar } from '../core/calendar/due-date-calendar';
import { lockoutPolicyOf } from '../core/sign-in/lockout-policy';
import type { DossierEvent } from '../core/dossiers/dossier';
import type { QueueEvent } from '../core/queue/snapshot';
import { ApiKeys } from './apikeys/api-keys';
import type { AuditLog } from './audit/audit-log';
import { AdminAccounts } from './admin/admin-accounts';
import { AdminSessions } from './admin/admin-sessions';
import { ProvinceAdmin, type ProvinceBackend } from './admin/province-admin';
import { SignInLockout } from './admin/sign-in-lockout';
import { AppointmentService } from './appointments/appointment-service';
import { ClerkDirectory } from './clerks/clerk-directory';
import { OfficerDesk } from './clerks/officer-desk';
import type { CommandServices } from './command-handlers';
import type { DeviceRegistry } from './device-registry';
import { DeviceMonitor } from './devices/device-monitor';
import { PairingService } from './devices/pairing-service';
import { DossierService } from './dossiers/dossier-service';
import type { DossierBlobs } from './dossiers/dossier-blobs';
import { NumberLeases } from './queue/number-leases';
import { QueueService } from './queue/queue-service';
import { TicketTokens } from './public/ticket-tokens';
import { RatingService } from './ratings/rating-service';
import { RatingVisits } from './ratings/rating-visits';
import { StatsService } from './stats/stats-service';
import { asyncOf, type Async } from './store/async-of';
import type { HubRepositories } from './store/hub-repositories';
import type { Store } from './store/store';
import { dossierCodeFormatOf } from '../core/dossiers/code-format';

export interface HubServices extends CommandServices {
  readonly clerks: ClerkDirectory;
  readonly stats: StatsService;
  /** The hash-chained log of administrative actions: pairing, revocation, config changes, erasures, backups. */
  readonly audit: Async<AuditLog>;
  readonly adminAccounts: AdminAccounts;
  readonly adminSessions: AdminSessions;
  /** The department of a back-office device, or null. */
  readonly departmentOfDevice: (deviceId: string) => string | null;
  /** Tickets' public tokens (the phone page, hub/public/). */
  readonly ticketTokens: TicketTokens;
  /** The centre's working days (online booking offers only those). */
  readonly calendar: DueDateCalendar;
  /** This hub's centre and those a result may be collected at (core/dossiers/collection.ts). */
  readonly centres: CentreDirectory;
  /** The province's administrators and statistics, or null on a single centre's hub (SQLite). */
  readonly province: ProvinceAdmin | null;
}

export interface HubServicesOptions {
  /** The unit of work (SQLite file or the province's PostgreSQL). */
  readonly store: Store;
  /** The centre's administrative audit log on the same store (hub/store/hub-backend.ts). */
  readonly audit: Async<AuditLog>;
  /** The repositories the services act through (hub/store/hub-repositories.ts). */
  readonly repos: HubRepositories;
  readonly config: CentreDefinition;
  readonly registry: DeviceRegistry;
  readonly clock: () => Date;
  /** After a commit: queue events to broadcast. */
  readonly publishQueue: (events: readonly QueueEvent[]) => void;
  /** After a commit: a dossier arrived or changed, for its department's back office and the counters of its centres (core/dossiers/collection.ts). */
  readonly publishDossier: (event: DossierEvent) => void;
  /** This hub's centre and the centres a result may be collected at. */
  readonly centres: CentreDirectory;
  /** After a commit: the officer signed in at these devices changed. */
  readonly officersChanged: (deviceIds: readonly string[]) => void;
  /** How to drop a device's live sockets (a revocation, a re-pairing). */
  readonly disconnectDevice: (deviceId: string) => void;
  /** The bytes of dossiers' scans and result files (hub/dossiers/dossier-blobs.ts). */
  readonly blobs: DossierBlobs;
  /** The province's administrators and statistics (PostgreSQL), or none. */
  readonly province?: ProvinceBackend | null;
}

/** The hub's services over one database, built from the centre config; they know nothing of sockets or HTTP. */
export function createHubServices(options: HubServicesOptions): HubServices {
  const { store, repos, config, clock, audit } = options;
  const monitor = new DeviceMonitor(repos.deviceHealth, options.registry.all(), clock);
  // One persisted lockout for every staff sign-in: clerks' and officers' PINs, administrators' passwords.
  const lockoutOptions = { policy: lockoutPolicyOf(config.hub.signInLockout), audit, timeZone: config.centre.timeZone };
  const lockout = new SignInLockout(repos.signInLockouts, store, clock, lockoutOptions);
  const lockoutAsync = asyncOf(lockout);
  const clerks = new ClerkDirectory(config.clerks, lockoutAsync);
  const ticketTokens = new TicketTokens(repos.ticketTokens, config.hub.publicBaseUrl);
  const queue = new QueueService({
    tickets: repos.tickets,
    services: config.services,
    counters: config.counters,
    rules: config.queue,
    clerks,
    timeZone: config.centre.timeZone,
    clock,
    publish: options.publishQueue,
    trackingUrl: (ticket, at) => ticketTokens.mint(ticket, at),
    drawTrackingToken: () => ticketTokens.draw(),
    ...(repos.issueAlone ? { alone: repos.issueAlone } : {}),
  });
  const calendarSettings = resolveCalendarConfig(config.calendar);
  // The config schema already validated the calendar; a refusal here is a programming error.
  if (!calendarSettings.ok) throw new Error(`calendar: ${calendarSettings.problems.map((p) => p.message).join('; ')}`);
  const calendar = new DueDateCalendar(calendarSettings.value);
  const departmentOf = new Map(config.devices.flatMap((d) => (d.departmentId ? [[d.id, d.departmentId] as const] : [])));
  const departmentOfDevice = (deviceId: string) => departmentOf.get(deviceId) ?? null;
  const officers = new OfficerDesk({
    sessions: repos.officerSessions,
    officers: config.officers,
    lockout: lockoutAsync,
    departmentOf: departmentOfDevice,
    departmentName: (id) => config.departments.find((d) => d.id === id)?.name ?? id,
    changed: options.officersChanged,
  });
  const dossiers = new DossierService({
    repo: repos.dossiers,
    tokens: repos.dossierTokens,
    store,
    codeFormat: dossierCodeFormatOf(config),
    departments: config.departments,
    procedures: config.procedures,
    devices: config.devices,
    calendar,
    clerkAt: (counterId) => queue.clerkAt(counterId),
    officerAt: (deviceId) => officers.at(deviceId),
    officersRequired: (departmentId) => officers.required(departmentId),
    publish: options.publishDossier,
    centres: options.centres,
    resultFileHeld: (code, sha256) => options.blobs.hasResult(code, sha256),
  });
  const appointments = new AppointmentService({ repo: repos.appointments, config: config.appointments, services: config.services, calendar, timeZone: config.centre.timeZone, queue });
  const ratings = new RatingService(repos, config.centre.timeZone);
  const ratingVisits = new RatingVisits({
    tickets: repos.tickets,
    tokens: ticketTokens,
    ratings,
    services: config.services,
    counters: config.counters,
    clerkName: (id) => clerks.nameOf(id),
    timeZone: config.centre.timeZone,
  });
  const stats = new StatsService({ repo: repos.stats, services: config.services, counters: config.counters, clerks: clerks.list(), timeZone: config.centre.timeZone, clock });
  const leases = new NumberLeases({
    repos,
    services: config.services,
    rules: config.queue,
    timeZone: config.centre.timeZone,
    queue,
    registerTrackingToken: (ticketId, token, at) => ticketTokens.register(ticketId, token, at),
  });
  const adminAccounts = new AdminAccounts(repos.adminAccounts, clock);
  const adminSessions = new AdminSessions(repos.adminSessions, adminAccounts, lockout, clock);
  const pairing = new PairingService({ store, codes: repos.pairingCodes, credentials: repos.deviceCredentials, audit, devices: config.devices, disconnect: options.disconnectDevice });
  const administratorAt = (deviceId: string) => adminSessions.signedInAt(deviceId);
  // The province administrators' failures count province-wide (their own rows), under this centre's policy; the audit records stay this centre's.
  const province = options.province ? new ProvinceAdmin(options.province, new SignInLockout(options.province.signInLockouts, store, clock, lockoutOptions), clock, config.departments) : null;
  const apiKeys = new ApiKeys(repos.apiKeys, store, audit, config.departments);
  return { apiKeys, monitor, clerks, queue, officers, dossiers, appointments, ratings, ratingVisits, stats, leases, departmentOfDevice, audit, adminAccounts, adminSessions, pairing, administratorAt, ticketTokens, calendar, centres: options.centres, province };
}
