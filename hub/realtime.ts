import type { Server, Socket } from 'socket.io';
import type { DeviceInfo } from '../core/devices';
import { COMMAND_NAMES } from '../core/protocol/commands';
import { DeviceAuthSchema, type ClientToServerEvents, type HandshakeRefusal, type Hello, type ServerToClientEvents, type SocketData } from '../core/protocol/socket';
import type { QueueEvent } from '../core/queue/snapshot';
import type { DeviceRegistry } from './device-registry';
import type { CommandRunner } from './commands/command-runner';
import type { DeviceMonitor } from './devices/device-monitor';
import type { QueueService } from './queue/queue-service';

export type HubIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  readonly registry: DeviceRegistry;
  readonly queue: QueueService;
  readonly runner: CommandRunner;
  readonly monitor: DeviceMonitor;
  readonly hello: (device: DeviceInfo) => Hello;
}

/** The Socket.IO room of admin devices, which follow every device's health. */
const ADMINS = 'admins';

function refuse(refusal: HandshakeRefusal): Error {
  return Object.assign(new Error(refusal.kind), { data: refusal });
}

/**
 * Devices over Socket.IO: the handshake must carry an enrolled device id and token; each
 * connection gets a hello (with a snapshot); commands are answered through the ack callback.
 */
export class Realtime {
  private readonly devices = new Map<string, DeviceInfo>();

  constructor(
    private readonly io: HubIo,
    private readonly deps: RealtimeDeps,
  ) {
    io.use((socket, next) => {
      const auth = DeviceAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return next(refuse({ kind: 'invalid-input', message: 'handshake auth must be { deviceId, token }' }));
      const device = deps.registry.authenticate(auth.data.deviceId, auth.data.token);
      if (!device) return next(refuse({ kind: 'unauthorized', message: `unknown device "${auth.data.deviceId}" or wrong token` }));
      socket.data.deviceId = device.id;
      this.devices.set(socket.id, device);
      next();
    });
    io.on('connection', (socket) => this.onConnection(socket));
    deps.monitor.onChange((devices) => io.to(ADMINS).emit('devices:status', devices));
  }

  publish(events: readonly QueueEvent[]): void {
    for (const e of events) this.io.emit('queue:event', e);
  }

  broadcastSnapshot(): void {
    this.io.emit('queue:snapshot', this.deps.queue.snapshot());
  }

  private onConnection(socket: HubSocket): void {
    const device = this.devices.get(socket.id);
    if (!device) {
      socket.disconnect(true);
      return;
    }
    socket.on('disconnect', () => {
      this.devices.delete(socket.id);
      this.deps.monitor.disconnected(device.id);
    });
    socket.emit('session:hello', this.deps.hello(device));
    if (device.role === 'admin') {
      void socket.join(ADMINS);
      socket.emit('devices:status', this.deps.monitor.statuses());
    }
    this.deps.monitor.connected(device.id);

    // Payloads are untrusted: register loosely typed listeners and let the service validate.
    const loose = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
    for (const name of COMMAND_NAMES) {
      loose.on(name, (...args: unknown[]) => {
        const ack = args.at(-1);
        if (typeof ack !== 'function') return; // not a request we can answer: ignore, change nothing
        const input = args.length === 2 ? args[0] : undefined;
        // Answered after the group commit that holds it (the runner never rejects).
        void this.deps.runner.submit(device, name, input).then(ack as (answer: unknown) => void);
      });
    }
    loose.on('sync:snapshot', (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack === 'function') ack({ ok: true, value: this.deps.queue.snapshot() });
    });
  }
}
