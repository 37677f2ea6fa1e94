import { useState } from 'react';
import type { Bridge, BridgeInput, BridgeName, BridgeOutput } from '../../core/protocol/bridge';
import type { Result } from '../../core/result';
import { AGENT_LOST_MESSAGE } from '../bridge/terminal-link';

/**
 * A new command id, minted where the person acts. `crypto.randomUUID` exists only in secure
 * contexts: a TV browser opening the display over plain http on the LAN has `getRandomValues` only.
 */
export function newCommandId(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The bridge calls that make the hub write: their input carries the action's id. */
export type ActionName = { [K in BridgeName]: 'commandId' extends keyof BridgeInput<K> ? K : never }[BridgeName];

/** At most this many unanswered actions are remembered (each is one press the hub may have recorded). */
const REMEMBERED = 20;

/**
 * One id per action. An action that got no answer (hub-unreachable, or the screen lost its
 * agent: it may have been recorded) keeps its id, so pressing the same thing again with the same details is a retry the
 * hub answers with its first answer, never a second ticket or a second call. Any answer ends it.
 */
export class ActionIds {
  private readonly unanswered = new Map<string, string>();

  /** Sends `name` with the id of this action: the unanswered one for the same call, else a new one. */
  async invoke<K extends ActionName>(bridge: Bridge, name: K, input: Omit<BridgeInput<K>, 'commandId'>): Promise<Result<BridgeOutput<K>>> {
    const key = `${name} ${JSON.stringify(input)}`;
    const commandId = this.unanswered.get(key) ?? newCommandId();
    this.unanswered.delete(key);
    const result = await bridge.invoke(name, { ...input, commandId } as BridgeInput<K>);
    // No answer reached the screen: from the hub (the agent gave up) or from the agent itself (the screen lost it).
    if (!result.ok && (result.error.kind === 'hub-unreachable' || result.error.message === AGENT_LOST_MESSAGE)) {
      this.unanswered.set(key, commandId);
      if (this.unanswered.size > REMEMBERED) this.unanswered.delete(this.unanswered.keys().next().value as string);
    }
    return result;
  }
}

/** The screen's own ActionIds, kept for its lifetime. */
export function useActionIds(): ActionIds {
  return useState(() => new ActionIds())[0];
}
