import type { LocalDate } from '../calendar/local-time';
import { compileDossierCodePattern, makeNationalDossierCode, parseAnyDossierCode, parseNationalDossierCode, type DossierCodePattern } from '../integrations/national-dossier-code';
import { dossierDay, makeDossierCode, MAX_DOSSIERS_PER_DAY, parseDossierCode } from './dossier-code';

/**
 * How this centre numbers its dossiers (config `dossierCodes`):
 *
 *   short     <prefix>-<YYMMDD>-<NNNN>, e.g. HK-261203-0007 (core/dossiers/dossier-code.ts)
 *   national  Circular 01/2018/TT-VPCP: the receiving agency's electronic code (Decision
 *             20/2020/QĐ-TTg), the receipt date and the day's sequence, e.g.
 *             000.00.31.H26-261203-0007 (layout: core/integrations/national-dossier-code.ts)
 *
 * One hub receives for one agency (its one-stop unit), so the day's sequence is that agency's.
 */
export type DossierCodeFormat =
  | { readonly kind: 'short'; readonly prefix: string }
  | { readonly kind: 'national'; readonly prefix: string; readonly agencyCode: string; readonly pattern: DossierCodePattern };

/** What the hub numbers by: the day (YYMMDD, whatever the code's own date form) and the day's sequence. */
export interface DossierCodeKey {
  readonly code: string;
  readonly day: string;
  readonly sequence: number;
}

export function maxDossiersPerDay(format: DossierCodeFormat): number {
  return format.kind === 'short' ? MAX_DOSSIERS_PER_DAY : format.pattern.maxSequence;
}

export function makeCentreDossierCode(format: DossierCodeFormat, date: LocalDate, sequence: number): string {
  return format.kind === 'short' ? makeDossierCode(format.prefix, date, sequence) : makeNationalDossierCode(format.pattern, format.agencyCode, date, sequence);
}

/** A human description of the format, for refusals: "HK-YYMMDD-NNNN" or "000.00.31.H26-YYMMDD-NNNN". */
export function describeDossierCodeFormat(format: DossierCodeFormat): string {
  if (format.kind === 'short') return `${format.prefix}-YYMMDD-NNNN`;
  return format.pattern.tokens
    .map((t) => (t.kind === 'agency' ? format.agencyCode : t.kind === 'date' ? (t.digits === 8 ? 'YYYYMMDD' : 'YYMMDD') : t.kind === 'seq' ? 'N'.repeat(t.digits) : t.text))
    .join('');
}

/**
 * A code this centre gave out (a counter's leased code coming back): in the current format with
 * this centre's agency, or a short code with its prefix (leased before a switch to national codes).
 */
export function parseOwnDossierCode(format: DossierCodeFormat, text: string): DossierCodeKey | null {
  if (format.kind === 'national') {
    const n = parseNationalDossierCode(format.pattern, text);
    if (n && n.kind === 'national' && (n.agency === null || n.agency === format.agencyCode)) return { code: n.code, day: dossierDay(n.date), sequence: n.sequence };
  }
  const s = parseDossierCode(text);
  if (!s || s.prefix !== format.prefix) return null;
  return { code: `${s.prefix}-${s.day}-${String(s.sequence).padStart(4, '0')}`, day: s.day, sequence: s.sequence };
}

/**
 * Lookup: whichever form a person typed or a receipt carries — the national code or today's short
 * code — names the centre's dossier of that day and sequence. Null when the text is neither, or
 * names another centre or agency (so the caller answers "not found").
 */
export function dossierLookupKey(format: DossierCodeFormat, text: string): DossierCodeKey | null {
  if (format.kind === 'short') return parseOwnDossierCode(format, text);
  const any = parseAnyDossierCode(format.pattern, text);
  if (!any) return null;
  if (any.kind === 'national' && any.agency !== null && any.agency !== format.agencyCode) return null;
  if (any.kind === 'short' && any.prefix !== format.prefix) return null;
  return { code: any.code, day: dossierDay(any.date), sequence: any.sequence };
}

/** The config's `dossierCodes` (kiosk-config/dossier-codes-schema.ts), as the hub reads it. */
export interface DossierCodesSettings {
  readonly format: 'short' | 'national';
  readonly agencyCode?: string | undefined;
  readonly pattern: string;
}

/** The format a validated config names (absent `dossierCodes`: short codes). */
export function dossierCodeFormatOf(cfg: { readonly dossierCodePrefix: string; readonly dossierCodes?: DossierCodesSettings | undefined }): DossierCodeFormat {
  const codes = cfg.dossierCodes;
  if (!codes || codes.format === 'short') return { kind: 'short', prefix: cfg.dossierCodePrefix };
  const compiled = compileDossierCodePattern(codes.pattern);
  // The config schema checked both: a failure here is a programming error.
  if (!compiled.ok) throw new Error(`dossierCodes.pattern: ${compiled.error.message}`);
  if (codes.agencyCode === undefined) throw new Error('dossierCodes.agencyCode: required for national codes');
  return { kind: 'national', prefix: cfg.dossierCodePrefix, agencyCode: codes.agencyCode, pattern: compiled.value };
}
