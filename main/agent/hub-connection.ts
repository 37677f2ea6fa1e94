import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/protocol/socket';
import type { HubStateCell } from './hub-client-state';

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface HubConnectionOptions {
  readonly hubUrl: string;
  readonly deviceId: string;
  readonly token: string;
  /** How often to retry after the hub refused the device (its config may be fixed meanwhile; default 15 s). */
  readonly refusedRetryMs?: number;
}

/**
 * The socket to the hub and whether it is up: connects with the device's credentials, shows why
 * it is down, and reconnects where socket.io would not by itself (a refusal, a server-side disconnect).
 */
export class HubConnection {
  private current: HubSocket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: HubConnectionOptions,
    private readonly cell: HubStateCell,
  ) {}

  /** The socket while open (up or down); null before open and after close. */
  socket(): HubSocket | null {
    return this.current;
  }

  open(): HubSocket {
    if (this.current) throw new Error('HubConnection.open() called twice');
    const socket: HubSocket = io(this.options.hubUrl, {
      auth: { deviceId: this.options.deviceId, token: this.options.token },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.current = socket;
    socket.on('connect', () => this.cell.set({ connected: true, problem: null }));
    socket.on('disconnect', (reason) => {
      this.cell.set({ connected: false, problem: `Mất kết nối máy chủ (${reason})` });
      // After a server-side disconnect socket.io does not reconnect by itself; a terminal must.
      if (reason === 'io server disconnect') this.retryLater(1000);
    });
    socket.on('connect_error', (e: Error & { data?: { message?: string } }) => {
      if (e.message === 'unauthorized' || e.message === 'invalid-input') {
        // The hub refused this device: socket.io does not retry by itself after a refusal.
        this.cell.set({ connected: false, problem: `Máy chủ từ chối thiết bị "${this.options.deviceId}": ${e.data?.message ?? e.message}. Kiểm tra mã thiết bị và token.` });
        this.retryLater(this.options.refusedRetryMs ?? 15_000);
      } else {
        this.cell.set({ connected: false, problem: `Không kết nối được máy chủ ${this.options.hubUrl}` });
      }
    });
    return socket;
  }

  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.current?.close();
    this.current = null;
  }

  private retryLater(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.current?.connect(), ms);
    this.retryTimer.unref();
  }
}
