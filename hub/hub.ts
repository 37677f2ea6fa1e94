import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { centreDirectoryOf, SINGLE_CENTRE_ID } from '../core/dossiers/collection';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { centreChannelPrefix, ProvinceRelay } from './province-relay';
import { adapterPool } from './store/pg/adapter-pool';
import { listenerName } from './store/pg/listener-name';
import type { CentreDefinition } from '../core/centre';
import type { DeviceInfo } from '../core/devices';
import type { Hello } from '../core/protocol/socket';
import type { AuditLog } from './audit/audit-log';
import { recordConfigChange } from './audit/config-change';
import { BackupSchedule } from './backup/backup-schedule';
import { backupPassphrase } from './backup/backup-key';
import { commandHandlers } from './command-handlers';
import { CommandRunner } from './commands/command-runner';
import { openBackend, refusalOnPostgres, type HubStoreChoice, type OpenedBackend } from './store/hub-backend';
import { joinRoomsOnConnection } from './device-rooms';
import { DeviceRegistry } from './device-registry';
import type { DeviceMonitor } from './devices/device-monitor';
import { registerPairingRoute } from './devices/pairing-route';
import type { PairingService } from './devices/pairing-service';
import { centreRoom, deviceRoom, dossierRoomsAt } from './dossiers/dossier-service';
import { adminCommandProblem, adminFeedAllowed } from './admin/admin-commands';
import { helloFor } from './hello';
import { createOutbox, type Outbox } from './integrations/outbox-setup';
import type { HubIntegrations, OutboxTimers } from './integrations/outbox-settings';
import type { OutboxWorker } from './integrations/outbox-worker';
import { registerHttpApi } from './http-api';
import { HTTP_SERVER_OPTIONS } from './http-refusals';
import { createHubServices } from './hub-services';
import { maskedLoggerOptions } from './privacy/masked-log';
import { RetentionPurge } from './privacy/retention-purge';
import { DEFAULT_RETENTION } from '../core/privacy/retention-policy';
import { coalesceWrites } from './write-coalescing';
import { Realtime, SOCKET_SERVER_OPTIONS, type HubIo } from './realtime';
import type { Async } from './store/async-of';
import { PhoneFeed } from './public/phone-feed';
import { DossierFeed } from './public/dossier-feed';
import { PublicStreams } from './public/public-streams';
import { DEFAULT_PHONE_LIMITS, type PhoneLimits } from './public/phone-limits';
import { PhonePages } from './public/phone-pages';
import { registerPhoneRoutes } from './public/phone-routes';
import { registerDossierStatusRoutes } from './public/dossier-status-routes';
import { PublicGuard } from './public/public-guard';
import { QueueReminders } from './public/queue-reminders';
import { DEFAULT_BOOKING_LIMITS, type BookingLimits } from './booking/booking-limits';
import { registerBookingRoutes } from './booking/booking-routes';
import { BookingService } from './booking/booking-service';

/** `rated_by` of a rating given on the ticket's own phone page. */
export const PHONE_RATER = 'phone-page';

/** The phone page's build (renderer/phone → dist/phone), beside the hub's sources in the repository. */
export const PHONE_PAGES_DIR = path.resolve(import.meta.dirname, '../dist/phone');
/** The booking page's build (renderer/booking → dist/booking). */
export const BOOKING_PAGES_DIR = path.resolve(import.meta.dirname, '../dist/booking');
import { assertPlainHttpAllowed, hubTlsMaterial, type HubTlsMaterial } from './tls/hub-tls';

export const HUB_VERSION = '0.1.0';

export interface HubOptions {
  readonly config: CentreDefinition;
  /**
   * Defaults to <config.hub.dataDir>/hub.sqlite: the hub's database, or on PostgreSQL this
   * process's file for the parts not on PostgreSQL yet (hub/store/hub-backend.ts). Its directory
   * is the data dir (dossier files, TLS material).
   */
  readonly dbFile?: string;
  /**
   * Where a SQLite hub keeps dossiers' scans and result files (default: `dossier-files` beside
   * dbFile). On PostgreSQL the bytes are in the province database (table dossier_blobs) and this
   * directory is not used: every process reads what any other received (docs/province.md).
   */
  readonly dossierFilesDir?: string;
  /** The store: SQLite at dbFile (the default), or one centre of a province's PostgreSQL database. */
  readonly store?: HubStoreChoice;
  /** Defaults to config.hub.host / port; port 0 picks a free one. */
  readonly host?: string;
  readonly port?: number;
  readonly clock?: () => Date;
  readonly log?: boolean;
  /**
   * Overrides config.hub.tls: false serves plain HTTP (loopback only: tests and the demo say so
   * explicitly); an object names the certificates. Absent: the config's, TLS by default.
   */
  readonly tls?: CentreDefinition['hub']['tls'];
  /** Webhook subscriptions and the national portal, secrets read (kiosk-config readIntegrationSecrets); absent: none. */
  readonly integrations?: HubIntegrations;
  /** The outbox worker's timers and jitter source (tests drive deliveries with a pinned clock). */
  readonly outboxTimers?: OutboxTimers;
  readonly random?: () => number;
  /** The public ticket page's limits (hub/public/phone-limits.ts); tests and benchmarks tighten or widen them. */
  readonly phoneLimits?: Partial<PhoneLimits>;
  /** Where the phone page's build is; defaults to PHONE_PAGES_DIR. */
  readonly phonePagesDir?: string;
  /** The public booking page's limits (hub/booking/booking-limits.ts); tests tighten them. */
  readonly bookingLimits?: Partial<BookingLimits>;
  /** Where the booking page's build is; defaults to BOOKING_PAGES_DIR. */
  readonly bookingPagesDir?: string;
}

/** The centre's server: the single source of truth for the queue. */
export class Hub {
  private app: FastifyInstance | null = null;
  private io: HubIo | null = null;
  /** Dossier events to the other centres' hubs (PostgreSQL), or null. */
  private relay: ReturnType<typeof ProvinceRelay.join> | null = null;
  private backend: OpenedBackend | null = null;
  private dayTimer: NodeJS.Timeout | null = null;
  private backups: BackupSchedule | null = null;
  private auditLog: Async<AuditLog> | null = null;
  private pairingService: PairingService | null = null;
  private monitor: DeviceMonitor | null = null;
  private purge: RetentionPurge | null = null;
  private outbox: Outbox | null = null;
  private started = false;
  private address: { url: string; port: number } | null = null;
  private tlsMaterial: HubTlsMaterial | null = null;
  private phoneFeed: PhoneFeed | null = null;

  constructor(private readonly options: HubOptions) {}

  get url(): string {
    if (!this.address) throw new Error('Hub not started');
    return this.address.url;
  }

  /** The CA terminals must trust (file and SHA-256 fingerprint); null when serving plain HTTP. */
  get tls(): { readonly caFile: string | null; readonly caFingerprint: string | null } | null {
    if (!this.address) throw new Error('Hub not started');
    return this.tlsMaterial && { caFile: this.tlsMaterial.caFile, caFingerprint: this.tlsMaterial.caFingerprint };
  }

  /** The outbox's worker: deliveries to webhooks and the national portal (tests run its passes by hand). */
  get deliveries(): OutboxWorker {
    if (!this.outbox) throw new Error('Hub not started');
    return this.outbox.worker;
  }

  /** Pairing codes, revocations and rotations of the centre's devices (the demo pairs its own agents with it). */
  get pairing(): PairingService {
    if (!this.pairingService) throw new Error('Hub not started');
    return this.pairingService;
  }

  /** The administrative-actions log, for the parts that record into it (pairing, erasures, backups…). */
  get audit(): Async<AuditLog> {
    if (!this.auditLog) throw new Error('Hub not started');
    return this.auditLog;
  }

  async start(): Promise<{ url: string; port: number }> {
    if (this.started) throw new Error('Hub.start() called twice');
    this.started = true;
    const { config } = this.options;
    const clock = this.options.clock ?? (() => new Date());
    const choice = this.options.store ?? { kind: 'sqlite' };
    // First: what a hub on PostgreSQL cannot do yet is a typed refusal before anything opens.
    if (choice.kind === 'postgres') {
      const refusal = refusalOnPostgres(config);
      if (refusal) throw refusal;
    }
    // Before anything opens: scheduled backups without a key are a refusal to start, not a silent gap.
    const backupKey = config.hub.backup ? backupPassphrase(process.env, config.hub.backup.keyFile) : null;
    const dbFile = this.options.dbFile ?? path.join(config.hub.dataDir, 'hub.sqlite');
    const host = this.options.host ?? config.hub.host;
    const tlsSettings = this.options.tls ?? config.hub.tls ?? {};
    // Checked before anything is opened: a refused start leaves nothing behind.
    if (tlsSettings === false) assertPlainHttpAllowed(host);
    const tls = tlsSettings === false ? null : hubTlsMaterial(tlsSettings, { dataDir: path.dirname(dbFile), host, centreName: config.centre.name }, clock());
    this.tlsMaterial = tls;
    // Rooms carry the centre: hub processes of several centres share one PostgreSQL adapter (one SQLite hub: one centre).
    const centreId = choice.kind === 'postgres' ? choice.centreId : SINGLE_CENTRE_ID;
    // The centres a result may be collected at: the province's on PostgreSQL, this one only on SQLite.
    const centres = centreDirectoryOf({ id: centreId, name: config.centre.name }, choice.kind === 'postgres' ? config.provinceCentres : undefined);
    const backend = await openBackend(choice, dbFile, config.centre, clock(), centres);
    this.backend = backend;
    const { db, store, repos } = backend;
    const registry = new DeviceRegistry(config, { credentials: repos.deviceCredentials, clock });
    const app = Fastify({
      ...HTTP_SERVER_OPTIONS,
      logger: maskedLoggerOptions(this.options.log),
      // Only the configured proxies' X-Forwarded-For names the client (req.ip): the phone page's per-address budgets.
      ...(config.hub.trustedProxies ? { trustProxy: [...config.hub.trustedProxies] } : {}),
      // HTTPS and HTTP servers take the same request handler; the API does not care which it is behind.
      serverFactory: (handler) => (tls ? (createHttpsServer({ key: tls.key, cert: tls.cert }, handler) as unknown as HttpServer) : createHttpServer(handler)),
    });
    this.app = app;
    const io: HubIo = new Server(app.server, { ...SOCKET_SERVER_OPTIONS, serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
    this.io = io;
    coalesceWrites(io);
    // Several processes on one PostgreSQL: io.to(room).emit() reaches the sockets of every process (LISTEN/NOTIFY).
    // The centre's own channel (its processes only); what crosses centres goes through the province relay.
    const liveEventsError = (e: Error) => console.error(`motcua hub: live events across processes: ${e.message}`);
    if (backend.pool) io.adapter(createAdapter(adapterPool(backend.pool), { channelPrefix: centreChannelPrefix(centreId), errorHandler: liveEventsError }));
    const relay = backend.pool ? ProvinceRelay.join(backend.pool, centreId, (event) => io.local.to(dossierRoomsAt(centreId, event)).emit('dossier:event', event), liveEventsError) : null;
    this.relay = relay;

    let realtime: Realtime | null = null;
    let phone: PhoneFeed | null = null;
    let dossierFeed: DossierFeed | null = null;
    const dossierFilesDir = this.options.dossierFilesDir ?? path.join(path.dirname(dbFile), 'dossier-files');
    const blobs = backend.dossierBlobs(dossierFilesDir);
    const services = createHubServices({
      audit: backend.auditLog(clock),
      blobs,
      province: backend.province,
      store,
      repos,
      config,
      registry,
      clock,
      publishQueue: (events) => {
        realtime?.publish(events);
        phone?.onEvents(events);
      },
      // One emit to the union of the rooms: a socket in both hears it once.
      centres,
      // The agency's back office; the receiving centre's counters always, the collecting centre's once the result is ready
      // (core/dossiers/collection.ts). Here to this centre's rooms; through the relay to the other centres' hubs, which do the same.
      publishDossier: (event) => {
        io.to(dossierRoomsAt(centreId, event)).emit('dossier:event', event);
        relay?.dossierEvent(event);
        dossierFeed?.onEvent(event);
      },
      // Whoever is signed in shows on the device at once, and on any reconnect (the hello carries it).
      officersChanged: (deviceIds) => {
        for (const id of deviceIds) {
          const device = registry.all().find((d) => d.id === id);
          if (device) {
            void hello(device).then(
              (h) => io.to(deviceRoom(id)).emit('session:hello', h),
              // The store away (PostgreSQL restarting): the device gets its hello at its next connection.
              // The hub closed meanwhile (its store ended under the read): nobody left to tell, nothing to log.
              (e: unknown) => {
                if (this.io) console.error(`motcua hub: hello for ${id} failed: ${(e as Error).message}`);
              },
            );
          }
        }
      },
      // A revoked or re-paired device: every socket it holds goes at once (each joined its own room).
      disconnectDevice: (deviceId) => io.in(deviceRoom(deviceId)).disconnectSockets(true),
    });
    const { queue, monitor, stats, dossiers } = services;
    this.monitor = monitor;
    this.auditLog = services.audit;
    // A config that differs from the last one the hub ran is an administrative action: audited.
    await recordConfigChange(repos.configDigests, store, services.audit, config, clock());
    this.pairingService = services.pairing;
    joinRoomsOnConnection(io, registry, dossiers, centreId);
    // Deliveries to other systems are written in each command's own transaction (hub/integrations/outbox-*.ts).
    const outbox = createOutbox({ repo: repos.outbox, integrations: this.options.integrations, departments: config.departments, procedures: config.procedures, clock, timers: this.options.outboxTimers, random: this.options.random, centreName: config.centre.name, znsTokens: backend.znsTokens(this.options.integrations?.notifier?.zns?.refreshToken, clock) });
    this.outbox = outbox;
    // "Nhắc tôi khi còn N người": registered on the phone page, sent from the call's transaction.
    const reminders = new QueueReminders({ store, reminders: repos.ticketReminders, tokens: services.ticketTokens, outbox: outbox.repo, services: config.services, centreName: config.centre.name, offered: outbox.remindersOffered });
    const runner = new CommandRunner({ store, log: repos.commandLog }, clock, outbox.wrap(commandHandlers(services), { afterCall: (at, called) => reminders.afterCall(at, called) }), {
      retentionDays: config.hub.commandLogRetentionDays ?? 7,
      admit: (device) => adminCommandProblem(services, device),
      direct: { 'ticket:issue': (ctx, input) => services.queue.issueAlone(ctx, input) },
    });
    // The command log's old answers go first (then with the first command of each day).
    await runner.pruneIfDue(clock());
    // Personal data by policy: purged at start, then daily (hub/privacy/retention-purge.ts).
    this.purge = new RetentionPurge({ privacy: { store, personalData: repos.personalData, privacyRequests: repos.privacyRequests, audit: services.audit, reminders: repos.ticketReminders }, timeZone: config.centre.timeZone, policy: config.privacy?.retention ?? DEFAULT_RETENTION, commandLogRetentionDays: config.hub.commandLogRetentionDays ?? 7, blobs, clock });
    await this.purge.start();
    const hello = (device: DeviceInfo): Promise<Hello> => helloFor(device, config, services);
    realtime = new Realtime(io, { registry, queue, runner, monitor, hello, adminFeedAllowed: (deviceId, at) => adminFeedAllowed(services, deviceId, at), clock, centreRoom: centreRoom(centreId), ...(backend.listeners ? { listeners: backend.listeners } : {}) });
    const live = realtime;
    // The sign-in/out answers once its push is sent; a failure (on PostgreSQL, the pool ended by a close just after a sign-out) is logged there, never the sign-in's error.
    services.adminSessions.onChange((deviceId) => live.adminSessionChanged(deviceId));
    registerHttpApi(app, {
      registry,
      queue,
      runner,
      monitor,
      stats,
      dossiers,
      adminAccounts: services.adminAccounts,
      adminSessions: services.adminSessions,
      province: services.province,
      apiKeys: services.apiKeys,
      departments: config.departments,
      blobs,
      clock,
      deliveries: { repo: outbox.repo, subscriptions: outbox.integrations.webhooks.subscriptions, portalConfigured: outbox.integrations.nationalPortal !== undefined, kick: () => outbox.worker.kick() },
      version: HUB_VERSION,
      health: async () => ({ status: 'ok', version: HUB_VERSION, centre: config.centre.name, day: queue.today(), seq: await queue.lastSeq(), connectedDevices: monitor.connectedCount() }),
    });

    const phoneLimits = { ...DEFAULT_PHONE_LIMITS, ...this.options.phoneLimits };
    // One set of live streams (and limits) for the public pages: the ticket page and the receipt's status page.
    const publicStreams = new PublicStreams(phoneLimits);
    phone = new PhoneFeed({ tokens: services.ticketTokens, tickets: repos.tickets, services: config.services, counters: config.counters, timeZone: config.centre.timeZone, clock, limits: phoneLimits, remindersOffered: reminders.offered, streams: publicStreams });
    dossierFeed = new DossierFeed({ streams: publicStreams, view: (code, now) => dossiers.publicByCode(code, now), clock });
    this.phoneFeed = phone;
    // The public pages (ticket /t/, dossier status /hs/) share their pages, headers and budgets.
    const publicPages = new PhonePages(this.options.phonePagesDir ?? PHONE_PAGES_DIR);
    const guard = new PublicGuard(phoneLimits, clock);
    registerPhoneRoutes(app, {
      tokens: services.ticketTokens,
      feed: phone,
      pages: publicPages,
      limits: phoneLimits,
      guard,
      timeZone: config.centre.timeZone,
      clock,
      reminders,
      // The rating service's rules, from the ticket's own page; its webhooks in the same transaction.
      rate: async (ticketId, input, at) => {
        const rated = await services.ratings.ratePublic(store, ticketId, input, at, PHONE_RATER, (r) => outbox.ratingGiven(at.toISOString(), r));
        if (rated.ok) outbox.kick();
        return rated;
      },
    });
    registerDossierStatusRoutes(app, { find: (token, now) => services.dossiers.publicByToken(token, now), feed: dossierFeed, pages: publicPages, guard, clock });

    // The public booking page (issue 15): its own routes, budgets and transactions (hub/booking/).
    const booking = new BookingService({ store, bookings: repos.bookings, appointments: repos.appointments, tickets: repos.tickets, config: config.appointments, services: config.services, calendar: services.calendar, timeZone: config.centre.timeZone, clock });
    registerBookingRoutes(app, { booking, pages: new PhonePages(this.options.bookingPagesDir ?? BOOKING_PAGES_DIR), limits: { ...DEFAULT_BOOKING_LIMITS, ...this.options.bookingLimits }, clock });

    registerPairingRoute(app, { pairing: services.pairing, ca: tls?.caFile && tls.caFingerprint ? { pem: readFileSync(tls.caFile, 'utf8'), fingerprint: tls.caFingerprint } : null, clock });

    // The day a number belongs to changes at midnight in the centre's zone: push everyone a fresh snapshot.
    let day = queue.today();
    this.dayTimer = setInterval(() => {
      const now = queue.today();
      if (now !== day) {
        day = now;
        realtime?.broadcastSnapshot().catch((e: unknown) => console.error(`motcua hub: day-change snapshot failed: ${(e as Error).message}`));
      }
    }, 30_000);
    this.dayTimer.unref();

    const backup = config.hub.backup;
    if (backup && backupKey && db) {
      this.backups = new BackupSchedule({ db, audit: services.audit, ...backup, passphrase: backupKey, clock, onError: (e) => console.error(`motcua hub: scheduled backup failed: ${e.message}`) });
      this.backups.start();
    }
    await app.listen({ host, port: this.options.port ?? config.hub.port });
    // Rows left pending by a previous run (a crash mid-attempt included) are picked up now.
    outbox.worker.start();
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    // Named as it is named again when it restarts (its name left by a crash then goes).
    backend.listeners?.start(listenerName(path.dirname(dbFile), port));
    this.address = { url: `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`, port };
    return this.address;
  }

  async close(): Promise<void> {
    if (this.dayTimer) clearInterval(this.dayTimer);
    this.dayTimer = null;
    await this.backups?.close();
    this.backups = null;
    this.purge?.close();
    this.purge = null;
    await this.outbox?.worker.close();
    this.outbox = null;
    // Open phone streams would hold the HTTP server's close: end them first.
    this.phoneFeed?.close();
    this.phoneFeed = null;
    // Sockets closing below would announce their devices' state: nobody is left to hear it.
    this.monitor?.close();
    this.monitor = null;
    // Closing the engine drops the transports: devices see a transport close and reconnect by themselves.
    if (this.io) await new Promise<void>((resolve) => void this.io!.close(() => resolve()));
    this.io = null;
    await this.relay?.leave();
    this.relay = null;
    // No socket left here: the others need not publish to this process any more.
    await this.backend?.listeners?.close();
    if (this.app) await this.app.close().catch(() => undefined);
    this.app = null;
    await this.backend?.close();
    this.backend = null;
    this.auditLog = null;
    this.pairingService = null;
  }
}
