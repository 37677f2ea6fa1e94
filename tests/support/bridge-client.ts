import { io, type Socket } from 'socket.io-client';
import { BRIDGE_CHANNEL, type BridgeInput, type BridgeName, type BridgeOutput, type TerminalContext } from '../../core/protocol/bridge';
import type { Result } from '../../core/result';
import { openLaunch } from './launch-session';

/** A Node client of a terminal agent's bridge: the same launch, session cookie and Socket.IO path the browser uses. */
export class BridgeClient {
  private constructor(
    private readonly socket: Socket,
    public latest: TerminalContext | null,
    /** The `Cookie` header of this client's session (for the agent's /files/), or null. */
    readonly cookie: string | null,
  ) {}

  /** Opens `launchUrl` (a one-time launch address) as a browser would, then connects with the session it gives. */
  static async connect(launchUrl: string): Promise<BridgeClient> {
    const { origin, cookie } = await openLaunch(launchUrl);
    return BridgeClient.connectSession(origin, cookie);
  }

  /** Connects to the agent at `origin` with the `Cookie` header `cookie` (null: none, as a page never launched). */
  static async connectSession(origin: string, cookie: string | null): Promise<BridgeClient> {
    const socket = io(origin, { path: '/bridge', transports: ['websocket'], reconnection: false, forceNew: true, ...(cookie === null ? {} : { extraHeaders: { cookie } }) });
    const client = new BridgeClient(socket, null, cookie);
    // Listen before the first push arrives: several pushes can be handled in one tick.
    socket.on(BRIDGE_CHANNEL.context, (c: TerminalContext) => (client.latest = c));
    await new Promise<void>((resolve, reject) => {
      socket.once(BRIDGE_CHANNEL.context, () => resolve());
      socket.once('connect_error', reject);
    });
    return client;
  }

  invoke<K extends BridgeName>(name: K, input: BridgeInput<K>): Promise<Result<BridgeOutput<K>>> {
    return this.socket.timeout(30_000).emitWithAck(BRIDGE_CHANNEL.invoke, name, input) as Promise<Result<BridgeOutput<K>>>;
  }

  /** Resolves with the first context (the current one included) that satisfies `predicate`. */
  waitForContext(predicate: (c: TerminalContext) => boolean, timeoutMs = 10_000): Promise<TerminalContext> {
    if (this.latest && predicate(this.latest)) return Promise.resolve(this.latest);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.off(BRIDGE_CHANNEL.context, listener);
        reject(new Error('timed out waiting for a terminal context'));
      }, timeoutMs);
      const listener = (c: TerminalContext) => {
        if (!predicate(c)) return;
        clearTimeout(timer);
        this.socket.off(BRIDGE_CHANNEL.context, listener);
        resolve(c);
      };
      this.socket.on(BRIDGE_CHANNEL.context, listener);
    });
  }

  /** Sends a raw event, bypassing the typed API (for malformed-input tests). */
  raw(...args: unknown[]): Promise<unknown> {
    return (this.socket.timeout(5000) as unknown as { emitWithAck(...a: unknown[]): Promise<unknown> }).emitWithAck(...args);
  }

  close(): void {
    this.socket.close();
  }
}
