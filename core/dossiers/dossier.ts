import { z } from 'zod';
import { IdSchema } from '../queue/types';
import { DOSSIER_ACTIONS, DOSSIER_STATUSES } from './dossier-state';
import { CentreRefSchema } from './collection';

export const DossierStatusSchema = z.enum(DOSSIER_STATUSES);
export const DossierActionSchema = z.enum(DOSSIER_ACTIONS);

/** The applicant as the counter enters it (or reads it from the CCCD QR, core/cccd). */
export const ApplicantSchema = z.strictObject({
  fullName: z.string().trim().min(2, 'họ tên người nộp (ít nhất 2 ký tự)').max(100),
  idNumber: z.string().trim().regex(/^\d{12}$/, 'số CCCD gồm đúng 12 chữ số'),
  /** YYYY-MM-DD */
  dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày sinh dạng YYYY-MM-DD').optional(),
  address: z.string().trim().min(1).max(300).optional(),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 .]{7,14}$/, 'số điện thoại 8–15 chữ số').optional(),
});
export type Applicant = z.infer<typeof ApplicantSchema>;

export const ReceivedDocumentSchema = z.strictObject({ name: z.string().min(1).max(300), copies: z.number().int().min(1).max(20) });

export const DossierDocumentSchema = z.object({ name: z.string(), copies: z.number().int(), original: z.boolean() });

/** A dossier as the hub's staff (counter, back office) see it. */
export const DossierSchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  departmentId: IdSchema,
  serviceId: IdSchema,
  status: DossierStatusSchema,
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string(),
    dateOfBirth: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  documents: z.array(DossierDocumentSchema),
  /** The catalogue fee at receipt and what was paid, VND. */
  fee: z.number().int(),
  feePaid: z.number().int(),
  ticketId: z.number().int().nullable(),
  receivedAt: z.string(),
  receivedBy: z.string(),
  /** The centre whose counter received it. */
  receivedAtCentre: CentreRefSchema,
  /** Where the citizen collects the result (nơi trả kết quả): the receiving centre unless chosen at receipt. */
  collectAtCentre: CentreRefSchema,
  /** The due instant (ISO) and the same as Vietnamese wall time "YYYY-MM-DDTHH:MM" for the receipt. */
  dueAt: z.string(),
  dueLocal: z.string(),
  overdue: z.boolean(),
  /** What the applicant must still bring (set by a supplement request). */
  missing: z.array(z.string()),
  updatedAt: z.string(),
  /** The scanned papers as one PDF at the hub (uploaded by the counter), or null when none was sent yet. */
  pdf: z.object({ pages: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }).nullable(),
});
export type Dossier = z.infer<typeof DossierSchema>;

/** A unit named on a Form 05 line: a centre (counter actions) or an agency (back-office actions). */
export const DossierUnitSchema = z.object({ kind: z.enum(['centre', 'agency']), id: z.string(), name: z.string() });
export type DossierUnit = z.infer<typeof DossierUnitSchema>;

/** One line of the processing control sheet (Form 05): each hand-off, who, in which role, when. */
export const DossierHistoryEntrySchema = z.object({
  at: z.string(),
  action: z.union([DossierActionSchema, z.literal('receive')]),
  fromStatus: DossierStatusSchema.nullable(),
  toStatus: DossierStatusSchema,
  deviceId: z.string(),
  role: z.string(),
  actorName: z.string(),
  note: z.string().nullable(),
  /** The due date this hand-off set (ISO): the first one on `receive`, the new one on `delay`; else null. */
  newDueAt: z.string().nullable(),
  /**
   * The unit that acted: the receiving centre on `receive`, the competent agency on the back
   * office's actions, the collecting centre on `return`. Null on lines written before it was recorded.
   */
  unit: DossierUnitSchema.nullable(),
});
export type DossierHistoryEntry = z.infer<typeof DossierHistoryEntrySchema>;

/** What the kiosk shows for a code: no personal data beyond the initials printed on the receipt. */
export const DossierPublicViewSchema = z.object({
  code: z.string(),
  procedureName: z.string(),
  status: DossierStatusSchema,
  statusName: z.string(),
  dueLocal: z.string(),
  overdue: z.boolean(),
  missing: z.array(z.string()),
  applicantInitials: z.string(),
  /** Where the result is collected (nơi trả kết quả): the centre's name. */
  collectAtCentreName: z.string(),
});
export type DossierPublicView = z.infer<typeof DossierPublicViewSchema>;

/** Pushed to the back office of the dossier's department and to the counters on every change. */
export const DossierEventSchema = z.object({
  kind: z.enum(['received', 'changed']),
  /** 'attach': the counter uploaded (or replaced) the scanned PDF; not a hand-off, so not in the history. */
  action: z.union([DossierActionSchema, z.literal('receive'), z.literal('attach')]),
  dossier: DossierSchema,
});
export type DossierEvent = z.infer<typeof DossierEventSchema>;

/** A back-office officer as the screens see one (the PIN hash never leaves the hub). */
export const OfficerViewSchema = z.object({ id: IdSchema, name: z.string(), departmentId: IdSchema });
export type OfficerView = z.infer<typeof OfficerViewSchema>;
