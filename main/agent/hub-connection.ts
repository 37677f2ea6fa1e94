import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/protocol/socket';
import type { HubStateCell } from './hub-client-state';
import { isUntrustedCertificate, loadHubTrust, trustHubOrigin, untrustedMessage, type HubTrust } from './hub-trust';

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface HubConnectionOptions {
  readonly hubUrl: string;
  readonly deviceId: string;
  readonly token: string;
  /**
   * The hub's CA (PEM, or a PEM file's path) for an https:// hub: the only CA this terminal
   * trusts for it. Required for https://; a plain http:// hub is the loopback demo's or a test's.
   */
  readonly hubCa?: string;
  /** SHA-256 of that CA (AA:BB:…): a CA file that is not this one is refused. */
  readonly hubCaFingerprint?: string;
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
  private readonly trust: HubTrust | null;

  constructor(
    private readonly options: HubConnectionOptions,
    private readonly cell: HubStateCell,
  ) {
    this.trust = hubTrustFor(options);
    // The agent's REST calls to the hub (PDFs, statistics) trust the same CA.
    if (this.trust) trustHubOrigin(options.hubUrl, this.trust);
  }

  /** The socket while open (up or down); null before open and after close. */
  socket(): HubSocket | null {
    return this.current;
  }

  open(): HubSocket {
    if (this.current) throw new Error('HubConnection.open() called twice');
    const socket: HubSocket = io(this.options.hubUrl, {
      auth: { deviceId: this.options.deviceId, token: this.options.token },
      transports: ['websocket'],
      // Only the centre's CA; certificates are always verified.
      ...(this.trust ? { ca: this.trust.caPem } : {}),
      rejectUnauthorized: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.current = socket;
    socket.on('connect', () => this.cell.set({ connected: true, problem: null, problemKind: null }));
    socket.on('disconnect', (reason) => {
      this.cell.set({ connected: false, problem: `Mất kết nối máy chủ (${reason})` });
      // After a server-side disconnect socket.io does not reconnect by itself; a terminal must.
      if (reason === 'io server disconnect') this.retryLater(1000);
    });
    socket.on('connect_error', (e: Error & { data?: { message?: string } }) => {
      if (isUntrustedCertificate(e)) {
        // The TLS handshake failed on the certificate: no request, so no token, reached that server.
        this.cell.set({ connected: false, problem: untrustedMessage(this.options.hubUrl), problemKind: 'hub-untrusted' });
      } else if (e.message === 'unauthorized' || e.message === 'invalid-input') {
        // The hub refused this device: socket.io does not retry by itself after a refusal.
        this.cell.set({ connected: false, problemKind: 'unauthorized', problem: `Máy chủ từ chối thiết bị "${this.options.deviceId}": ${e.data?.message ?? e.message}. Kiểm tra mã thiết bị và token.` });
        this.retryLater(this.options.refusedRetryMs ?? 15_000);
      } else if (e.message === 'hub-unavailable') {
        // The hub is up but could not check the credential (its database): not a refusal, try again soon.
        this.cell.set({ connected: false, problemKind: 'hub-unreachable', problem: `Máy chủ ${this.options.hubUrl} tạm thời chưa kiểm tra được thiết bị: ${e.data?.message ?? e.message}` });
        this.retryLater(2000);
      } else {
        this.cell.set({ connected: false, problemKind: 'hub-unreachable', problem: `Không kết nối được máy chủ ${this.options.hubUrl}` });
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

/** The CA an https:// hub is trusted by; a config error (no CA, a wrong fingerprint) stops the terminal at start. */
function hubTrustFor(options: HubConnectionOptions): HubTrust | null {
  if (options.hubCa === undefined) {
    if (new URL(options.hubUrl).protocol === 'https:') throw new Error(`hubCa is needed for ${options.hubUrl}: the hub's CA certificate (ca.pem in the hub's data dir, tls/).`);
    return null;
  }
  const trust = loadHubTrust(options.hubCa, options.hubCaFingerprint);
  if (!trust.ok) throw new Error(trust.error.message);
  return trust.value;
}
