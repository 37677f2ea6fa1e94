import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { DeviceStatusSchema, type DeviceStatus } from '../../core/devices';
import { COMMANDS, type CommandName, type CommandOutput, type CommandRequest } from '../../core/protocol/commands';
import { resultSchema } from '../../core/protocol/result-schema';
import { HelloSchema, QueueEventSchema, QueueSnapshotSchema, type ClientToServerEvents, type Hello, type ServerToClientEvents } from '../../core/protocol/socket';
import { applyQueueEvent, type QueueSnapshot } from '../../core/queue/snapshot';
import { err, type Result } from '../../core/result';
import { DossierEventSchema, type DossierEvent } from '../../core/dossiers/dossier';

export interface HubClientState {
  readonly hello: Hello | null;
  readonly snapshot: QueueSnapshot | null;
  readonly connected: boolean;
  readonly problem: string | null;
  /** Admin devices only: every enrolled device's status, as last pushed by the hub. */
  readonly devices: DeviceStatus[] | null;
  /** Counter and back office: the dossier events heard since start, newest first (at most DOSSIER_FEED_SIZE). */
  readonly dossierFeed: readonly DossierEvent[];
}

export const DOSSIER_FEED_SIZE = 30;

export interface HubClientOptions {
  readonly hubUrl: string;
  readonly deviceId: string;
  readonly token: string;
  readonly commandTimeoutMs?: number;
  /**
   * Where to keep the last hello (JSON). At the next start it stands in until the hub answers, so a
   * counter that starts while the hub is unreachable still has its catalogue and calendar and can
   * receive dossiers into its outbox. Absent: nothing is kept.
   */
  readonly helloCacheFile?: string;
  /** How often to retry after the hub refused the device (its config may be fixed meanwhile). */
  readonly refusedRetryMs?: number;
}

type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The terminal's link to the hub: keeps the device's copy of the queue in step (hello, then
 * numbered events, resyncing on any gap) and sends commands, answering hub-unreachable rather
 * than waiting forever.
 */
export class HubClient {
  private socket: HubSocket | null = null;
  private state: HubClientState = { hello: null, snapshot: null, connected: false, problem: null, devices: null, dossierFeed: [] };
  private readonly listeners = new Set<(s: HubClientState) => void>();
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: HubClientOptions) {}

  current(): HubClientState {
    return this.state;
  }

  onChange(listener: (s: HubClientState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.socket) throw new Error('HubClient.start() called twice');
    const cached = this.cachedHello();
    // The queue in a cached hello is old news: only the device, catalogue and calendar are used.
    if (cached) this.set({ hello: cached, snapshot: null, problem: 'Chưa kết nối được máy chủ (đang dùng danh mục đã lưu)' });
    const socket: HubSocket = io(this.options.hubUrl, {
      auth: { deviceId: this.options.deviceId, token: this.options.token },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    socket.on('connect', () => this.set({ connected: true, problem: null }));
    socket.on('disconnect', (reason) => {
      this.set({ connected: false, problem: `Mất kết nối máy chủ (${reason})` });
      // After a server-side disconnect socket.io does not reconnect by itself; a terminal must.
      if (reason === 'io server disconnect') this.retryLater(1000);
    });
    socket.on('connect_error', (e: Error & { data?: { message?: string } }) => {
      if (e.message === 'unauthorized' || e.message === 'invalid-input') {
        // The hub refused this device: socket.io does not retry by itself after a refusal.
        this.set({ connected: false, problem: `Máy chủ từ chối thiết bị "${this.options.deviceId}": ${e.data?.message ?? e.message}. Kiểm tra mã thiết bị và token.` });
        this.retryLater(this.options.refusedRetryMs ?? 15_000);
      } else {
        this.set({ connected: false, problem: `Không kết nối được máy chủ ${this.options.hubUrl}` });
      }
    });
    socket.on('session:hello', (raw) => {
      const hello = HelloSchema.safeParse(raw);
      if (!hello.success) {
        this.set({ problem: 'Máy chủ gửi dữ liệu không hợp lệ (phiên bản khác?)' });
        return;
      }
      this.set({ hello: hello.data, snapshot: hello.data.snapshot });
      this.keepHello(hello.data);
    });
    socket.on('queue:snapshot', (raw) => {
      const snap = QueueSnapshotSchema.safeParse(raw);
      if (snap.success) this.set({ snapshot: snap.data });
    });
    socket.on('devices:status', (raw) => {
      const devices = z.array(DeviceStatusSchema).safeParse(raw);
      if (devices.success) this.set({ devices: devices.data });
    });
    socket.on('dossier:event', (raw) => {
      const event = DossierEventSchema.safeParse(raw);
      if (event.success) this.set({ dossierFeed: [event.data, ...this.state.dossierFeed].slice(0, DOSSIER_FEED_SIZE) });
    });
    socket.on('queue:event', (raw) => {
      const event = QueueEventSchema.safeParse(raw);
      const snapshot = this.state.snapshot;
      if (!event.success || !snapshot) return;
      const next = applyQueueEvent(snapshot, event.data);
      if (next) {
        if (next !== snapshot) this.set({ snapshot: next });
      } else {
        void this.resync();
      }
    });
  }

  async command<K extends CommandName>(name: K, input: CommandRequest<K>): Promise<Result<CommandOutput<K>>> {
    const socket = this.socket;
    if (!socket?.connected) return err('hub-unreachable', 'Chưa kết nối được máy chủ của trung tâm.');
    let reply: unknown;
    try {
      const timed = socket.timeout(this.options.commandTimeoutMs ?? 8000) as unknown as { emitWithAck(n: string, i: unknown): Promise<unknown> };
      reply = await timed.emitWithAck(name, input);
    } catch {
      return err('hub-unreachable', 'Máy chủ không trả lời kịp; thao tác có thể chưa được ghi nhận.');
    }
    const parsed = resultSchema(COMMANDS[name].output).safeParse(reply);
    if (!parsed.success) return err('internal', `Máy chủ trả lời "${name}" không đúng giao thức.`);
    return parsed.data as Result<CommandOutput<K>>;
  }

  async close(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = null;
    this.listeners.clear();
  }

  private cachedHello(): Hello | null {
    const file = this.options.helloCacheFile;
    if (!file || !existsSync(file)) return null;
    try {
      const parsed = HelloSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success && parsed.data.device.id === this.options.deviceId ? parsed.data : null;
    } catch {
      return null; // a torn or foreign file: the hub's next hello replaces it
    }
  }

  private keepHello(hello: Hello): void {
    const file = this.options.helloCacheFile;
    if (!file) return;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(hello));
      renameSync(`${file}.tmp`, file);
    } catch {
      // Not fatal: the terminal works while connected; only a cold start without the hub needs this.
    }
  }

  private retryLater(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.socket?.connect(), ms);
    this.retryTimer.unref();
  }

  private async resync(): Promise<void> {
    try {
      const r = resultSchema(QueueSnapshotSchema).safeParse(await this.socket?.timeout(5000).emitWithAck('sync:snapshot'));
      if (r.success && r.data.ok) this.set({ snapshot: r.data.value });
    } catch {
      // The next reconnect brings a hello with a fresh snapshot.
    }
  }

  private set(patch: Partial<HubClientState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}
