import { io, type Socket } from 'socket.io-client';
import type { Bridge, BridgeEvent, BridgeEventName, BridgeInput, BridgeName, BridgeOutput, TerminalContext } from '../../core/protocol/bridge';
import { BRIDGE_CHANNEL } from '../../core/protocol/bridge-channel';
import { EventSequence } from '../../core/protocol/event-sequence';
import { err, type Result } from '../../core/result';
import { AGENT_LOST_MESSAGE, Listeners, type AgentStatus, type TerminalLink } from './terminal-link';

/** Events the headless agent sends on its `/bridge` Socket.IO endpoint. */
interface AgentToRendererEvents {
  [BRIDGE_CHANNEL.context]: (context: TerminalContext) => void;
  /** A scan or a dossier notice, as it happens; the payload carries its number (`seq`). */
  [BRIDGE_CHANNEL.event]: (name: string, payload: unknown) => void;
}

/** Events the renderer sends: one invoke per bridge call, answered by the ack. */
interface RendererToAgentEvents {
  [BRIDGE_CHANNEL.invoke]: (name: BridgeName, input: unknown, ack: (result: Result<unknown>) => void) => void;
}

export interface SocketLinkOptions {
  /** Where the agent is; the page's own origin when omitted (the agent serves the renderer). */
  readonly url?: string;
  /**
   * Node clients only (tests, tools): headers of the handshake, such as the session cookie a
   * browser sends by itself. A page never sets any: its HttpOnly cookie goes along on its own.
   */
  readonly headers?: Readonly<Record<string, string>>;
  readonly invokeTimeoutMs?: number;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 10_000;

/** A connect error is the agent refusing the session (the agent's middleware says `unauthorized`). */
function isRefusal(error: Error & { data?: unknown }): boolean {
  const data = error.data as { kind?: unknown } | undefined;
  return error.message === 'unauthorized' || data?.kind === 'unauthorized';
}

/**
 * The bridge over the headless agent's Socket.IO endpoint (browser mode). Commands are never
 * queued while the line is down: a ticket must not be issued minutes after the citizen left.
 */
export function createSocketLink(options: SocketLinkOptions): TerminalLink {
  // WebSocket first: on loopback it always works, and skipping the polling→WebSocket upgrade
  // avoids its benign but noisy 400s; long-polling stays as the fallback. No credential in the
  // handshake's auth or query: the agent knows the page by its session cookie (same origin).
  const opts = { path: '/bridge', transports: ['websocket', 'polling'], tryAllTransports: true, ...(options.headers ? { extraHeaders: { ...options.headers } } : {}) };
  const socket: Socket<AgentToRendererEvents, RendererToAgentEvents> = options.url === undefined ? io(opts) : io(options.url, opts);
  // Longer than the agent's patience (20 s of re-sending a command to the hub), so its answer is what the screen shows.
  const timeoutMs = options.invokeTimeoutMs ?? 30_000;
  const contexts = new Listeners<TerminalContext>();
  const statuses = new Listeners<AgentStatus>();
  const events = new Listeners<{ readonly name: string; readonly payload: unknown }>();
  // The agent numbers events per run and never replays them: after a (re)connect (maybe to a
  // restarted agent, numbering from 1 again) every number is new.
  const sequence = new EventSequence();
  let status: AgentStatus = 'connecting';
  let pushes = 0;
  let retryMs = RETRY_MIN_MS;
  let retry: ReturnType<typeof setTimeout> | undefined;

  function setStatus(next: AgentStatus): void {
    if (next === status) return;
    status = next;
    statuses.emit(next);
  }

  async function invoke<K extends BridgeName>(name: K, input: BridgeInput<K>): Promise<Result<BridgeOutput<K>>> {
    if (!socket.connected) return err('internal', AGENT_LOST_MESSAGE);
    try {
      // The shape is checked by checkedBridge, which every link is wrapped in.
      return (await socket.timeout(timeoutMs).emitWithAck(BRIDGE_CHANNEL.invoke, name, input)) as Result<BridgeOutput<K>>;
    } catch {
      return err('internal', AGENT_LOST_MESSAGE);
    }
  }

  /** After a (re)connect the agent may have moved on: ask for the whole context again. */
  async function refreshContext(): Promise<void> {
    const pushesBefore = pushes;
    const result = await invoke('context:get', {});
    // A push that arrived meanwhile is newer than this answer.
    if (result.ok && pushes === pushesBefore) contexts.emit(result.value);
  }

  socket.on('connect', () => {
    sequence.reset();
    retryMs = RETRY_MIN_MS;
    setStatus('connected');
    void refreshContext();
  });
  socket.on('connect_error', (error) => {
    if (isRefusal(error)) {
      // A new launch is needed (no session, or the agent restarted and forgot it): retrying cannot help.
      setStatus('unauthorized');
      socket.disconnect();
      return;
    }
    setStatus(status === 'connecting' ? 'connecting' : 'lost');
    // Transport failures are retried by Socket.IO itself; an error from the agent's handshake is not.
    if (!socket.active) {
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  });
  socket.on('disconnect', (reason) => {
    setStatus('lost');
    // The agent closed us on purpose (e.g. restarting): Socket.IO does not retry that by itself.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on(BRIDGE_CHANNEL.context, (context) => {
    pushes += 1;
    contexts.emit(context);
  });

  socket.on(BRIDGE_CHANNEL.event, (name, payload) => {
    const seq = (payload as { readonly seq?: unknown } | null)?.seq;
    if (typeof seq === 'number' && sequence.take(seq)) events.emit({ name, payload });
  });

  function onEvent<E extends BridgeEventName>(name: E, listener: (event: BridgeEvent<E>) => void): () => void {
    // The shape is checked by checkedBridge, which every link is wrapped in.
    return events.add((e) => {
      if (e.name === name) listener(e.payload as BridgeEvent<E>);
    });
  }

  const bridge: Bridge = { invoke, onContext: (listener) => contexts.add(listener), onEvent };
  return {
    bridge,
    status: () => status,
    onStatus: (listener) => statuses.add(listener),
    close: () => {
      clearTimeout(retry);
      socket.close();
    },
  };
}
