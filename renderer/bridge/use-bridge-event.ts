import { useEffect, useRef } from 'react';
import type { BridgeEvent, BridgeEventName } from '../../core/protocol/bridge';
import { useBridge } from './use-terminal-context';

/**
 * Calls `onEvent` with each bridge event named `name` (a scan, a dossier notice) while the
 * component is mounted and `enabled`: each once, in order, and none from before (events are not
 * state: a screen that appears later does not get an old scan as new).
 */
export function useBridgeEvent<E extends BridgeEventName>(name: E, onEvent: (event: BridgeEvent<E>) => void, enabled = true): void {
  const bridge = useBridge();
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!enabled) return;
    return bridge.onEvent(name, (event) => latest.current(event));
  }, [bridge, name, enabled]);
}
