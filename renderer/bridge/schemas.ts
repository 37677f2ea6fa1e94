import type { z } from 'zod';
import { BRIDGE_OUTPUTS, TerminalContextSchema, type BridgeName, type TerminalContext } from '../../core/protocol/bridge';
import { BRIDGE_EVENTS, type BridgeEvent, type BridgeEventName } from '../../core/protocol/bridge-events';
import { resultSchema } from '../../core/protocol/result-schema';
import { err, type Result } from '../../core/result';

/*
 * What the renderer accepts from its bridge. Whatever carries the bridge (Electron IPC or the
 * agent's WebSocket) is a process boundary, so answers and pushes are checked against the
 * contract's schemas before a screen draws them.
 */

/** Checks a bridge answer; a malformed one becomes an `internal` error instead of a broken screen. */
export function parseResult(name: BridgeName, raw: unknown): Result<unknown> {
  const parsed = resultSchema(BRIDGE_OUTPUTS[name]).safeParse(raw);
  if (parsed.success) return parsed.data;
  reportMismatch(`the answer to ${name}`, parsed.error);
  return err('internal', `Máy trạm trả lời không hợp lệ (${name}).`);
}

/** Checks a pushed context; null when it does not match the contract. */
export function parseContext(raw: unknown): TerminalContext | null {
  const parsed = TerminalContextSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
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
