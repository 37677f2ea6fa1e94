import type { Bridge, BridgeEvent, BridgeEventName, BridgeInput, BridgeName, BridgeOutput, TerminalContext } from '../../core/protocol/bridge';
import { err, type Result } from '../../core/result';
import { AGENT_LOST_MESSAGE, Listeners, type AgentStatus, type TerminalLink } from './terminal-link';

const RELOAD_AFTER_MS = 2000;

/**
 * A link whose transport is fetched on first need: the Socket.IO client (≈ 14 kB gzip) is a chunk
 * of its own, loaded only by a page that has no Electron preload. Until it is there the line is
 * `connecting`; calls wait for it; subscriptions made before it arrived are handed on to it.
 * A failed fetch (the agent went away while the page loaded) says `lost` and is tried again.
 */
export function lazyLink(load: () => Promise<TerminalLink>): TerminalLink {
  const statuses = new Listeners<AgentStatus>();
  const whenLoaded = new Listeners<TerminalLink>();
  let inner: TerminalLink | null = null;
  let loading: Promise<TerminalLink> | null = null;
  let status: AgentStatus = 'connecting';
  let closed = false;
  let reload: ReturnType<typeof setTimeout> | undefined;

  function setStatus(next: AgentStatus): void {
    if (next === status) return;
    status = next;
    statuses.emit(next);
  }

  function ready(): Promise<TerminalLink> {
    if (inner !== null) return Promise.resolve(inner);
    loading ??= load().then(
      (link) => {
        if (closed) {
          link.close();
          return link;
        }
        inner = link;
        link.onStatus(setStatus);
        setStatus(link.status());
        whenLoaded.emit(link);
        return link;
      },
      (cause: unknown) => {
        loading = null;
        setStatus('lost');
        clearTimeout(reload);
        if (!closed) reload = setTimeout(() => void ready().catch(() => {}), RELOAD_AFTER_MS);
        throw cause;
      },
    );
    return loading;
  }

  /** Runs `subscribe` on the transport now or once it is there; the returned function undoes it either way. */
  function handOn(subscribe: (link: TerminalLink) => () => void): () => void {
    if (inner !== null) return subscribe(inner);
    let off: (() => void) | null = null;
    const offLoaded = whenLoaded.add((link) => {
      offLoaded();
      off = subscribe(link);
    });
    return () => {
      offLoaded();
      off?.();
    };
  }

  async function invoke<K extends BridgeName>(name: K, input: BridgeInput<K>): Promise<Result<BridgeOutput<K>>> {
    try {
      return await (await ready()).bridge.invoke(name, input);
    } catch {
      return err('internal', AGENT_LOST_MESSAGE);
    }
  }

  const bridge: Bridge = {
    invoke,
    onContext: (listener: (context: TerminalContext) => void) => handOn((link) => link.bridge.onContext(listener)),
    onEvent: <E extends BridgeEventName>(name: E, listener: (event: BridgeEvent<E>) => void) => handOn((link) => link.bridge.onEvent(name, listener)),
  };
  void ready().catch(() => {});
  return {
    bridge,
    status: () => status,
    onStatus: (listener) => statuses.add(listener),
    close: () => {
      closed = true;
      clearTimeout(reload);
      inner?.close();
    },
  };
}
