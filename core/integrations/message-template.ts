import { err, ok, type Result } from '../result';

/**
 * Citizen messages from config templates: `Hồ sơ {code} đã có kết quả, mời ông/bà đến nhận.`
 * Every `{name}` must have a value. A value holding a 9- or 12-digit run (a CMND or CCCD number)
 * is refused: an identity number never leaves the centre in a message.
 */
const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/g;
const IDENTITY_NUMBER = /(?:^|\D)(?:\d{12}|\d{9})(?:\D|$)/;

export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function checkMessageParams(params: Readonly<Record<string, string>>): Result<Readonly<Record<string, string>>> {
  for (const [key, value] of Object.entries(params)) {
    if (IDENTITY_NUMBER.test(value)) return err('invalid-input', `message parameter "${key}" looks like an identity number (9 or 12 digits): never sent to a phone`);
  }
  return ok(params);
}

export function renderMessageTemplate(template: string, params: Readonly<Record<string, string>>): Result<string> {
  const checked = checkMessageParams(params);
  if (!checked.ok) return checked;
  const missing = placeholdersOf(template).filter((name) => params[name] === undefined);
  if (missing.length > 0) return err('invalid-input', `message template needs ${missing.map((m) => `{${m}}`).join(', ')}`);
  return ok(template.replace(PLACEHOLDER, (_, name: string) => params[name]!));
}

/** The moments a citizen who gave a phone number for it is told something. */
export const NOTIFICATION_KINDS = ['queue-near', 'dossier-received', 'dossier-supplement', 'dossier-ready'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
