import path from 'node:path';
import type { Database } from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import type { CentreDefinition } from '../core/centre';
import type { DeviceInfo } from '../core/devices';
import type { Hello } from '../core/protocol/socket';
import { commandHandlers } from './command-handlers';
import { CommandRunner } from './commands/command-runner';
import { openDatabase } from './db/open-database';
import { joinRoomsOnConnection } from './device-rooms';
import { DeviceRegistry } from './device-registry';
import { COUNTERS_ROOM, departmentRoom, deviceRoom } from './dossiers/dossier-service';
import { adminCommandProblem } from './admin/admin-commands';
import { helloFor } from './hello';
import { registerHttpApi } from './http-api';
import { HTTP_SERVER_OPTIONS } from './http-refusals';
import { createHubServices } from './hub-services';
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
    const services = createHubServices({
      db,
      config,
      registry,
      clock,
      publishQueue: (events) => realtime?.publish(events),
      // One emit to the union of the rooms: a socket in both hears it once.
      publishDossier: (departmentId, event) => io.to(departmentRoom(departmentId)).to(COUNTERS_ROOM).emit('dossier:event', event),
      // Whoever is signed in shows on the device at once, and on any reconnect (the hello carries it).
      officersChanged: (deviceIds) => {
        for (const id of deviceIds) {
          const device = registry.all().find((d) => d.id === id);
          if (device) io.to(deviceRoom(id)).emit('session:hello', hello(device));
        }
      },
    });
    const { queue, monitor, stats, dossiers } = services;
    joinRoomsOnConnection(io, registry, dossiers);
    const runner = new CommandRunner(db, clock, commandHandlers(services), {
      retentionDays: config.hub.commandLogRetentionDays ?? 7,
      admit: (device) => adminCommandProblem(services, device),
    });
    const hello = (device: DeviceInfo): Hello => helloFor(device, config, services);
    realtime = new Realtime(io, { registry, queue, runner, monitor, hello });
    registerHttpApi(app, {
      registry,
      queue,
      runner,
      monitor,
      stats,
      dossiers,
      adminAccounts: services.adminAccounts,
      adminSessions: services.adminSessions,
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
