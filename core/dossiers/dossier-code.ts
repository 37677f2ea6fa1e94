import type { LocalDate } from '../calendar/local-time';

/**
 * The dossier code, unique per centre and short enough for the receipt's QR code:
 *
 *   <prefix>-<YYMMDD>-<NNNN>     e.g. HK-261120-0007
 *
 * prefix: the centre's short code (config `dossierCodePrefix`, 2–6 capitals or digits);
 * YYMMDD: the Vietnamese wall-clock date of receipt; NNNN: the day's sequence from 0001, so at
 * most 9999 dossiers per day. Only capitals, digits and "-": QR alphanumeric mode, 14 characters
 * for a 2-letter prefix.
 */
export const DOSSIER_CODE_PREFIX = /^[A-Z0-9]{2,6}$/;
export const MAX_DOSSIERS_PER_DAY = 9999;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function dossierDay(date: LocalDate): string {
  return `${pad(date.year % 100, 2)}${pad(date.month, 2)}${pad(date.day, 2)}`;
}

export function makeDossierCode(prefix: string, date: LocalDate, sequence: number): string {
  if (!DOSSIER_CODE_PREFIX.test(prefix)) throw new RangeError(`dossier code prefix "${prefix}": 2–6 capitals or digits`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DOSSIERS_PER_DAY) throw new RangeError(`dossier sequence ${sequence}: 1–${MAX_DOSSIERS_PER_DAY}`);
  return `${prefix}-${dossierDay(date)}-${pad(sequence, 4)}`;
}

/** What a person typed or a scanner read: spaces dropped, capitals; "hk 261120 7" is not guessed at. */
export function normaliseDossierCode(text: string): string {
  return text.trim().toUpperCase().replace(/\s+/g, '');
}

export function parseDossierCode(text: string): { prefix: string; day: string; sequence: number } | null {
  const m = /^([A-Z0-9]{2,6})-(\d{6})-(\d{4})$/.exec(normaliseDossierCode(text));
  if (!m || m[3] === '0000') return null;
  return { prefix: m[1]!, day: m[2]!, sequence: Number(m[3]) };
}

/** "Nguyễn Văn An" → "N.V.A.": all the kiosk shows of the applicant. */
export function initialsOf(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w.normalize('NFC').charAt(0).toUpperCase()}.`)
    .join('');
}

/**
 * What the receipt's QR code holds: `MOTCUA:HS:<code>` (QR alphanumeric mode, so a small code).
 * Lookup also accepts the bare code and a lookup URL ending in `/ho-so/<code>`.
 */
export function receiptQrContent(code: string): string {
  return `MOTCUA:HS:${code}`;
}

/** The dossier code inside whatever a scanner read or a person typed, or null when it holds none. */
export function dossierCodeFromScan(text: string): string | null {
  const t = text.trim().replace(/[\r\n]+$/, '');
  const m = /^MOTCUA:HS:(.+)$/i.exec(t) ?? /\/ho-so\/([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(t);
  const candidate = normaliseDossierCode(m ? decodeURIComponent(m[1]!) : t);
  return parseDossierCode(candidate) || looksLikeNationalDossierCode(candidate) ? candidate : null;
}

/**
 * The shape of a national dossier code (Circular 01/2018, core/integrations/national-dossier-code.ts)
 * without knowing the centre's pattern: a dotted agency code, a date (6 or 8 digits) and a sequence
 * (4–7 digits), e.g. 000.00.31.H26-261203-0007 or G09.20-20260609-0092637. The hub checks the rest.
 */
export function looksLikeNationalDossierCode(text: string): boolean {
  return /^[A-Z0-9]+(?:\.[A-Z0-9]+)+-(?:\d{6}|\d{8})-\d{4,7}$/.test(normaliseDossierCode(text));
}

/** The day (YYMMDD) a short or national-shaped code carries, or null. */
export function dayOfDossierCode(text: string): string | null {
  const short = parseDossierCode(text);
  if (short) return short.day;
  if (!looksLikeNationalDossierCode(text)) return null;
  const date = normaliseDossierCode(text).split('-').at(-2)!;
  return date.length === 8 ? date.slice(2) : date;
}
