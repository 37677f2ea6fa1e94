import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/protocol/socket';
import { HubAddressRotation, type RotationTimings } from './hub-address-rotation';
import { hubEndpointOf } from './hub-endpoint';
import type { HubStateCell } from './hub-client-state';
import { isUntrustedCertificate, loadHubTrust, trustHubOrigin, untrustedMessage, type HubTrust } from './hub-trust';

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface HubConnectionOptions {
  /** The hub's address; with `hubUrls`, the first of them. */
  readonly hubUrl: string;
  /**
   * Several addresses of one hub (its processes on a province's PostgreSQL, docs/province.md):
   * the terminal uses one at a time and moves to the next when it cannot connect or the link
   * drops (HubAddressRotation). Absent or one address: `hubUrl` alone, socket.io's own reconnection.
   */
  readonly hubUrls?: readonly string[];
  readonly deviceId: string;
  readonly token: string;
  /**
   * The hub's CA (PEM, or a PEM file's path) for an https:// hub: the only CA this terminal
   * trusts for it (for every address of the list). Required for https://; a plain http:// hub is the loopback demo's or a test's.
   */
  readonly hubCa?: string;
  /** SHA-256 of that CA (AA:BB:…): a CA file that is not this one is refused. */
  readonly hubCaFingerprint?: string;
  /** How often to retry after the hub refused the device (its config may be fixed meanwhile; default 15 s). */
  readonly refusedRetryMs?: number;
  /** The pace of moving between several addresses (tests shorten it). */
  readonly rotation?: RotationTimings;
}

/** The addresses a connection uses, in order: `hubUrls` when given, else `hubUrl`. */
export function hubAddressesOf(options: Pick<HubConnectionOptions, 'hubUrl' | 'hubUrls'>): readonly string[] {
  return options.hubUrls && options.hubUrls.length > 0 ? options.hubUrls : [options.hubUrl];
}

/**
 * The socket to the hub and whether it is up: connects with the device's credentials, shows why
 * it is down, and reconnects where socket.io would not by itself (a refusal, a server-side
 * disconnect). With several addresses it holds one socket at a time and, when that one fails,
 * opens the next address's (the outbox and the command sender replay by commandId over it).
 */
export class HubConnection {
  private current: HubSocket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly trust: HubTrust | null;
  private readonly addresses: readonly string[];
  private readonly rotation: HubAddressRotation | null;
  private onSocket: (socket: HubSocket) => void = () => {};

  constructor(
    private readonly options: HubConnectionOptions,
    private readonly cell: HubStateCell,
  ) {
    this.addresses = hubAddressesOf(options);
    this.trust = hubTrustFor(options, this.addresses);
    // The agent's REST calls to the hub (PDFs, statistics) trust the same CA, at every address.
    if (this.trust) for (const url of this.addresses) trustHubOrigin(url, this.trust);
    this.rotation = this.addresses.length > 1 ? new HubAddressRotation(this.addresses, options.rotation) : null;
  }

  /** The socket while open (up or down); null before open and after close. With several addresses, a new one after each move. */
  socket(): HubSocket | null {
    return this.current;
  }

  /** Opens the link; `onSocket` is told each socket it opens (the first before this returns, later ones after a move). */
  open(onSocket: (socket: HubSocket) => void = () => {}): HubSocket {
    if (this.current) throw new Error('HubConnection.open() called twice');
    this.onSocket = onSocket;
    return this.openAt(this.rotation?.current() ?? (this.addresses[0] as string));
  }

  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.current;
    this.current = null;
    socket?.close();
  }

  private openAt(url: string): HubSocket {
    const rotating = this.rotation !== null;
    // A path in the address is the front's prefix for this centre (docs/province.md), not a Socket.IO namespace.
    const endpoint = hubEndpointOf(url);
    const socket: HubSocket = io(endpoint.origin, {
      path: endpoint.socketPath,
      auth: { deviceId: this.options.deviceId, token: this.options.token },
      transports: ['websocket'],
      // Only the centre's CA; certificates are always verified.
      ...(this.trust ? { ca: this.trust.caPem } : {}),
      rejectUnauthorized: true,
      // Several addresses: this connection moves between them itself, one fresh socket per try.
      ...(rotating ? { reconnection: false, forceNew: true } : { reconnectionDelay: 500, reconnectionDelayMax: 5000 }),
    });
    this.current = socket;
    const mine = () => this.current === socket;
    socket.on('connect', () => {
      if (!mine()) return;
      this.rotation?.connected();
      this.cell.set({ connected: true, problem: null, problemKind: null, hubAddress: url });
    });
    socket.on('disconnect', (reason) => {
      if (!mine() || reason === 'io client disconnect') return;
      this.cell.set({ connected: false, problem: `Mất kết nối máy chủ (${reason})` });
      if (rotating) this.moveOn(reason === 'io server disconnect' ? 1000 : 0);
      // After a server-side disconnect socket.io does not reconnect by itself; a terminal must.
      else if (reason === 'io server disconnect') this.retryLater(1000);
    });
    socket.on('connect_error', (e: Error & { data?: { message?: string } }) => {
      if (!mine()) return;
      if (isUntrustedCertificate(e)) {
        // The TLS handshake failed on the certificate: no request, so no token, reached that server.
        this.cell.set({ connected: false, problem: untrustedMessage(url), problemKind: 'hub-untrusted' });
        if (rotating) this.moveOn(0);
      } else if (e.message === 'unauthorized' || e.message === 'invalid-input') {
        // The hub refused this device: socket.io does not retry by itself after a refusal.
        this.cell.set({ connected: false, problemKind: 'unauthorized', problem: `Máy chủ từ chối thiết bị "${this.options.deviceId}": ${e.data?.message ?? e.message}. Kiểm tra mã thiết bị và token.` });
        if (rotating) this.moveOn(this.options.refusedRetryMs ?? 15_000);
        else this.retryLater(this.options.refusedRetryMs ?? 15_000);
      } else if (e.message === 'hub-unavailable') {
        // The hub is up but could not check the credential (its database): not a refusal, try again soon.
        this.cell.set({ connected: false, problemKind: 'hub-unreachable', problem: `Máy chủ ${url} tạm thời chưa kiểm tra được thiết bị: ${e.data?.message ?? e.message}` });
        if (rotating) this.moveOn(0);
        else this.retryLater(2000);
      } else {
        this.cell.set({ connected: false, problemKind: 'hub-unreachable', problem: `Không kết nối được máy chủ ${url}` });
        if (rotating) this.moveOn(0);
      }
    });
    this.onSocket(socket);
    return socket;
  }

  /** Several addresses: drops this socket and opens the next address's after the rotation's wait (at least `atLeastMs`). */
  private moveOn(atLeastMs: number): void {
    if (!this.rotation || this.retryTimer) return;
    const old = this.current;
    const next = this.rotation.failed();
    const go = () => {
      this.retryTimer = null;
      if (this.current !== old || old === null) return;
      old.removeAllListeners();
      old.close();
      this.openAt(next.url);
    };
    // A timer even for no wait: not inside the old socket's own event handler.
    this.retryTimer = setTimeout(go, Math.max(atLeastMs, next.delayMs));
    this.retryTimer.unref();
  }

  private retryLater(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.current?.connect(), ms);
    this.retryTimer.unref();
  }
}

/** The CA an https:// hub is trusted by; a config error (no CA, a wrong fingerprint) stops the terminal at start. */
function hubTrustFor(options: HubConnectionOptions, addresses: readonly string[]): HubTrust | null {
  if (options.hubCa === undefined) {
    const https = addresses.find((url) => new URL(url).protocol === 'https:');
    if (https) throw new Error(`hubCa is needed for ${https}: the hub's CA certificate (ca.pem in the hub's data dir, tls/).`);
    return null;
  }
  const trust = loadHubTrust(options.hubCa, options.hubCaFingerprint);
  if (!trust.ok) throw new Error(trust.error.message);
  return trust.value;
}
