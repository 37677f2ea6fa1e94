import type { Bridge, BridgeEvent, BridgeEventName, BridgeInput, BridgeName, BridgeOutput, TerminalContext } from '../../core/protocol/bridge';
import { err, type Result } from '../../core/result';
import { checkResult, outputSchema, parseContext, parseEvent } from './schemas';

/** How the renderer reaches its terminal: connected, still trying, lost, or refused (no valid session: not launched, or the agent restarted). */
export type AgentStatus = 'connecting' | 'connected' | 'lost' | 'unauthorized';

/** A bridge plus what the screens need to know about the line carrying it. */
export interface TerminalLink {
  readonly bridge: Bridge;
  status(): AgentStatus;
  onStatus(listener: (status: AgentStatus) => void): () => void;
  close(): void;
}

/** The message of the `internal` error a screen gets when the terminal agent is gone. */
export const AGENT_LOST_MESSAGE = 'Mất kết nối với máy trạm';

/**
 * Wraps any transport so every answer, every pushed context and every event is checked against the
 * contract before a screen sees it, and a throwing transport still answers with a value.
 */
export function checkedBridge(inner: Bridge): Bridge {
  return {
    async invoke<K extends BridgeName>(name: K, input: BridgeInput<K>): Promise<Result<BridgeOutput<K>>> {
      try {
        // The call and the fetch of its answer's schema (schemas.ts) run side by side.
        const [raw, schema] = await Promise.all([inner.invoke(name, input), outputSchema(name)]);
        // checkResult checked the value against the schema of `name`, which is BridgeOutput<K>.
        return checkResult(name, schema, raw) as Result<BridgeOutput<K>>;
      } catch (cause) {
        return err('internal', `${AGENT_LOST_MESSAGE} (${String(cause)})`);
      }
    },
    onContext(listener: (context: TerminalContext) => void): () => void {
      return inner.onContext((raw) => {
        const context = parseContext(raw);
        if (context !== null) listener(context);
      });
    },
    onEvent<E extends BridgeEventName>(name: E, listener: (event: BridgeEvent<E>) => void): () => void {
      return inner.onEvent(name, (raw) => {
        const event = parseEvent(name, raw);
        if (event !== null) listener(event);
      });
    },
  };
}

/** A small listener set: screens subscribe, the transport emits. */
export class Listeners<T> {
  readonly #set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.#set]) listener(value);
  }
}
