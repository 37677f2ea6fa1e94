import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Bridge, TerminalContext } from '../../core/protocol/bridge';
import type { AgentStatus, TerminalLink } from './terminal-link';

export interface TerminalState {
  /** Null until the terminal has answered once. */
  readonly context: TerminalContext | null;
  readonly agent: AgentStatus;
}

interface Provided extends TerminalState {
  readonly bridge: Bridge;
}

const TerminalReactContext = createContext<Provided | null>(null);

const RETRY_FIRST_CONTEXT_MS = 2000;

/** Holds the one subscription to the terminal; every screen below reads it through the hooks. */
export function TerminalProvider({ link, children }: { readonly link: TerminalLink; readonly children: ReactNode }) {
  const [state, setState] = useState<TerminalState>(() => ({ context: null, agent: link.status() }));

  useEffect(() => {
    let alive = true;
    let pushes = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const offContext = link.bridge.onContext((context) => {
      pushes += 1;
      setState((s) => ({ ...s, context }));
    });
    const offStatus = link.onStatus((agent) => setState((s) => ({ ...s, agent })));
    setState((s) => ({ ...s, agent: link.status() }));

    // Pushes only say what changed after we subscribed; ask once for where things stand.
    async function fetchFirst(): Promise<void> {
      if (pushes > 0) return;
      const pushesBefore = pushes;
      const result = await link.bridge.invoke('context:get', {});
      if (!alive || pushes !== pushesBefore) return;
      if (result.ok) setState((s) => ({ ...s, context: result.value }));
      else if (link.status() !== 'unauthorized') retry = setTimeout(() => void fetchFirst(), RETRY_FIRST_CONTEXT_MS);
    }
    void fetchFirst();

    return () => {
      alive = false;
      clearTimeout(retry);
      offContext();
      offStatus();
    };
  }, [link]);

  return <TerminalReactContext.Provider value={{ ...state, bridge: link.bridge }}>{children}</TerminalReactContext.Provider>;
}

function useProvided(): Provided {
  const provided = useContext(TerminalReactContext);
  if (provided === null) throw new Error('useTerminalContext() needs a <TerminalProvider> above it');
  return provided;
}

/** The latest terminal context (live: re-renders on every push) and the state of the line to the terminal. */
export function useTerminalContext(): TerminalState {
  const { context, agent } = useProvided();
  return { context, agent };
}

/** The bridge, for screens that send commands. */
export function useBridge(): Bridge {
  return useProvided().bridge;
}
