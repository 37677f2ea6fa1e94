import type { AppError } from '../../core/result';
import type { Strings } from '../i18n/vi';

/**
 * An error in words. The kind says what kind of trouble it is in the screen's language; the
 * message (from the hub or the terminal, already Vietnamese) adds the particulars for staff.
 */
export function describeError(strings: Strings, error: AppError, withDetail: boolean): string {
  const general = strings.errors[error.kind];
  const detail = error.message.trim();
  if (!withDetail || detail === '' || detail === general) return general;
  return `${general} ${detail.endsWith('.') ? detail : `${detail}.`}`;
}
