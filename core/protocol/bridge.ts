import { z } from 'zod';
import { TicketSchema } from '../queue/types';
import type { Result } from '../result';
import { AppErrorSchema } from './result-schema';
import { CommandIdSchema } from './command-id';
import { FORWARD_INPUTS, FORWARD_OUTPUTS, screenInput } from './bridge-forwards';
import { StatsExportFileSchema, StatsExportRequestSchema, StatsRangeSchema, StatsReportSchema } from '../stats/stats-report';
import { DossierSchema } from '../dossiers/dossier';
import { DossierListOutputSchema, DossierLookupOutputSchema, DossierOutputSchema, OfficerStateOutputSchema, RECEIVED_DOSSIER_FIELDS } from './dossier-commands';
import type { BridgeEvent, BridgeEventName } from './bridge-events';
import { AdminSessionStateSchema, AdminSignInInputSchema } from './admin-session';
import { ProvinceStatsRangeSchema, ProvinceStatsSchema } from '../stats/province-stats';
import { MAX_RESULT_BYTES } from '../dossiers/result-files';
import { DeliveryLogQuerySchema, DeliveryLogSchema, ResendDeliveryInputSchema, ResendDeliveryOutputSchema } from '../integrations/outbound-events';
import { ScannerStateSchema, TerminalContextSchema, type TerminalContext } from './terminal-context';

/**
 * The bridge between a terminal's renderer and its main process (Electron preload, or the
 * headless agent over HTTP/WebSocket). One handler map types both ends. The terminal context
 * (what a screen draws) is in terminal-context.ts, re-exported here.
 */

/** What a receipt print came to: printed, or why not (the dossier is kept either way). */
const PrintedSchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: AppErrorSchema })]);

/** A dossier the counter received: at the hub already (`delivered`), or in the counter's outbox until the hub is back. */
export const ReceivedDossierOutputSchema = z.object({
  dossier: DossierSchema,
  delivered: z.boolean(),
  /** Form 01 on the counter's printer. */
  printed: PrintedSchema,
});

/** Forms the counter prints for a dossier: 01 receipt (again), 02 supplement request, 03 refusal, 04 delay apology. */
export const CounterFormSchema = z.enum(['01', '02', '03', '04']);

/**
 * Every bridge call that makes the hub write carries the id the screen minted when the person
 * acted, reused by every retry of that action; absent (older screens), the agent mints one per call.
 */
const ACTION_ID = { commandId: CommandIdSchema.optional() };

export const BRIDGE_INPUTS = {
  /** The calls that only forward a hub command: their inputs are the command table's (bridge-forwards.ts). */
  ...FORWARD_INPUTS,
  'context:get': z.strictObject({}),
  /** `commandId`: minted by the screen at the citizen's tap, reused by every retry (absent: the agent mints one). */
  'kiosk:take-ticket': screenInput('ticket:issue'),
  'admin:session': z.strictObject({}),
  'admin:sign-in': AdminSignInInputSchema,
  'admin:sign-out': z.strictObject({}),
  'admin:stats': StatsRangeSchema,
  'admin:stats-export': StatsExportRequestSchema,
  'admin:province-stats': ProvinceStatsRangeSchema,
  'admin:province-stats-export': ProvinceStatsRangeSchema,
  'admin:deliveries': DeliveryLogQuerySchema,
  'admin:resend-delivery': ResendDeliveryInputSchema,
  /** The code a citizen typed or scanned at the kiosk; the hub normalises and checks it. */
  'kiosk:check-in': screenInput('appointment:check-in'),
  /** A receipt code typed or scanned at the kiosk: status, due date, what is missing (no personal data). */
  'kiosk:lookup-dossier': z.strictObject({ code: z.string().min(1).max(200) }),
  /** Scanner at the counter: scan `pages` more pages (feeder) or one (flatbed); progress shows in context.scanner. */
  'counter:scan-pages': z.strictObject({ pages: z.number().int().min(1).max(100).default(1) }),
  'counter:scan-rescan': z.strictObject({ pageId: z.string().min(1).max(100) }),
  'counter:scan-delete': z.strictObject({ pageId: z.string().min(1).max(100) }),
  'counter:scan-move': z.strictObject({ pageId: z.string().min(1).max(100), to: z.number().int().min(0).max(999) }),
  /** Drops every scanned page (a new dossier). */
  'counter:scan-clear': z.strictObject({}),
  /** Receives the dossier with the pages scanned so far (assembled into one PDF), prints Form 01. */
  'counter:receive-dossier': z.strictObject(RECEIVED_DOSSIER_FIELDS),
  /** A dossier by its code (typed, or the receipt's QR): for returning results or printing a form. */
  'counter:dossier': z.strictObject({ code: z.string().min(1).max(200) }),
  /** The result handed to the applicant. */
  'counter:return-dossier': z.strictObject({ code: z.string().min(1).max(200), ...ACTION_ID }),
  'counter:print-form': z.strictObject({ code: z.string().min(1).max(200), form: CounterFormSchema }),
  // The back-office desk handles these around one command each (it follows who is signed in).
  'backoffice:sign-in': screenInput('officer:sign-in'),
  'backoffice:sign-out': screenInput('officer:sign-out'),
  'backoffice:list': screenInput('dossier:list'),
  'backoffice:dossier': screenInput('dossier:get'),
  'backoffice:act': screenInput('dossier:act'),
  /**
   * A result file the officer picked, as bytes (binary over IPC or the agent's WebSocket, never
   * base64): the agent sends it to the hub's PUT /api/dossiers/:code/results with the device token,
   * the way the counter's scanned PDF goes; the hub checks it is a PDF, the status and the count.
   */
  'backoffice:attach-result': z.strictObject({
    code: z.string().min(1).max(200),
    name: z.string().min(1).max(300),
    pdf: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array, 'tệp PDF (các byte)')
      .refine((b) => b.byteLength > 0, 'tệp rỗng')
      .refine((b) => b.byteLength <= MAX_RESULT_BYTES, `tệp lớn hơn ${MAX_RESULT_BYTES / 1024 / 1024} MB`),
  }),
} as const;


export const TakeTicketOutputSchema = z.object({
  /** An offline ticket has no hub id yet: its `id` is 0 until the hub has it. */
  ticket: TicketSchema.extend({ id: z.number().int().nonnegative() }),
  serviceName: z.string(),
  /** Null when unknown: a ticket issued offline (the kiosk does not know the queue then). */
  waitingAhead: z.number().int().nonnegative().nullable(),
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  /** The ticket exists unless voided; `printed` says whether paper came out. */
  printed: PrintedSchema,
  /** After a failed print, per the centre's policy: the number stays valid ('kept') or was cancelled ('voided'). */
  outcome: z.enum(['printed', 'kept', 'voided']),
  /** Issued from the kiosk's leased numbers while the hub was unreachable; delivered to the hub once it is back. */
  offline: z.boolean().optional(),
});
export type TakeTicketOutput = z.infer<typeof TakeTicketOutputSchema>;

export const BRIDGE_OUTPUTS = {
  ...FORWARD_OUTPUTS,
  'context:get': TerminalContextSchema,
  'kiosk:take-ticket': TakeTicketOutputSchema,
  'admin:session': AdminSessionStateSchema,
  'admin:sign-in': AdminSessionStateSchema,
  'admin:sign-out': AdminSessionStateSchema,
  'admin:stats': StatsReportSchema,
  'admin:stats-export': StatsExportFileSchema,
  'admin:province-stats': ProvinceStatsSchema,
  'admin:province-stats-export': StatsExportFileSchema,
  'admin:deliveries': DeliveryLogSchema,
  'admin:resend-delivery': ResendDeliveryOutputSchema,
  'kiosk:check-in': TakeTicketOutputSchema,
  'kiosk:lookup-dossier': DossierLookupOutputSchema,
  'counter:scan-pages': ScannerStateSchema,
  'counter:scan-rescan': ScannerStateSchema,
  'counter:scan-delete': ScannerStateSchema,
  'counter:scan-move': ScannerStateSchema,
  'counter:scan-clear': ScannerStateSchema,
  'counter:receive-dossier': ReceivedDossierOutputSchema,
  'counter:dossier': DossierOutputSchema,
  'counter:return-dossier': DossierOutputSchema,
  'counter:print-form': z.object({ printed: PrintedSchema }),
  'backoffice:sign-in': OfficerStateOutputSchema,
  'backoffice:sign-out': OfficerStateOutputSchema,
  'backoffice:list': DossierListOutputSchema,
  'backoffice:dossier': DossierOutputSchema,
  'backoffice:act': DossierOutputSchema,
  'backoffice:attach-result': DossierOutputSchema,
} as const satisfies Record<keyof typeof BRIDGE_INPUTS, z.ZodType>;

type BridgeOutputs = { [K in keyof typeof BRIDGE_OUTPUTS]: K extends 'context:get' ? TerminalContext : z.infer<(typeof BRIDGE_OUTPUTS)[K]> };

export type BridgeName = keyof typeof BRIDGE_INPUTS & keyof BridgeOutputs;
/** What a renderer sends: fields with defaults may be left out. */
export type BridgeInput<K extends BridgeName> = z.input<(typeof BRIDGE_INPUTS)[K]>;
/** What a handler receives: validated, defaults filled in. */
export type BridgeArgs<K extends BridgeName> = z.infer<(typeof BRIDGE_INPUTS)[K]>;
export type BridgeOutput<K extends BridgeName> = BridgeOutputs[K];

/** What the main side implements: one async function per bridge call. */
export type BridgeHandlers = {
  [K in BridgeName]: (input: BridgeArgs<K>) => Promise<Result<BridgeOutput<K>>>;
};

/** What the renderer sees, whichever transport carries it. */
export interface Bridge {
  invoke<K extends BridgeName>(name: K, input: BridgeInput<K>): Promise<Result<BridgeOutput<K>>>;
  /** Calls `listener` with every new context; returns the unsubscribe function. */
  onContext(listener: (context: TerminalContext) => void): () => void;
  /** Calls `listener` with every event named `name` from now on, once each, in order; returns the unsubscribe function. */
  onEvent<E extends BridgeEventName>(name: E, listener: (event: BridgeEvent<E>) => void): () => void;
}

export function isBridgeName(name: string): name is BridgeName {
  return Object.hasOwn(BRIDGE_INPUTS, name);
}

export { BRIDGE_CHANNEL } from './bridge-channel';
export { KioskOfflineStateSchema, ScannedPageSchema, ScannerStateSchema, TerminalContextSchema, type KioskOfflineState, type ScannedPage, type ScannerState, type TerminalContext } from './terminal-context';
export { BRIDGE_EVENTS, type BridgeEvent, type BridgeEventBody, type BridgeEventMessage, type BridgeEventName } from './bridge-events';
