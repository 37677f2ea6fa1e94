/**
 * What a call to a partner system (national portal, Zalo, SMS gateway, webhook receiver) can
 * meet, as values: the caller's durable queue records the kind and message, and retries or not.
 */
export const PARTNER_ERROR_KINDS = [
  /** No answer within the call's time limit. */
  'timeout',
  /** No connection: refused, reset, DNS failure. */
  'unreachable',
  /** An HTTP status the contract does not expect (5xx, 404, …). */
  'http-status',
  /** An answer that is not the contract's JSON (HTML error page, truncated body, missing field). */
  'malformed-answer',
  /** The partner understood and said no: its error code and message. */
  'rejected',
  /** Credentials refused even after a fresh login or token. */
  'unauthorized',
  /** The partner's sending quota is used up (ZNS daily quota): the chain may go to the next channel. */
  'quota',
  /** Our own input cannot be sent (a phone that is not Vietnamese, a missing template). */
  'invalid-input',
] as const;
export type PartnerErrorKind = (typeof PARTNER_ERROR_KINDS)[number];

export interface PartnerError {
  readonly kind: PartnerErrorKind;
  readonly message: string;
  /** The partner's own error code, when it gave one. */
  readonly code?: string | number;
  readonly status?: number;
}

export type PartnerResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PartnerError };

export function partnerOk<T>(value: T): PartnerResult<T> {
  return { ok: true, value };
}

export function partnerErr<T = never>(kind: PartnerErrorKind, message: string, extra: { code?: string | number; status?: number } = {}): PartnerResult<T> {
  return { ok: false, error: { kind, message, ...extra } };
}
