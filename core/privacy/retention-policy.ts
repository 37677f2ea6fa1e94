import { z } from 'zod';

/**
 * How long the hub keeps each class of personal data (the centre config's `privacy.retention`).
 * The command log has its own setting, `hub.commandLogRetentionDays`, kept where it was.
 */
export const RetentionPolicySchema = z
  .strictObject({
    /** A rating's free-text comment that holds a phone number is cleared after this many days (the score stays for statistics). */
    ratingPhoneDays: z.number().int().min(1, 'at least 1 day').max(3650, 'at most 3650 days').default(90),
    /**
     * A dossier returned to the citizen (or refused) has its applicant anonymised after this many
     * years: name, CCCD, date of birth, address and phone go; procedure, dates and status stay, so
     * the statistics still count it.
     */
    applicantDataAfterReturnYears: z.number().int().min(1, 'at least 1 year').max(50, 'at most 50 years').default(5),
    /** A returned (or refused) dossier — control sheet, checklist, scanned PDF — is deleted after this many years. */
    dossiersAfterReturnYears: z.number().int().min(1, 'at least 1 year').max(100, 'at most 100 years').default(20),
  })
  .superRefine((p, ctx) => {
    if (p.applicantDataAfterReturnYears > p.dossiersAfterReturnYears) {
      ctx.addIssue({
        code: 'custom',
        path: ['applicantDataAfterReturnYears'],
        message: `${p.applicantDataAfterReturnYears} years is longer than the dossiers themselves are kept (dossiersAfterReturnYears: ${p.dossiersAfterReturnYears})`,
      });
    }
  });
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

export const PrivacyConfigSchema = z.strictObject({ retention: RetentionPolicySchema.prefault({}) });
export type PrivacyConfig = z.infer<typeof PrivacyConfigSchema>;

export const DEFAULT_RETENTION: RetentionPolicy = RetentionPolicySchema.parse({});

/** Dossier statuses after which the citizen's dossier is closed: its personal data may be erased. */
export const CLOSED_DOSSIER_STATUSES = ['returned', 'refused'] as const;

export interface RetentionCutoffs {
  /** ISO instants: data of that class older than this goes. */
  readonly commandLog: string;
  readonly ratingPhones: string;
  readonly applicantData: string;
  readonly dossiers: string;
}

const DAY_MS = 86_400_000;

/** The same calendar day N years back (29 February → 28 February), in UTC: a day either way does not matter here. */
function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCDate() !== now.getUTCDate()) d.setUTCDate(0);
  return d;
}

/** The cut-off instant of every data class for a purge at `now`. */
export function retentionCutoffs(policy: RetentionPolicy, commandLogDays: number, now: Date): RetentionCutoffs {
  return {
    commandLog: new Date(now.getTime() - commandLogDays * DAY_MS).toISOString(),
    ratingPhones: new Date(now.getTime() - policy.ratingPhoneDays * DAY_MS).toISOString(),
    applicantData: yearsBefore(now, policy.applicantDataAfterReturnYears).toISOString(),
    dossiers: yearsBefore(now, policy.dossiersAfterReturnYears).toISOString(),
  };
}

/** A Vietnamese phone number as citizens write one in a comment: 0912 345 678, 0912.345.678, +84 912345678. */
const PHONE_IN_TEXT = /(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)/;

export function containsPhoneNumber(text: string): boolean {
  return PHONE_IN_TEXT.test(text);
}
