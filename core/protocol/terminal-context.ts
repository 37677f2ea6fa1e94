import { z } from 'zod';
import { CentreInfoSchema, DeviceInfoSchema, DeviceStatusSchema, PrinterHealthSchema, type CentreInfo, type DeviceInfo, type DeviceStatus, type PrinterHealth } from '../devices';
import { DepartmentSchema, ProcedureSchema, type Department, type Procedure } from '../dossiers/catalogue';
import { CentreRefSchema, type CentreRef } from '../dossiers/collection';
import { DossierEventSchema, OfficerViewSchema, type DossierEvent, type OfficerView } from '../dossiers/dossier';
import { QueueRulesSchema, type QueueRules } from '../queue/rules';
import { QueueSnapshotSchema, type QueueSnapshot } from '../queue/snapshot';
import { CounterSchema, IdSchema, ServiceSchema, type Counter, type Service } from '../queue/types';

/*
 * The terminal context and its schema, apart from the rest of the bridge contract (bridge.ts
 * re-exports all of it): the renderer checks a context before its first screen, and this module
 * does not pull in the hub's command table, which the renderer needs only for later answers.
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
  readonly catalogue: {
    readonly departments: readonly Department[];
    readonly procedures: readonly Procedure[];
    /** Counters: this centre and the centres a citizen may collect the result at (this one first is not promised); absent: this centre only. */
    readonly centre?: CentreRef | undefined;
    readonly collectCentres?: readonly CentreRef[] | undefined;
  };
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
  catalogue: z.object({ departments: z.array(DepartmentSchema), procedures: z.array(ProcedureSchema), centre: CentreRefSchema.optional(), collectCentres: z.array(CentreRefSchema).optional() }),
  officers: z.array(OfficerViewSchema),
  officer: OfficerViewSchema.nullable(),
  dossierFeed: z.array(DossierEventSchema),
  scanner: ScannerStateSchema.nullable(),
  outbox: z.object({ pending: z.number().int().nonnegative(), codesLeft: z.number().int().nonnegative(), failed: z.array(z.object({ code: z.string(), message: z.string() })).optional() }).nullable(),
  kiosk: KioskOfflineStateSchema.nullable().optional(),
  sending: z.object({ resending: z.boolean(), count: z.number().int().positive() }).nullable(),
}) satisfies z.ZodType<TerminalContext>;
