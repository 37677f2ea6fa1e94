import type { Server, ServerOptions, Socket } from 'socket.io';
import type { DeviceInfo } from '../core/devices';
import { COMMAND_NAMES } from '../core/protocol/commands';
import { DeviceAuthSchema, type ClientToServerEvents, type HandshakeRefusal, type Hello, type ServerToClientEvents, type SocketData } from '../core/protocol/socket';
import type { QueueEvent } from '../core/queue/snapshot';
import { err, type Result } from '../core/result';
import { capMessage, MAX_ERROR_MESSAGE_CHARS, payloadProblem } from '../core/validation';
import type { DeviceRegistry } from './device-registry';
import type { CommandRunner } from './commands/command-runner';
import type { DeviceMonitor } from './devices/device-monitor';
import type { QueueService } from './queue/queue-service';
import { boundedParser, RefusedPayload } from './socket-parser';

export type HubIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  readonly registry: DeviceRegistry;
  readonly queue: QueueService;
  readonly runner: CommandRunner;
  readonly monitor: DeviceMonitor;
  readonly hello: (device: DeviceInfo) => Promise<Hello>;
  /**
   * May the floor's device list reach this admin device now? Once the centre has administrator
   * accounts, only while one is signed in at it (hub/admin/admin-commands.ts); absent: always.
   */
  readonly adminFeedAllowed?: (deviceId: string, at: Date) => Promise<boolean>;
  /** The hub's clock: the instant a change happened, for which the admin feed is decided. */
  readonly clock: () => Date;
  /** The room of this hub's centre (hub/dossiers/dossier-service.ts centreRoom): where the queue is broadcast. */
  readonly centreRoom: string;
  /**
   * Several processes on PostgreSQL: whether this process must be counted among the centre's
   * listeners before a device reads its snapshot, and whether the queue's events must reach the
   * other processes (hub/store/pg/centre-listeners.ts). Absent (one SQLite hub): every event goes
   * to every socket.
   */
  readonly listeners?: CentreListening;
}

/** What Realtime asks of the centre's listening processes (CentreListeners on PostgreSQL). */
export interface CentreListening {
  joined(): Promise<void>;
  emptied(): void;
  othersNeed(seqs: readonly number[]): boolean;
}

/** The Socket.IO room of admin devices, which follow every device's health. */
const ADMINS = 'admins';

/**
 * The largest frame a device may send. Terminals send no files over the socket (the dossier's
 * PDF goes over HTTP); the largest legitimate command, dossier:receive at its maximum, is about
 * 19 kB of JSON (40 kB were every character 3 bytes). A malformed payload up to 1 MiB still gets
 * its typed answer; a larger frame closes that device's connection and nobody else's.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 1024 * 1024;

/** The Socket.IO server options that bound what one device can make the hub read. */
export const SOCKET_SERVER_OPTIONS: Readonly<Pick<ServerOptions, 'maxHttpBufferSize' | 'parser'>> = { maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES, parser: boundedParser };

const KNOWN_EVENTS: ReadonlySet<string> = new Set([...COMMAND_NAMES, 'sync:snapshot']);

/** A refusal never carries more than a short message, whatever produced it. */
function bounded<T>(result: Result<T>): Result<T> {
  return result.ok || result.error.message.length <= MAX_ERROR_MESSAGE_CHARS ? result : err(result.error.kind, capMessage(result.error.message));
}

function refuse(refusal: HandshakeRefusal): Error {
  return Object.assign(new Error(refusal.kind), { data: refusal });
}

/**
 * Devices over Socket.IO: the handshake must carry an enrolled device id and token; each
 * connection gets a hello (with a snapshot); commands are answered through the ack callback.
 */
export class Realtime {
  private readonly devices = new Map<string, DeviceInfo>();
  /** Events published this turn, not yet broadcast. */
  private outbox: QueueEvent[] = [];
  /** Sockets connected to this hub (each in the centre's room). */
  private sockets = 0;
  /** The admin feed's last push (see inFeedOrder). */
  private feed: Promise<void> = Promise.resolve();

  constructor(
    private readonly io: HubIo,
    private readonly deps: RealtimeDeps,
  ) {
    io.use((socket, next) => {
      const auth = DeviceAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return next(refuse({ kind: 'invalid-input', message: 'Thiếu mã thiết bị: gửi auth { deviceId, token } (handshake auth must be { deviceId, token }).' }));
      // The credentials are the store's: a PostgreSQL look-up answers later, and a store that is down refuses the handshake for now.
      deps.registry.authenticate(auth.data.deviceId, auth.data.token).then(
        (device) => {
          if (!device) return next(refuse({ kind: 'unauthorized', message: `Thiết bị "${auth.data.deviceId}" chưa đăng ký hoặc sai mã (unknown device or wrong token).` }));
          socket.data.deviceId = device.id;
          this.devices.set(socket.id, device);
          next();
        },
        (e: unknown) => next(refuse({ kind: 'hub-unavailable', message: `Máy chủ chưa kiểm tra được mã thiết bị, thử lại sau (${(e as Error).message}).` })),
      );
    });
    io.on('connection', (socket) => this.onConnection(socket));
    deps.monitor.onChange((devices) => {
      const sockets = this.adminSockets();
      if (sockets.length === 0) return;
      const at = deps.clock();
      void this.inFeedOrder(async () => {
        for (const socket of sockets) if (await this.feedAllowed(socket.data.deviceId, at)) socket.emit('devices:status', devices);
      });
    });
  }

  /**
   * An administrator signed in or out at this admin device: its sockets get the device list now,
   * or an empty one (the terminal forgets what it held), and from then on only while signed in.
   * Settles once the list is sent (the sign-in's answer waits for it); never rejects (logged).
   */
  adminSessionChanged(deviceId: string): Promise<void> {
    const sockets = this.adminSockets().filter((s) => s.data.deviceId === deviceId);
    if (sockets.length === 0) return Promise.resolve();
    const at = this.deps.clock();
    return this.inFeedOrder(async () => {
      const devices = (await this.feedAllowed(deviceId, at)) ? await this.deps.monitor.statuses() : [];
      for (const socket of sockets) socket.emit('devices:status', devices);
    });
  }

  /**
   * The admin feed's pushes go out in the order of the changes that caused them, each decided for
   * the instant of its change: a device change while a session was live is not overtaken by the
   * sign-out after it, nor one after the session expired let through by a check that ran late.
   */
  private inFeedOrder(push: () => Promise<void>): Promise<void> {
    this.feed = this.feed.then(push).catch((e: unknown) => console.error(`motcua hub: admin feed update failed: ${(e as Error).message}`));
    return this.feed;
  }

  private async feedAllowed(deviceId: string, at: Date): Promise<boolean> {
    return (await this.deps.adminFeedAllowed?.(deviceId, at)) ?? true;
  }

  private adminSockets(): HubSocket[] {
    const ids = this.io.sockets.adapter.rooms.get(ADMINS) ?? new Set<string>();
    return [...ids].flatMap((id) => {
      const socket = this.io.sockets.sockets.get(id);
      return socket ? [socket] : [];
    });
  }

  /**
   * Queues events for the next broadcast. Everything published in the same turn of the event
   * loop — a group commit runs all its broadcasts in one turn — goes out as ONE `queue:events`
   * frame, in seq order: each frame costs a write to every connected socket, so one frame per
   * event made writev take 29 % of the hub's profile at 32 sockets (6 % since).
   */
  publish(events: readonly QueueEvent[]): void {
    if (events.length === 0) return;
    this.outbox.push(...events);
    if (this.outbox.length === events.length) queueMicrotask(() => this.flushEvents());
  }

  async broadcastSnapshot(): Promise<void> {
    const snapshot = await this.deps.queue.snapshot();
    this.flushEvents(); // the snapshot already counts them: they must not arrive after it
    this.io.to(this.deps.centreRoom).emit('queue:snapshot', snapshot);
  }

  private flushEvents(): void {
    if (this.outbox.length === 0) return;
    const events = this.outbox;
    this.outbox = [];
    // Only this process's sockets when no other process listened as they were numbered (a NOTIFY each saved).
    const others = this.deps.listeners?.othersNeed(events.map((e) => e.seq)) ?? true;
    (others ? this.io : this.io.local).to(this.deps.centreRoom).emit('queue:events', events);
  }

  private onConnection(socket: HubSocket): void {
    const device = this.devices.get(socket.id);
    if (!device) {
      socket.disconnect(true);
      return;
    }
    this.sockets++;
    socket.on('disconnect', () => {
      this.devices.delete(socket.id);
      this.deps.monitor.disconnected(device.id);
      if (--this.sockets === 0) this.deps.listeners?.emptied();
    });
    // This process among the centre's listeners first (committed), then the snapshot: every event after it reaches this socket.
    const listening = this.deps.listeners?.joined() ?? Promise.resolve();
    // The hello reads the store; the listeners below are registered meanwhile, so no command is missed.
    void listening.then(() => this.deps.hello(device)).then(
      (hello) => socket.emit('session:hello', hello),
      (e: unknown) => {
        // A socket already gone (the hub closing ended its store under the hello) has nobody to tell.
        if (socket.disconnected) return;
        console.error(`motcua hub: hello for ${device.id} failed: ${(e as Error).message}`);
        socket.disconnect(true);
      },
    );
    if (device.role === 'admin') {
      void socket.join(ADMINS);
      const at = this.deps.clock();
      void this.inFeedOrder(async () => {
        if (await this.feedAllowed(device.id, at)) socket.emit('devices:status', await this.deps.monitor.statuses());
      });
    }
    this.deps.monitor.connected(device.id);

    // Payloads are untrusted: register loosely typed listeners; the shape and size of a payload
    // are checked here, before any schema sees it, so a refusal costs the same whatever was sent.
    const loose = socket as unknown as {
      on(event: string, listener: (...args: unknown[]) => void): void;
      onAny(listener: (event: unknown, ...args: unknown[]) => void): void;
    };
    for (const name of COMMAND_NAMES) {
      loose.on(name, (...args: unknown[]) => {
        const ack = args.at(-1);
        if (typeof ack !== 'function') return; // not a request we can answer: ignore, change nothing
        const answer = (result: Result<unknown>) => (ack as (r: unknown) => void)(bounded(result));
        const problem =
          args.length !== 2 ? `Gửi đúng một đối tượng dữ liệu cho lệnh (nhận ${args.length - 1}).` : args[0] instanceof RefusedPayload ? args[0].reason : payloadProblem(args[0]);
        if (problem) return answer(err('invalid-input', `${name}: ${problem}`));
        void (async () => {
          try {
            answer(await this.deps.runner.submit(device, name, args[0]));
          } catch (e) {
            answer(err('internal', `Lỗi máy chủ: ${(e as Error).message}`));
          }
        })();
      });
    }
    loose.on('sync:snapshot', (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      listening.then(() => this.deps.queue.snapshot()).then(
        (value) => ack({ ok: true, value }),
        (e: unknown) => ack(err('internal', `Lỗi máy chủ: ${(e as Error).message}`)),
      );
    });
    // An event no listener knows still gets its answer, rather than a caller waiting for ever.
    loose.onAny((event, ...args) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function' || (typeof event === 'string' && KNOWN_EVENTS.has(event))) return;
      ack(err('invalid-input', `Không có lệnh "${capMessage(String(event), 60)}" (unknown command).`));
    });
  }
}
