import { BRIDGE_INPUTS, isBridgeName, type BridgeArgs, type BridgeHandlers, type BridgeName } from '../../core/protocol/bridge';
import { err, ok, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';

export type BridgeCall = { [K in BridgeName]: { readonly name: K; readonly input: BridgeArgs<K> } }[BridgeName];

/** Validates a bridge call arriving from a renderer; nothing unvalidated reaches a handler. */
export function parseBridgeCall(name: unknown, input: unknown): Result<BridgeCall> {
  if (typeof name !== 'string' || !isBridgeName(name)) return err('invalid-input', `Unknown bridge call: ${JSON.stringify(name)}`);
  const parsed = BRIDGE_INPUTS[name].safeParse(input ?? {});
  if (!parsed.success) return err('invalid-input', describeIssues(name, parsed.error).replaceAll('\n', '; '));
  return ok({ name, input: parsed.data } as BridgeCall);
}

/**
 * The one entry for bridge calls from any renderer transport (Electron IPC, the agent's
 * WebSocket). Handlers return errors as values; a throw is a bug, reported as `internal`.
 */
export async function dispatchBridgeCall(handlers: BridgeHandlers, name: unknown, input: unknown): Promise<Result<unknown>> {
  const call = parseBridgeCall(name, input);
  if (!call.ok) return call;
  const handler = handlers[call.value.name] as (i: BridgeArgs<BridgeName>) => Promise<Result<unknown>>;
  try {
    return await handler(call.value.input);
  } catch (e) {
    return err('internal', `Lỗi máy trạm khi xử lý "${call.value.name}": ${e instanceof Error ? e.message : String(e)}`);
  }
}
