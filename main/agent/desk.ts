import { randomUUID } from 'node:crypto';
import type { BridgeHandlers, BridgeName, TerminalContext } from '../../core/protocol/bridge';
import type { HubClient } from './hub-client';

/**
 * What the terminal's desks have in common. A desk is one concern of the terminal (the queue at a
 * counter, receiving dossiers, the printer…): it answers its part of the bridge (a subset of
 * `BridgeHandlers`) and fills its part of the terminal context; the agent builds the desks its
 * role needs and merges both (terminal-agent.ts).
 */

/** The bridge calls one desk answers. */
export type DeskHandlers<K extends BridgeName> = Pick<BridgeHandlers, K>;

/** The fields of the terminal context one desk fills. */
export type ContextPiece<K extends keyof TerminalContext> = Pick<TerminalContext, K>;

/** What desks use of the hub link (HubClient). */
export type DeskHub = Pick<HubClient, 'current' | 'command' | 'onChange'>;

/** The agent's clock: desks read the time only through it. */
export type Clock = () => Date;

/** The id the screen minted when the person acted; an older screen sends none, and then this call is the action. */
export function idOf(input: { readonly commandId?: string | undefined }): string {
  return input.commandId ?? randomUUID();
}
