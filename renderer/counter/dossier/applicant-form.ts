import { parseCccdQr, type CccdField } from '../../../core/cccd/cccd-qr';
import { ApplicantSchema, type Applicant } from '../../../core/dossiers/dossier';

/** The applicant's fields as the clerk sees them (date of birth as dd/mm/yyyy). */
export interface ApplicantDraft {
  readonly fullName: string;
  readonly idNumber: string;
  readonly dateOfBirth: string;
  readonly address: string;
  readonly phone: string;
}
export type ApplicantField = keyof ApplicantDraft;
export type ApplicantProblems = Partial<Record<ApplicantField, string>>;

export const EMPTY_APPLICANT: ApplicantDraft = { fullName: '', idNumber: '', dateOfBirth: '', address: '', phone: '' };

const FIELDS: readonly ApplicantField[] = ['fullName', 'idNumber', 'dateOfBirth', 'address', 'phone'];

/** "05/03/1990", "5/3/1990" or "1990-03-05" → "1990-03-05"; null when it is not one of those. */
export function isoDateOf(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

export function displayDateOf(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The applicant ApplicantSchema accepts, or each field's problem in its own words (empty optional fields are left out). */
export function checkApplicant(draft: ApplicantDraft, badDate: string): { ok: true; value: Applicant } | { ok: false; problems: ApplicantProblems } {
  const problems: ApplicantProblems = {};
  const dob = draft.dateOfBirth.trim() === '' ? undefined : isoDateOf(draft.dateOfBirth);
  if (dob === null) problems.dateOfBirth = badDate;
  const input = {
    fullName: draft.fullName,
    idNumber: draft.idNumber,
    ...(dob ? { dateOfBirth: dob } : {}),
    ...(draft.address.trim() ? { address: draft.address } : {}),
    ...(draft.phone.trim() ? { phone: draft.phone } : {}),
  };
  const parsed = ApplicantSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && (FIELDS as readonly string[]).includes(field)) problems[field as ApplicantField] ??= issue.message;
    }
  }
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}

const CARD_TO_FORM: Partial<Record<CccdField, ApplicantField>> = { id: 'idNumber', fullName: 'fullName', dateOfBirth: 'dateOfBirth', address: 'address' };

/** A CCCD QR content as the form's fields, or every problem the parser found (each message whole). */
export function applicantFromCccd(
  content: string,
  now: Date,
): { ok: true; fields: Pick<ApplicantDraft, 'fullName' | 'idNumber' | 'dateOfBirth' | 'address'> } | { ok: false; messages: readonly string[]; problems: ApplicantProblems } {
  const parsed = parseCccdQr(content, now);
  if (!parsed.ok) {
    const problems: ApplicantProblems = {};
    for (const p of parsed.error.problems) {
      const field = CARD_TO_FORM[p.field];
      if (field !== undefined) problems[field] ??= p.message;
    }
    return { ok: false, messages: parsed.error.problems.map((p) => p.message), problems };
  }
  const card = parsed.value;
  return { ok: true, fields: { fullName: card.fullName, idNumber: card.id, dateOfBirth: displayDateOf(card.dateOfBirth), address: card.address } };
}
