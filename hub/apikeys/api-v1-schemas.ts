import { z } from 'zod';
import { DossierStatusSchema, type Dossier } from '../../core/dossiers/dossier';
import { initialsOf } from '../../core/dossiers/dossier-code';
import { dossierStatusVi } from '../../core/dossiers/dossier-state';
import { maskCccd } from '../../core/privacy/personal-data';

/** GET /api/v1/dossiers query: every field optional; anything else is refused (422). */
export const DossierListQuerySchema = z.strictObject({
  status: DossierStatusSchema.optional(),
  /** Only dossiers changed at or after this instant (ISO 8601 with zone). */
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** What an external system may do to a dossier: the back office's actions (return stays at the counter). */
export const EXTERNAL_ACTIONS = ['accept', 'processing', 'supplement', 'refuse', 'done', 'delay'] as const;

/** POST /api/v1/dossiers/:code/actions. The hub's own command re-checks everything (DossierActInputSchema). */
export const ExternalActionSchema = z
  .strictObject({
    action: z.enum(EXTERNAL_ACTIONS),
    /** Supplement, refuse and delay: why (Forms 02, 03, 04); otherwise an optional remark. */
    reason: z.string().trim().min(1).max(1000).optional(),
    /** Supplement: what the applicant must bring (default: the reason). */
    missing: z.array(z.string().trim().min(1).max(300)).max(40).optional(),
    /** Delay: the new due date, Vietnamese wall time "YYYY-MM-DDTHH:MM". */
    newDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:MM (giờ Việt Nam)').optional(),
    /** The external system's user who acts: recorded in Form 05 as "<system> / <name> (<id>)". */
    actor: z.strictObject({ id: z.string().trim().min(1).max(64), name: z.string().trim().min(2).max(100) }),
  })
  .refine((b) => !['supplement', 'refuse', 'delay'].includes(b.action) || b.reason !== undefined, { message: 'yêu cầu bổ sung, từ chối và hẹn lại cần lý do (reason)', path: ['reason'] })
  .refine((b) => (b.action === 'delay') === (b.newDueDate !== undefined), { message: 'newDueDate đi cùng delay, và chỉ với delay', path: ['newDueDate'] })
  .refine((b) => b.action === 'supplement' || b.missing === undefined, { message: 'missing chỉ đi cùng supplement', path: ['missing'] });
export type ExternalAction = z.infer<typeof ExternalActionSchema>;

/** A dossier in a list answer: no CCCD number and no name, as the kiosk and the displays show it. */
export const DossierSummarySchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  departmentId: z.string(),
  status: DossierStatusSchema,
  statusName: z.string(),
  applicantInitials: z.string(),
  /** First 4 and last 2 digits of the CCCD, as the back office's lists show it: `0010******45`. */
  applicantIdMasked: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  dueLocal: z.string(),
  overdue: z.boolean(),
  missing: z.array(z.string()),
  updatedAt: z.string(),
  pdf: z.object({ pages: z.number().int(), bytes: z.number().int() }).nullable(),
});
export type DossierSummary = z.infer<typeof DossierSummarySchema>;

export function dossierSummary(d: Dossier): DossierSummary {
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    departmentId: d.departmentId,
    status: d.status,
    statusName: dossierStatusVi(d.status),
    applicantInitials: initialsOf(d.applicant.fullName),
    applicantIdMasked: maskCccd(d.applicant.idNumber),
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    dueLocal: d.dueLocal,
    overdue: d.overdue,
    missing: d.missing,
    updatedAt: d.updatedAt,
    pdf: d.pdf,
  };
}
