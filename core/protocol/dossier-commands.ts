import { z } from 'zod';
import { NotifyConsentSchema } from '../integrations/notify-consent';
import { CommandIdSchema } from './command-id';
import { ApplicantSchema, DossierActionSchema, OfficerViewSchema, DossierHistoryEntrySchema, DossierPublicViewSchema, DossierSchema, DossierStatusSchema, ReceivedDocumentSchema } from '../dossiers/dossier';
import { IdSchema } from '../queue/types';
import { CentreRefSchema } from '../dossiers/collection';
import { DossierSyncSchema } from '../integrations/outbound-events';
import { DossierResultSchema, MAX_RESULT_BYTES, ResultFileNameSchema } from '../dossiers/result-files';

// Kept apart from commands.ts so the dossier feature reads in one place; the COMMANDS table imports these.
const commandId = CommandIdSchema;
/** Any text: a mistyped code is answered "không tìm thấy", not a schema error. */
const code = z.string().min(1).max(40);

/** What the clerk enters for a dossier (the bridge's counter:receive-dossier takes exactly these). */
export const RECEIVED_DOSSIER_FIELDS = {
  procedureCode: z.string().min(1).max(32),
  applicant: ApplicantSchema,
  /** The checklist the clerk ticked: names from the procedure's documents, with the copies received. */
  documents: z.array(ReceivedDocumentSchema).max(40),
  /** VND actually collected. */
  feePaid: z.number().int().min(0).max(1_000_000_000),
  /** The queue ticket the applicant was served on, when there was one. */
  ticketId: z.number().int().positive().optional(),
  /** The phone the applicant gives FOR notifications, with consent (received / supplement / ready to collect). */
  notify: NotifyConsentSchema.optional(),
  /** Where the citizen collects the result: a centre of the province (default: the receiving centre; core/dossiers/collection.ts). */
  collectAt: IdSchema.optional(),
};

export const ReceiveDossierInputSchema = z.strictObject({
  commandId,
  ...RECEIVED_DOSSIER_FIELDS,
  /**
   * A code from a block this counter leased (dossier:lease-codes): given when the counter received
   * the dossier itself (e.g. while the hub was unreachable) and already printed it on the receipt.
   * Absent: the hub numbers the dossier.
   */
  code: z.string().min(1).max(40).optional(),
  /** When the counter received it (ISO), for a dossier delivered late from the counter's outbox; default: now. */
  receivedAt: z.string().datetime().optional(),
  /**
   * The public token of the receipt's status link (`<publicBaseUrl>/hs/<token>`), drawn by the
   * counter that printed it (core/public/public-token.ts); the hub keeps its hash. Absent: no link.
   */
  publicToken: z.string().regex(/^[A-Za-z0-9_-]{24}$/).optional(),
}).refine((i) => i.receivedAt === undefined || i.code !== undefined, { message: 'receivedAt is given only with a leased code', path: ['receivedAt'] });

/** What the back office decides about a dossier (the bridge's backoffice:act takes exactly these). */
export const DOSSIER_ACT_FIELDS = {
  code,
  action: DossierActionSchema,
  note: z.string().trim().min(1).max(1000).optional(),
  /** supplement: what the applicant must bring (Form 02). */
  missing: z.array(z.string().trim().min(1).max(300)).max(40).optional(),
  /** delay: the new due date, Vietnamese wall time "YYYY-MM-DDTHH:MM" (Form 04). */
  newDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:MM').optional(),
};

export const DossierActInputSchema = withActRules(z.strictObject({ commandId, ...DOSSIER_ACT_FIELDS }));

/** The rules between an action and its fields, for the hub command and the bridge call alike. */
export function withActRules<T extends z.ZodType<{ action: string; note?: string | undefined; missing?: string[] | undefined; newDueDate?: string | undefined }>>(schema: T) {
  return schema
  .refine((i) => !['supplement', 'refuse', 'delay'].includes(i.action) || i.note !== undefined, { message: 'supplement, refuse and delay need a note (the reason)', path: ['note'] })
  .refine((i) => (i.action === 'delay') === (i.newDueDate !== undefined), { message: 'newDueDate is given with delay, and only with delay', path: ['newDueDate'] })
  .refine((i) => i.action === 'supplement' || i.missing === undefined, { message: 'missing is given only with supplement', path: ['missing'] });
}

export const DossierCodeInputSchema = z.strictObject({ commandId, code });
/**
 * The kiosk's lookup: by the code on the receipt, or by the token of the receipt's status link
 * (`…/hs/<token>`, what its QR holds when the centre has a public address). One of the two.
 */
export const DossierLookupInputSchema = z.strictObject({ commandId, code: code.optional(), token: z.string().regex(/^[A-Za-z0-9_-]{24}$/).optional() });
export const DossierListInputSchema = z.strictObject({ commandId, status: DossierStatusSchema.optional() });

/**
 * `sync`: how far the dossier has reached the national portal (absent or null: no portal configured).
 * `results`: the result files its agency attached (core/dossiers/result-files.ts), oldest first.
 */
export const DossierOutputSchema = z.object({
  dossier: DossierSchema,
  history: z.array(DossierHistoryEntrySchema),
  sync: DossierSyncSchema.nullable().optional(),
  results: z.array(DossierResultSchema).optional(),
});

/**
 * Records a result file whose bytes the hub already holds (PUT /api/dossiers/:code/results or
 * POST /api/v1/dossiers/:code/results wrote them, named by their SHA-256): the back office of
 * the dossier's department. The same bytes again answer the first record.
 */
export const AttachResultInputSchema = z.strictObject({
  commandId,
  code,
  name: ResultFileNameSchema,
  pages: z.number().int().min(0).max(100_000),
  bytes: z.number().int().min(1).max(MAX_RESULT_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 in lowercase hex'),
});
export const DossierLookupOutputSchema = z.object({ dossier: DossierPublicViewSchema });
export const DossierListOutputSchema = z.object({ departmentId: IdSchema, dossiers: z.array(DossierSchema) });

/** The counter's "Kết quả chờ trả": results ready (done) to hand back at its centre, wherever received. */
export const DossierReadyInputSchema = z.strictObject({ commandId });
export const DossierReadyOutputSchema = z.object({ centre: CentreRefSchema, dossiers: z.array(DossierSchema) });

/** A block of dossier codes reserved for one counter, so it can receive (and print receipts) while the hub is away. */
export const LeaseCodesInputSchema = z.strictObject({ commandId, count: z.number().int().min(1).max(500) });
export const LeaseCodesOutputSchema = z.object({ day: z.string(), codes: z.array(z.string()), leasedAt: z.string() });

export const OfficerSignInInputSchema = z.strictObject({ commandId, officerId: IdSchema, pin: z.string().min(4).max(64) });
export const OfficerSignOutInputSchema = z.strictObject({ commandId });
export const OfficerStateOutputSchema = z.object({ officer: OfficerViewSchema.nullable() });
