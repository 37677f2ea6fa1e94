import { initialsOf } from '../dossiers/dossier-code';

/**
 * The one masking rule for personal data shown or written where the task does not need it in
 * full: displays, printed queue tickets, kiosk screens and every log line.
 *
 * - a CCCD number keeps its first 4 digits (province of birth registration, century and sex) and
 *   its last 2, enough for a clerk or an auditor to tell two people apart: `0010******45`;
 * - a name becomes its initials, as the kiosk's dossier lookup already shows it: `N.V.A.`.
 */
export function maskCccd(idNumber: string): string {
  const digits = idNumber.trim();
  if (!/^\d{12}$/.test(digits)) return '*'.repeat(Math.max(digits.length, 1));
  return `${digits.slice(0, 4)}${'*'.repeat(6)}${digits.slice(10)}`;
}

export function maskName(fullName: string): string {
  return initialsOf(fullName);
}

/**
 * Any run of exactly 12 digits not touching other digits: what a CCCD number looks like in free
 * text (a log line, a JSON body, a decoded receipt). Longer digit runs (timestamps in ms) are left
 * alone, and so is a hex digest of 32 or more characters (a SHA-256 in a log line: twelve of its
 * digits in a row are no CCCD), so a masked log stays readable. The alternation finds digests
 * first; only the 12-digit matches are masked.
 */
const CCCD_IN_TEXT = /(?<![0-9a-fA-F])[0-9a-fA-F]{32,}(?![0-9a-fA-F])|(?<!\d)\d{12}(?!\d)/g;
const isCccdMatch = (m: string): boolean => m.length === 12 && /^\d+$/.test(m);

/** Masks every CCCD-shaped number in a text with `maskCccd`. */
export function maskCccdInText(text: string): string {
  return text.replace(CCCD_IN_TEXT, (m) => (isCccdMatch(m) ? maskCccd(m) : m));
}

/** Whether a text still holds a CCCD-shaped number (what the log tests grep for). */
export function containsCccd(text: string): boolean {
  return [...text.matchAll(new RegExp(CCCD_IN_TEXT.source, 'g'))].some((m) => isCccdMatch(m[0]));
}

/** JSON keys that carry a citizen's name in our payloads (applicant, appointment, stored row). */
const NAME_IN_JSON = /"(fullName|citizenName|applicant_name|citizen_name)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/** The same keys as Node's util.inspect prints an object (what `console.log(obj)` shows). */
const NAME_IN_INSPECT = /\b(fullName|citizenName|applicant_name|citizen_name): '([^'\n]*)'/g;

/**
 * Everything a log line may not carry in clear: CCCD-shaped numbers anywhere, and names under the
 * keys our payloads use for citizens. Applied to whole serialized lines by the hub's logger and
 * the agents' console, so a payload logged by accident is masked too.
 */
export function maskPersonalDataInText(text: string): string {
  return maskCccdInText(text)
    .replace(NAME_IN_JSON, (_m, key: string, raw: string) => `"${key}":${JSON.stringify(maskName(jsonString(raw)))}`)
    .replace(NAME_IN_INSPECT, (_m, key: string, name: string) => `${key}: '${maskName(name)}'`);
}

/** The text of a JSON string literal's body (escapes decoded); the body itself if it is not valid JSON. */
function jsonString(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}

/** The fields of an applicant a log line or a public screen may carry. */
export function maskApplicant<T extends { readonly fullName: string; readonly idNumber: string }>(a: T): T {
  return { ...a, fullName: maskName(a.fullName), idNumber: maskCccd(a.idNumber) };
}
