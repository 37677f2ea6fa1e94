import { z } from 'zod';
import { DossierEventSchema } from '../dossiers/dossier';

/**
 * Things that happen at a terminal and are told once, as they happen, rather than kept as state:
 * a code read by the serial QR scanner, a dossier notice from the hub. Each event carries the
 * sequence number the terminal gave it (one sequence for all events of one terminal run), so a
 * screen takes each exactly once and in order; two identical scans are two events. Events are not
 * replayed: a screen that (re)connects hears only what happens from then on.
 */

const SeqSchema = z.number().int().positive();

export const BRIDGE_EVENTS = {
  /** A code the terminal's serial QR scanner read; the screen decides what it means there. */
  scan: z.object({ seq: SeqSchema, code: z.string() }),
  /** Counter and back office: a dossier was received or changed at the hub. */
  'dossier-notice': z.object({ seq: SeqSchema, event: DossierEventSchema }),
} as const;

export type BridgeEventName = keyof typeof BRIDGE_EVENTS;
export type BridgeEvent<E extends BridgeEventName> = z.infer<(typeof BRIDGE_EVENTS)[E]>;
/** What an event says besides its number: what the terminal hands its event channel. */
export type BridgeEventBody<E extends BridgeEventName> = Omit<BridgeEvent<E>, 'seq'>;

/** One event on the wire (Electron IPC or the agent's socket): its name and its payload. */
export type BridgeEventMessage = { [E in BridgeEventName]: { readonly name: E; readonly payload: BridgeEvent<E> } }[BridgeEventName];

export function isBridgeEventName(name: unknown): name is BridgeEventName {
  return typeof name === 'string' && Object.hasOwn(BRIDGE_EVENTS, name);
}

/** Checks an event arriving over a process boundary; null when it does not match the contract. */
export function parseBridgeEvent(name: unknown, payload: unknown): BridgeEventMessage | null {
  if (!isBridgeEventName(name)) return null;
  const parsed = BRIDGE_EVENTS[name].safeParse(payload);
  return parsed.success ? ({ name, payload: parsed.data } as BridgeEventMessage) : null;
}

export { EventSequence } from './event-sequence';
