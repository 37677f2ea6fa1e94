import { z } from 'zod';
import type { CentreInfo, DeviceInfo } from '../devices';
import type { QueueSnapshot } from '../queue/snapshot';
import { IdSchema, type Counter, type Service, type Ticket } from '../queue/types';
import type { AppError, Result } from '../result';

/**
 * The bridge between a terminal's renderer and its main process (Electron preload, or the
 * headless agent over HTTP/WebSocket). One handler map types both ends.
 */

export type PrinterHealth = 'ok' | 'offline' | 'unknown';

/** Everything a screen needs to draw itself; pushed again whenever any part changes. */
export interface TerminalContext {
  readonly device: DeviceInfo | null;
  readonly centre: CentreInfo | null;
  readonly services: readonly Service[];
  readonly counters: readonly Counter[];
  readonly snapshot: QueueSnapshot | null;
  readonly hubConnected: boolean;
  /** Why the terminal is not connected, in words for staff (wrong token, hub down…). */
  readonly hubProblem: string | null;
  readonly printer: { readonly id: string; readonly health: PrinterHealth } | null;
}

export interface TakeTicketOutput {
  readonly ticket: Ticket;
  readonly serviceName: string;
  readonly waitingAhead: number;
  /** The ticket exists either way; `printed` says whether paper came out. */
  readonly printed: { readonly ok: true } | { readonly ok: false; readonly error: AppError };
}

export const BRIDGE_INPUTS = {
  'context:get': z.strictObject({}),
  'kiosk:take-ticket': z.strictObject({ serviceId: IdSchema }),
  'counter:call-next': z.strictObject({}),
  'counter:start': z.strictObject({ ticketId: z.number().int().positive() }),
  'counter:complete': z.strictObject({ ticketId: z.number().int().positive() }),
  'counter:no-show': z.strictObject({ ticketId: z.number().int().positive() }),
} as const;

export interface BridgeOutputs {
  'context:get': TerminalContext;
  'kiosk:take-ticket': TakeTicketOutput;
  'counter:call-next': { readonly ticket: Ticket };
  'counter:start': { readonly ticket: Ticket };
  'counter:complete': { readonly ticket: Ticket };
  'counter:no-show': { readonly ticket: Ticket };
}

export type BridgeName = keyof typeof BRIDGE_INPUTS & keyof BridgeOutputs;
export type BridgeInput<K extends BridgeName> = z.infer<(typeof BRIDGE_INPUTS)[K]>;
export type BridgeOutput<K extends BridgeName> = BridgeOutputs[K];

/** What the main side implements: one async function per bridge call. */
export type BridgeHandlers = {
  [K in BridgeName]: (input: BridgeInput<K>) => Promise<Result<BridgeOutput<K>>>;
};

/** What the renderer sees, whichever transport carries it. */
export interface Bridge {
  invoke<K extends BridgeName>(name: K, input: BridgeInput<K>): Promise<Result<BridgeOutput<K>>>;
  /** Calls `listener` with every new context; returns the unsubscribe function. */
  onContext(listener: (context: TerminalContext) => void): () => void;
}

export function isBridgeName(name: string): name is BridgeName {
  return Object.hasOwn(BRIDGE_INPUTS, name);
}

export { BRIDGE_CHANNEL } from './bridge-channel';
