import type { z } from 'zod';
import type * as ContractModule from '../../core/protocol/bridge';
import type { BridgeName } from '../../core/protocol/bridge';
import { BRIDGE_EVENTS, type BridgeEvent, type BridgeEventName } from '../../core/protocol/bridge-events';
import { resultSchema } from '../../core/protocol/result-schema';
import { TerminalContextSchema, type TerminalContext } from '../../core/protocol/terminal-context';
import { err, type Result } from '../../core/result';

/*
 * What the renderer accepts from its bridge. Whatever carries the bridge (Electron IPC or the
 * agent's WebSocket) is a process boundary, so answers and pushes are checked against the
 * contract's schemas before a screen draws them.
 *
 * The context's schema is here from the start (no screen draws without a context). The schemas
 * of every other answer are the whole bridge contract, with the hub's command table behind it:
 * a chunk of its own, fetched when the renderer is idle after its first context, or by the first
 * answer that needs it (the call and the fetch run side by side).
 */

type Contract = typeof ContractModule;
let contract: Promise<Contract> | null = null;

/** The whole bridge contract (answer schemas), fetched once; a failed fetch is tried again next time. */
function loadContract(): Promise<Contract> {
  contract ??= import('../../core/protocol/bridge').catch((cause: unknown) => {
    contract = null;
    throw cause;
  });
  return contract;
}

let prefetched = false;
/** Fetches the answer schemas while nothing else happens, so the first command does not wait for them. */
function prefetchContract(): void {
  if (prefetched) return;
  prefetched = true;
  const idle = (globalThis as { requestIdleCallback?: (fn: () => void) => void }).requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 500));
  idle(() => void loadContract().catch(() => {}));
}

/** The schema of `name`'s answer. */
export async function outputSchema(name: BridgeName): Promise<z.ZodType> {
  if (name === 'context:get') return TerminalContextSchema;
  return (await loadContract()).BRIDGE_OUTPUTS[name];
}

/** Checks a bridge answer; a malformed one becomes an `internal` error instead of a broken screen. */
export async function parseResult(name: BridgeName, raw: unknown): Promise<Result<unknown>> {
  return checkResult(name, await outputSchema(name), raw);
}

/** Checks a bridge answer against its schema (outputSchema). */
export function checkResult(name: BridgeName, schema: z.ZodType, raw: unknown): Result<unknown> {
  const parsed = resultSchema(schema).safeParse(raw);
  if (parsed.success) {
    prefetchContract();
    return parsed.data as Result<unknown>;
  }
  reportMismatch(`the answer to ${name}`, parsed.error);
  return err('internal', `Máy trạm trả lời không hợp lệ (${name}).`);
}

/** Checks a pushed context; null when it does not match the contract. */
export function parseContext(raw: unknown): TerminalContext | null {
  const parsed = TerminalContextSchema.safeParse(raw);
  if (parsed.success) {
    prefetchContract();
    return parsed.data;
  }
  reportMismatch('a pushed context', parsed.error);
  return null;
}

/** Checks a pushed event against the schema of its name; null when it does not match the contract. */
export function parseEvent<E extends BridgeEventName>(name: E, raw: unknown): BridgeEvent<E> | null {
  const parsed = BRIDGE_EVENTS[name].safeParse(raw);
  if (parsed.success) return parsed.data as BridgeEvent<E>;
  reportMismatch(`a "${name}" event`, parsed.error);
  return null;
}

/** A contract mismatch is a bug between renderer and terminal: say where, loudly, for whoever reads the console. */
function reportMismatch(what: string, error: z.ZodError): void {
  const where = error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  console.error(`motcua: ${what} does not match the bridge contract and was ignored — ${where.join('; ')}`);
}
