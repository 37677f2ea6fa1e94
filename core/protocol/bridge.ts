import { z } from 'zod';
import { CentreInfoSchema, DeviceInfoSchema, DeviceStatusSchema, PrinterHealthSchema, type CentreInfo, type DeviceInfo, type DeviceStatus, type PrinterHealth } from '../devices';
import { QueueRulesSchema, type QueueRules } from '../queue/rules';
import { QueueSnapshotSchema, type QueueSnapshot } from '../queue/snapshot';
import { CounterSchema, IdSchema, ServiceSchema, TicketSchema, type Counter, type Service } from '../queue/types';
import type { Result } from '../result';
import { AppErrorSchema } from './result-schema';
import { CommandIdSchema } from './command-id';
import { FORWARD_INPUTS, FORWARD_OUTPUTS, screenInput } from './bridge-forwards';
import { StatsExportFileSchema, StatsExportRequestSchema, StatsRangeSchema, StatsReportSchema } from '../stats/stats-report';
import { DepartmentSchema, ProcedureSchema, type Department, type Procedure } from '../dossiers/catalogue';
import { DossierEventSchema, DossierSchema, OfficerViewSchema, type DossierEvent, type OfficerView } from '../dossiers/dossier';
import { DossierListOutputSchema, DossierLookupOutputSchema, DossierOutputSchema, OfficerStateOutputSchema, RECEIVED_DOSSIER_FIELDS } from './dossier-commands';
import type { BridgeEvent, BridgeEventName } from './bridge-events';
import { AdminSessionStateSchema, AdminSignInInputSchema } from './admin-session';
import { MAX_RESULT_BYTES } from '../dossiers/result-files';
import { DeliveryLogQuerySchema, DeliveryLogSchema, ResendDeliveryInputSchema, ResendDeliveryOutputSchema } from '../integrations/outbound-events';

/**
 * The bridge between a terminal's renderer and its main process (Electron preload, or the
 * headless agent over HTTP/WebSocket). One handler map types both ends.
 */


/**
 * Everything a screen needs to draw itself; pushed again whenever any part changes. Scoped by
 * role (context-scope.ts): a piece the role does not use is sent empty. Things that happen (a
 * scan, a dossier notice) are not here: they are bridge events (bridge-events.ts).
 */
export interface TerminalContext {
  readonly device: DeviceInfo | null;
  readonly centre: CentreInfo | null;
  readonly services: readonly Service[];
  readonly counters: readonly Counter[];
  readonly rules: QueueRules | null;
  /** Who may sign in at a counter; empty when the centre does not use clerk sign-in. */
  readonly clerks: readonly { readonly id: string; readonly name: string }[];
  readonly snapshot: QueueSnapshot | null;
  readonly hubConnected: boolean;
  /** Why the terminal is not connected, in words for staff (wrong token, hub down…). */
  readonly hubProblem: string | null;
  readonly printer: { readonly id: string; readonly health: PrinterHealth; readonly detail: string } | null;
  /** Every enrolled device and its health: only for the admin role, null elsewhere. */
  readonly devices: readonly DeviceStatus[] | null;
  /** Counters and back office: the procedure catalogue (search it with core/dossiers/catalogue searchProcedures). */
  readonly catalogue: { readonly departments: readonly Department[]; readonly procedures: readonly Procedure[] };
  /** Back office: the device's department officers, and who is signed in here (null: nobody). */
  readonly officers: readonly OfficerView[];
  readonly officer: OfficerView | null;
  /** Counter and back office: the latest dossier events this terminal heard, newest first (at most 30). */
  readonly dossierFeed: readonly DossierEvent[];
  /** Counter: the document scanner and the pages scanned for the dossier being received; null: no scanner configured. */
  readonly scanner: ScannerState | null;
  /**
   * Counter: dossiers received here that the hub does not have yet (refused ones included), leased codes of today left,
   * and the dossiers the hub refused for good (kept at the counter, never dropped) with its reason.
   */
  readonly outbox: { readonly pending: number; readonly codesLeft: number; readonly failed?: readonly { readonly code: string; readonly message: string }[] } | null;
  /** Kiosk: tickets issued offline and not yet at the hub, leased numbers of today left per service, and offline tickets the hub refused (or of a day that is over) with the reason. */
  readonly kiosk?: KioskOfflineState | null;
  /**
   * Actions the hub has not answered yet and that the terminal sends again with the same id:
   * `resending` while the link is up, false while it waits for the link; null: nothing pending.
   */
  readonly sending: { readonly resending: boolean; readonly count: number } | null;
}

export const KioskOfflineStateSchema = z.object({
  pending: z.number().int().nonnegative(),
  numbersLeft: z.record(z.string(), z.number().int().nonnegative()),
  failed: z.array(z.object({ serviceId: z.string(), day: z.string(), number: z.number().int().positive(), message: z.string() })),
});
export type KioskOfflineState = z.infer<typeof KioskOfflineStateSchema>;

/** One scanned page of the dossier being received; its preview image is at `previewUrl` on the bridge server. */
export const ScannedPageSchema = z.object({ id: z.string(), previewUrl: z.string(), dpi: z.number().int().nullable(), kind: z.enum(['png', 'jpg', 'pdf']) });
export type ScannedPage = z.infer<typeof ScannedPageSchema>;

export const ScannerStateSchema = z.object({
  /** scanning: `progress` is the page being scanned (1-based) and its percentage. */
  state: z.enum(['idle', 'scanning', 'error']),
  progress: z.object({ page: z.number().int().positive(), percent: z.number().min(0).max(100) }).nullable(),
  /** The last failure in words for the clerk (no paper in the feeder, scanner not found…), else null. */
  message: z.string().nullable(),
  pages: z.array(ScannedPageSchema),
});
export type ScannerState = z.infer<typeof ScannerStateSchema>;

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

/** Checked by the renderer on every push: the bridge is a process boundary. */
export const TerminalContextSchema = z.object({
  device: DeviceInfoSchema.nullable(),
  centre: CentreInfoSchema.nullable(),
  services: z.array(ServiceSchema),
  counters: z.array(CounterSchema),
  rules: QueueRulesSchema.nullable(),
  clerks: z.array(z.object({ id: IdSchema, name: z.string() })),
  snapshot: QueueSnapshotSchema.nullable(),
  hubConnected: z.boolean(),
  hubProblem: z.string().nullable(),
  printer: z.object({ id: z.string(), health: PrinterHealthSchema, detail: z.string() }).nullable(),
  devices: z.array(DeviceStatusSchema).nullable(),
  catalogue: z.object({ departments: z.array(DepartmentSchema), procedures: z.array(ProcedureSchema) }),
  officers: z.array(OfficerViewSchema),
  officer: OfficerViewSchema.nullable(),
  dossierFeed: z.array(DossierEventSchema),
  scanner: ScannerStateSchema.nullable(),
  outbox: z.object({ pending: z.number().int().nonnegative(), codesLeft: z.number().int().nonnegative(), failed: z.array(z.object({ code: z.string(), message: z.string() })).optional() }).nullable(),
  kiosk: KioskOfflineStateSchema.nullable().optional(),
  sending: z.object({ resending: z.boolean(), count: z.number().int().positive() }).nullable(),
}) satisfies z.ZodType<TerminalContext>;

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
export { BRIDGE_EVENTS, type BridgeEvent, type BridgeEventBody, type BridgeEventMessage, type BridgeEventName } from './bridge-events';
