import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { DeviceStatusSchema, type DeviceStatus } from '../../core/devices';
import { COMMANDS, type CommandName, type CommandOutput, type CommandRequest } from '../../core/protocol/commands';
import { resultSchema } from '../../core/protocol/result-schema';
import { HelloSchema, QueueEventSchema, QueueEventsSchema, QueueSnapshotSchema, type ClientToServerEvents, type Hello, type ServerToClientEvents } from '../../core/protocol/socket';
import { applyQueueEvent, type QueueEvent, type QueueSnapshot } from '../../core/queue/snapshot';
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
  /**
   * Commands that got no answer at their first sending and are being sent again with the same id
   * (`resending`), or wait for the link to come back to be sent again (`resending: false`); null: none.
   */
  readonly sending: { readonly resending: boolean; readonly count: number } | null;
}

/** How long a write command keeps being re-sent (same id) before the terminal says it may not be recorded. */
export const DEFAULT_COMMAND_PATIENCE_MS = 20_000;

export interface CommandOptions {
  /**
   * How long to keep trying: while the link is down the command waits for it, and a sending with
   * no answer (lost acknowledgement, dropped link) is sent again with the same input — the same
   * commandId, so the hub answers its first answer and acts once. 0: one sending, and
   * hub-unreachable at once when the link is down. Default: DEFAULT_COMMAND_PATIENCE_MS for
   * writes; reads are sent once (they can simply be asked again).
   */
  readonly patienceMs?: number;
}

export const DOSSIER_FEED_SIZE = 30;

export interface HubClientOptions {
  readonly hubUrl: string;
  readonly deviceId: string;
  readonly token: string;
  /** How long one sending waits for its answer before it is sent again (default 8 s, and never beyond the patience left). */
  readonly commandTimeoutMs?: number;
  /** The patience of a write command that names none (default DEFAULT_COMMAND_PATIENCE_MS). */
  readonly commandPatienceMs?: number;
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

/** No answer within the patience: never sent, or sent and the answer lost (then the hub may have acted). */
function notAnswered(sendings: number): Result<never> {
  return sendings === 0
    ? err('hub-unreachable', 'Chưa kết nối được máy chủ của trung tâm; thao tác chưa được gửi.')
    : err('hub-unreachable', 'Máy chủ không trả lời kịp; thao tác có thể chưa được ghi nhận. Làm lại đúng thao tác này sẽ không ghi hai lần.');
}

/**
 * The terminal's link to the hub: keeps the device's copy of the queue in step (hello, then
 * numbered events, resyncing on any gap) and sends commands, answering hub-unreachable rather
 * than waiting forever.
 */
export class HubClient {
  private socket: HubSocket | null = null;
  private state: HubClientState = { hello: null, snapshot: null, connected: false, problem: null, devices: null, dossierFeed: [], sending: null };
  private readonly listeners = new Set<(s: HubClientState) => void>();
  private retryTimer: NodeJS.Timeout | null = null;
  /** Commands being re-sent: whether each is on the wire again (true) or waits for the link (false). */
  private readonly resends = new Map<symbol, boolean>();
  /** Commands waiting for the link: woken with "no" when the client closes. */
  private readonly closeWaiters = new Set<() => void>();
  private closed = false;

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
    socket.on('queue:events', (raw) => {
      const events = QueueEventsSchema.safeParse(raw);
      // A frame we cannot read still carried events: the snapshot would miss them, so ask for a fresh one.
      if (events.success) this.applyEvents(events.data);
      else if (this.state.snapshot) void this.resync();
    });
    // Hubs before `queue:events` send one event per frame.
    socket.on('queue:event', (raw) => {
      const event = QueueEventSchema.safeParse(raw);
      if (event.success) this.applyEvents([event.data]);
    });
  }

  /** Applies broadcast events in order, publishing the snapshot once; on a gap, a new day or a transfer, resyncs. */
  private applyEvents(events: readonly QueueEvent[]): void {
    const before = this.state.snapshot;
    if (!before) return;
    let snapshot = before;
    for (const event of events) {
      const next = applyQueueEvent(snapshot, event);
      if (!next) {
        void this.resync();
        return;
      }
      snapshot = next;
    }
    if (snapshot !== before) this.set({ snapshot });
  }

  /**
   * Sends a command and resolves with the hub's answer (a refusal is an answer too). Within the
   * patience a missing answer is not a failure: the same input goes again once the link is back.
   */
  async command<K extends CommandName>(name: K, input: CommandRequest<K>, opts: CommandOptions = {}): Promise<Result<CommandOutput<K>>> {
    const patience = Math.max(0, opts.patienceMs ?? (COMMANDS[name].mode === 'write' ? (this.options.commandPatienceMs ?? DEFAULT_COMMAND_PATIENCE_MS) : 0));
    const deadline = Date.now() + patience;
    const left = () => deadline - Date.now();
    const me = Symbol(name);
    let sendings = 0;
    try {
      for (;;) {
        const socket = this.socket;
        if (this.closed) return notAnswered(sendings);
        if (!socket?.connected) {
          if (left() <= 0) return notAnswered(sendings);
          this.markResend(me, false);
          if (!(await this.connectedWithin(left()))) return notAnswered(sendings);
          continue;
        }
        if (sendings > 0) this.markResend(me, true);
        sendings += 1;
        const reply = await this.sendOnce(socket, name, input, patience === 0 ? this.ackTimeout() : Math.max(1, Math.min(this.ackTimeout(), left())));
        if (reply.answered) {
          const parsed = resultSchema(COMMANDS[name].output).safeParse(reply.value);
          if (!parsed.success) return err('internal', `Máy chủ trả lời "${name}" không đúng giao thức.`);
          return parsed.data as Result<CommandOutput<K>>;
        }
        if (left() <= 0) return notAnswered(sendings);
        this.markResend(me, this.state.connected);
      }
    } finally {
      if (this.resends.delete(me)) this.showResends();
    }
  }

  private ackTimeout(): number {
    return this.options.commandTimeoutMs ?? 8000;
  }

  /** One sending: the answer, or none (no answer in time, or the link dropped meanwhile — socket.io then fails the ack at once). */
  private async sendOnce(socket: HubSocket, name: string, input: unknown, timeoutMs: number): Promise<{ answered: true; value: unknown } | { answered: false }> {
    try {
      const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(n: string, i: unknown): Promise<unknown> };
      return { answered: true, value: await timed.emitWithAck(name, input) };
    } catch {
      return { answered: false };
    }
  }

  /** Resolves true when the link is (back) up within `ms`, false when it is not or the client closes. */
  private connectedWithin(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    // The socket's own flag, not the state: an answer of "up" that the loop then finds down would spin it.
    const up = () => this.socket?.connected === true;
    if (up()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => stop(false);
      const stop = (up: boolean) => {
        clearTimeout(timer);
        off();
        this.closeWaiters.delete(wake);
        resolve(up);
      };
      const timer = setTimeout(wake, ms);
      const off = this.onChange(() => {
        if (up()) stop(true);
      });
      this.closeWaiters.add(wake);
    });
  }

  private markResend(me: symbol, onTheWire: boolean): void {
    if (this.resends.get(me) === onTheWire) return;
    this.resends.set(me, onTheWire);
    this.showResends();
  }

  private showResends(): void {
    const count = this.resends.size;
    this.set({ sending: count === 0 ? null : { resending: [...this.resends.values()].some(Boolean), count } });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = null;
    for (const wake of this.closeWaiters) wake();
    this.closeWaiters.clear();
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
