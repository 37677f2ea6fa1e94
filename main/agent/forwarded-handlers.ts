import { randomUUID } from 'node:crypto';
import { BRIDGE_FORWARDS, type AgentFill, type ForwardName, type ForwardSpec } from '../../core/protocol/bridge-forwards';
import type { BridgeHandlers } from '../../core/protocol/bridge';
import type { CommandName, CommandOutput, CommandRequest } from '../../core/protocol/commands';
import type { Hello } from '../../core/protocol/socket';
import { err, ok, type Result } from '../../core/result';
import type { CommandOptions } from './hub-client';

/** What forwarding needs of the hub link (HubClient implements it). */
export interface ForwardingHubLink {
  current(): { readonly hello: Hello | null };
  command<K extends CommandName>(name: K, input: CommandRequest<K>, opts?: CommandOptions): Promise<Result<CommandOutput<K>>>;
}

/** Where the agent finds each field it fills in: the device's own assignment, from the hub's hello. */
const FILLS: { readonly [F in AgentFill]: (hello: Hello | null) => Result<string> } = {
  counterId: (hello) => {
    const counterId = hello?.device.counterId;
    return counterId ? ok(counterId) : err('forbidden', 'Máy này không được gán cho quầy nào.');
  },
};

export interface ForwardedHandlerOptions<K extends ForwardName> {
  /** Only these calls (a desk that answers some of them); default: every forwarding call. */
  readonly only?: readonly K[];
  /** Mints the commandId of a read, or of a write the screen sent without one (default randomUUID). */
  readonly mintId?: () => string;
}

/**
 * The bridge handlers of the calls in BRIDGE_FORWARDS: the screen's input (validated by the
 * bridge) plus the fields the agent fills in, sent as the command; the hub's answer comes back
 * as is. A write keeps the commandId the screen minted (the hub replays the first answer to a
 * retry); a read, or an older screen, gets one minted here.
 */
export function forwardedHandlers<K extends ForwardName = ForwardName>(hub: ForwardingHubLink, options: ForwardedHandlerOptions<K> = {}): Pick<BridgeHandlers, K> {
  const mintId = options.mintId ?? randomUUID;
  const forward = (spec: ForwardSpec) => async (input: { readonly commandId?: string }): Promise<Result<unknown>> => {
    const filled: Record<string, string> = {};
    for (const field of spec.fills) {
      const value = FILLS[field](hub.current().hello);
      if (!value.ok) return value;
      filled[field] = value.value;
    }
    // The table's types say the pieces make the command's input; the loop over it cannot carry them.
    return hub.command(spec.command, { ...input, ...filled, commandId: input.commandId ?? mintId() } as never);
  };
  const names = options.only ?? (Object.keys(BRIDGE_FORWARDS) as K[]);
  return Object.fromEntries(names.map((name) => [name, forward(BRIDGE_FORWARDS[name])])) as unknown as Pick<BridgeHandlers, K>;
}
