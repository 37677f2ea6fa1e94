import { isRealDate, type LocalDate } from '../calendar/local-time';
import { normaliseDossierCode, parseDossierCode } from '../dossiers/dossier-code';
import { err, ok, type Result } from '../result';

/**
 * Dossier codes in the national form (Circular 01/2018/TT-VPCP Art. 19): the receiving agency's
 * electronic code (Decision 20/2020/QĐ-TTg, e.g. `000.00.31.H26`), the receipt date and the day's
 * sequence: `000.00.31.H26-261203-0007`. The layout is a pattern from the config, because
 * provinces' systems differ (one seen in the wild is `G09.20-20260609-0092637`):
 *
 *   {agency}    the configured agency code
 *   {yymmdd}    receipt date, 2-digit year        {yyyymmdd}  receipt date, 4-digit year
 *   {seq:N}     the day's sequence, N digits (4–7), from 1
 *
 * and literal capitals, digits, "." and "-" between them. Today's short codes
 * (`HK-261120-0007`, core/dossiers/dossier-code.ts) stay readable at lookup.
 */
export const DEFAULT_NATIONAL_CODE_PATTERN = '{agency}-{yymmdd}-{seq:4}';

/** V1V2V3.Z1Z2.Y1Y2.MX1X2 (Decision 20/2020/QĐ-TTg), e.g. 000.00.31.H26. */
export const AGENCY_ELECTRONIC_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

type Token = { readonly kind: 'agency' } | { readonly kind: 'date'; readonly digits: 6 | 8 } | { readonly kind: 'seq'; readonly digits: number } | { readonly kind: 'literal'; readonly text: string };

export interface DossierCodePattern {
  readonly source: string;
  readonly tokens: readonly Token[];
  readonly regex: RegExp;
  readonly maxSequence: number;
}

const TOKEN = /\{(agency|yymmdd|yyyymmdd|seq:(\d))\}|([A-Z0-9.-]+)/gy;
/**
 * Tolerant at lookup: a dotted run of capitals and digits stands where the agency code goes
 * (`000.00.31.H26`, `G09.20`). At least one dot, so a short code's prefix (`HK`) is not read as one.
 */
const AGENCY_IN_CODE = '([A-Z0-9]+(?:\\.[A-Z0-9]+)+)';

export function compileDossierCodePattern(source: string): Result<DossierCodePattern> {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) return err('invalid-input', `dossier code pattern "${source}": unexpected "${source.slice(at)}" (tokens: {agency}, {yymmdd}, {yyyymmdd}, {seq:N}; literals: capitals, digits, ".", "-")`);
    if (m[3] !== undefined) tokens.push({ kind: 'literal', text: m[3] });
    else if (m[1] === 'agency') tokens.push({ kind: 'agency' });
    else if (m[1] === 'yymmdd') tokens.push({ kind: 'date', digits: 6 });
    else if (m[1] === 'yyyymmdd') tokens.push({ kind: 'date', digits: 8 });
    else {
      const digits = Number(m[2]);
      if (digits < 4 || digits > 7) return err('invalid-input', `dossier code pattern "${source}": {seq:N} takes 4–7 digits`);
      tokens.push({ kind: 'seq', digits });
    }
  }
  const count = (kind: Token['kind']) => tokens.filter((t) => t.kind === kind).length;
  if (count('date') !== 1 || count('seq') !== 1 || count('agency') > 1) {
    return err('invalid-input', `dossier code pattern "${source}": needs one date ({yymmdd} or {yyyymmdd}), one {seq:N} and at most one {agency}`);
  }
  const regex = new RegExp(
    `^${tokens
      .map((t) => {
        switch (t.kind) {
          case 'agency':
            return AGENCY_IN_CODE;
          case 'date':
            return `(\\d{${t.digits}})`;
          case 'seq':
            return `(\\d{${t.digits}})`;
          case 'literal':
            return t.text.replace(/[.-]/g, (c) => `\\${c}`);
        }
      })
      .join('')}$`,
  );
  const seq = tokens.find((t) => t.kind === 'seq') as { digits: number };
  return ok({ source, tokens, regex, maxSequence: 10 ** seq.digits - 1 });
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function makeNationalDossierCode(pattern: DossierCodePattern, agencyCode: string, date: LocalDate, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > pattern.maxSequence) throw new RangeError(`dossier sequence ${sequence}: 1–${pattern.maxSequence}`);
  if (pattern.tokens.some((t) => t.kind === 'agency') && !AGENCY_ELECTRONIC_CODE.test(agencyCode)) {
    throw new RangeError(`agency code "${agencyCode}": expected the electronic code of Decision 20/2020, e.g. 000.00.31.H26`);
  }
  return pattern.tokens
    .map((t) => {
      switch (t.kind) {
        case 'agency':
          return agencyCode;
        case 'date':
          return `${t.digits === 8 ? pad(date.year, 4) : pad(date.year % 100, 2)}${pad(date.month, 2)}${pad(date.day, 2)}`;
        case 'seq':
          return pad(sequence, t.digits);
        case 'literal':
          return t.text;
      }
    })
    .join('');
}

export type ParsedDossierCode =
  | { readonly kind: 'national'; readonly code: string; readonly agency: string | null; readonly date: LocalDate; readonly sequence: number }
  | { readonly kind: 'short'; readonly code: string; readonly prefix: string; readonly date: LocalDate; readonly sequence: number };

function dateOf(digits: string): LocalDate | null {
  const long = digits.length === 8;
  // Two-digit years are this century: codes are read back within a dossier's retention period.
  const year = long ? Number(digits.slice(0, 4)) : 2000 + Number(digits.slice(0, 2));
  const rest = digits.slice(long ? 4 : 2);
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

/** A code in the configured national form, or null (sequence 0 and unreal dates are refused). */
export function parseNationalDossierCode(pattern: DossierCodePattern, text: string): ParsedDossierCode | null {
  const code = normaliseDossierCode(text);
  const m = pattern.regex.exec(code);
  if (!m) return null;
  let i = 1;
  let agency: string | null = null;
  let date: LocalDate | null = null;
  let sequence = 0;
  for (const t of pattern.tokens) {
    if (t.kind === 'literal') continue;
    const value = m[i++]!;
    if (t.kind === 'agency') agency = value;
    else if (t.kind === 'date') date = dateOf(value);
    else sequence = Number(value);
  }
  if (date === null || sequence < 1) return null;
  return { kind: 'national', code, agency, date, sequence };
}

/** Lookup: the national form first, then today's short form, so older receipts keep working. */
export function parseAnyDossierCode(pattern: DossierCodePattern, text: string): ParsedDossierCode | null {
  const national = parseNationalDossierCode(pattern, text);
  if (national) return national;
  const short = parseDossierCode(text);
  if (!short) return null;
  const date = dateOf(short.day);
  return date && { kind: 'short', code: normaliseDossierCode(text), prefix: short.prefix, date, sequence: short.sequence };
}
