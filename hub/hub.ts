import path from 'node:path';
import type { Database } from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import type { DeviceInfo } from '../core/devices';
import type { Hello } from '../core/protocol/socket';
import type { CentreDefinition } from '../core/centre';
import { openDatabase } from './db/open-database';
import { DeviceRegistry } from './device-registry';
import { registerHttpApi } from './http-api';
import { HTTP_SERVER_OPTIONS } from './http-refusals';
import { resolveCalendarConfig } from '../core/calendar/calendar-config';
import { DueDateCalendar } from '../core/calendar/due-date-calendar';
import { AppointmentService } from './appointments/appointment-service';
import { ClerkDirectory } from './clerks/clerk-directory';
import { CommandRunner } from './commands/command-runner';
import { DeviceMonitor } from './devices/device-monitor';
import { OfficerDesk } from './clerks/officer-desk';
import { COUNTERS_ROOM, DossierService, departmentRoom, deviceRoom } from './dossiers/dossier-service';
import { offlineNumberBlock } from '../core/queue/rules';
import { NumberLeases } from './queue/number-leases';
import { QueueService } from './queue/queue-service';
import { RatingService } from './ratings/rating-service';
import { StatsService } from './stats/stats-service';
import { Realtime, SOCKET_SERVER_OPTIONS, type HubIo } from './realtime';

export const HUB_VERSION = '0.1.0';

export interface HubOptions {
  readonly config: CentreDefinition;
  /** Defaults to <config.hub.dataDir>/hub.sqlite. */
  readonly dbFile?: string;
  /** Defaults to config.hub.host / port; port 0 picks a free one. */
  readonly host?: string;
  readonly port?: number;
  readonly clock?: () => Date;
  readonly log?: boolean;
}

/** The centre's server: the single source of truth for the queue. */
export class Hub {
  private app: FastifyInstance | null = null;
  private io: HubIo | null = null;
  private db: Database | null = null;
  private dayTimer: NodeJS.Timeout | null = null;
  private started = false;
  private address: { url: string; port: number } | null = null;

  constructor(private readonly options: HubOptions) {}

  get url(): string {
    if (!this.address) throw new Error('Hub not started');
    return this.address.url;
  }

  async start(): Promise<{ url: string; port: number }> {
    if (this.started) throw new Error('Hub.start() called twice');
    this.started = true;
    const { config } = this.options;
    const clock = this.options.clock ?? (() => new Date());
    const dbFile = this.options.dbFile ?? path.join(config.hub.dataDir, 'hub.sqlite');
    const db = openDatabase(dbFile);
    this.db = db;
    const registry = new DeviceRegistry(config);
    const app = Fastify({ ...HTTP_SERVER_OPTIONS, logger: this.options.log ?? false });
    this.app = app;
    const io: HubIo = new Server(app.server, { ...SOCKET_SERVER_OPTIONS, serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
    this.io = io;

    let realtime: Realtime | null = null;
    const monitor = new DeviceMonitor(db, registry.all(), clock);
    const clerks = new ClerkDirectory(config.clerks, clock);
    const queue = new QueueService({
      db,
      services: config.services,
      counters: config.counters,
      rules: config.queue,
      clerks,
      timeZone: config.centre.timeZone,
      clock,
      publish: (events) => realtime?.publish(events),
    });
    const calendarSettings = resolveCalendarConfig(config.calendar);
    // The config schema already validated the calendar; a refusal here is a programming error.
    if (!calendarSettings.ok) throw new Error(`calendar: ${calendarSettings.problems.map((p) => p.message).join('; ')}`);
    const calendar = new DueDateCalendar(calendarSettings.value);
    const departmentOfDevice = new Map(config.devices.flatMap((d) => (d.departmentId ? [[d.id, d.departmentId] as const] : [])));
    const officers = new OfficerDesk({
      db,
      officers: config.officers,
      clock,
      departmentOf: (deviceId) => departmentOfDevice.get(deviceId) ?? null,
      departmentName: (id) => config.departments.find((d) => d.id === id)?.name ?? id,
      // Whoever is signed in shows on the device at once, and on any reconnect (the hello carries it).
      changed: (deviceIds) => {
        for (const id of deviceIds) {
          const device = registry.all().find((d) => d.id === id);
          if (device) io.to(deviceRoom(id)).emit('session:hello', hello(device));
        }
      },
    });
    const dossiers = new DossierService({
      db,
      codePrefix: config.dossierCodePrefix,
      departments: config.departments,
      procedures: config.procedures,
      devices: config.devices,
      calendar,
      clerkAt: (counterId) => queue.clerkAt(counterId),
      officerAt: (deviceId) => officers.at(deviceId),
      officersRequired: (departmentId) => officers.required(departmentId),
      // One emit to the union of the rooms: a socket in both hears it once.
      publish: (departmentId, event) => io.to(departmentRoom(departmentId)).to(COUNTERS_ROOM).emit('dossier:event', event),
    });
    // A back-office device joins its department's room, so only that department hears of its dossiers;
    // every counter hears of every dossier; each device has a room of its own (a fresh hello after sign-in).
    io.on('connection', (socket) => {
      const { deviceId } = socket.data;
      void socket.join(deviceRoom(deviceId));
      const departmentId = dossiers.departmentOf(deviceId);
      if (departmentId) void socket.join(departmentRoom(departmentId));
      if (registry.all().find((d) => d.id === deviceId)?.role === 'counter') void socket.join(COUNTERS_ROOM);
    });
    const appointments = new AppointmentService({
      db,
      config: config.appointments,
      services: config.services,
      calendar,
      timeZone: config.centre.timeZone,
      queue,
    });
    const ratings = new RatingService(db);
    const stats = new StatsService({ db, services: config.services, counters: config.counters, clerks: clerks.list(), timeZone: config.centre.timeZone, clock });
    const leases = new NumberLeases({ db, services: config.services, rules: config.queue, timeZone: config.centre.timeZone, queue });
    const runner = new CommandRunner(db, clock, {
      'ticket:issue': (ctx, input) => {
        leases.refuseSuperseded(ctx, input.commandId);
        return queue.issue(ctx, input);
      },
      'counter:call-next': (ctx, input) => queue.callNext(ctx, input),
      'ticket:start': (ctx, input) => queue.atCounter(ctx, input.ticketId, 'start'),
      'ticket:complete': (ctx, input) => queue.atCounter(ctx, input.ticketId, 'complete'),
      'ticket:no-show': (ctx, input) => queue.atCounter(ctx, input.ticketId, 'no-show'),
      'ticket:recall': (ctx, input) => queue.atCounter(ctx, input.ticketId, 'recall'),
      'ticket:transfer': (ctx, input) => queue.transfer(ctx, input),
      'ticket:cancel': (ctx, input) => queue.cancel(ctx, input.ticketId),
      'ticket:lease-numbers': (ctx, input) => leases.lease(ctx, input),
      'ticket:deliver-offline': (ctx, input) => leases.deliver(ctx, input),
      'counter:pause': (ctx, input) => queue.setPaused(ctx, input.counterId, true, input.reason),
      'counter:resume': (ctx, input) => queue.setPaused(ctx, input.counterId, false, null),
      'counter:sign-in': (ctx, input) => queue.signIn(ctx, input),
      'counter:sign-out': (ctx, input) => queue.signOut(ctx, input.counterId),
      'device:report-printer': (ctx, input) => monitor.reportPrinter(ctx, input),
      'device:report-serial': (ctx, input) => monitor.reportSerial(ctx, input),
      'ticket:rate': (ctx, input) => ratings.rate(ctx, input),
      'appointment:book': (ctx, input) => appointments.book(ctx, input),
      'appointment:cancel': (ctx, input) => appointments.cancel(ctx, input),
      'appointment:slots': (ctx, input) => appointments.slots(ctx, input),
      'appointment:list': (ctx, input) => appointments.list(ctx, input),
      'appointment:check-in': (ctx, input) => appointments.checkIn(ctx, input),
      'dossier:receive': (ctx, input) => dossiers.receive(ctx, input),
      'dossier:act': (ctx, input) => dossiers.act(ctx, input),
      'dossier:lookup': (ctx, input) => dossiers.lookup(ctx, input),
      'dossier:list': (ctx, input) => dossiers.list(ctx, input),
      'dossier:get': (ctx, input) => dossiers.get(ctx, input),
      'dossier:lease-codes': (ctx, input) => dossiers.leaseCodes(ctx, input),
      'officer:sign-in': (ctx, input) => officers.signIn(ctx, input),
      'officer:sign-out': (ctx, input) => officers.signOut(ctx, input),
    }, { retentionDays: config.hub.commandLogRetentionDays ?? 7 });
    const hello = (device: DeviceInfo): Hello => ({
      protocol: 1,
      device,
      centre: { name: config.centre.name, timeZone: config.centre.timeZone, onPrintFailure: config.centre.onPrintFailure },
      services: [...config.services],
      counters: [...config.counters],
      // The block size resolved, so a kiosk never guesses a default other than the hub's.
      rules: { ...config.queue, offlineNumberBlock: offlineNumberBlock(config.queue) },
      clerks: clerks.list(),
      snapshot: queue.snapshot(),
      dossiers: { codePrefix: config.dossierCodePrefix, departments: [...config.departments], procedures: [...config.procedures], calendar: config.calendar },
      officers: device.role === 'backoffice' ? officers.ofDepartment(departmentOfDevice.get(device.id) ?? null) : [],
      officer: device.role === 'backoffice' ? officers.at(device.id) : null,
    });
    realtime = new Realtime(io, { registry, queue, runner, monitor, hello });
    registerHttpApi(app, {
      registry,
      queue,
      runner,
      monitor,
      stats,
      dossiers,
      dossierFilesDir: path.join(path.dirname(dbFile), 'dossier-files'),
      clock,
      version: HUB_VERSION,
      health: () => ({ status: 'ok', version: HUB_VERSION, centre: config.centre.name, day: queue.today(), seq: queue.lastSeq(), connectedDevices: monitor.connectedCount() }),
    });

    // The day a number belongs to changes at midnight in the centre's zone: push everyone a fresh snapshot.
    let day = queue.today();
    this.dayTimer = setInterval(() => {
      const now = queue.today();
      if (now !== day) {
        day = now;
        realtime?.broadcastSnapshot();
      }
    }, 30_000);
    this.dayTimer.unref();

    const host = this.options.host ?? config.hub.host;
    await app.listen({ host, port: this.options.port ?? config.hub.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    this.address = { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port };
    return this.address;
  }

  async close(): Promise<void> {
    if (this.dayTimer) clearInterval(this.dayTimer);
    this.dayTimer = null;
    // Closing the engine drops the transports: devices see a transport close and reconnect by themselves.
    if (this.io) await new Promise<void>((resolve) => this.io!.close(() => resolve()));
    this.io = null;
    if (this.app) await this.app.close().catch(() => undefined);
    this.app = null;
    this.db?.close();
    this.db = null;
  }
}
