/**
 * Errors travel as values. The kinds are a closed union so every receiver can
 * switch over them exhaustively (see `missingCase`).
 */
export const ERROR_KINDS = [
  'invalid-input',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'exhausted',
  /** The service gives no walk-in tickets at this hour (core/queue/walk-in-policy.ts). */
  'service-closed',
  'printer-offline',
  'paper-out',
  'cover-open',
  'printer-timeout',
  'hub-unreachable',
  /** The hub's certificate is not from the CA this terminal trusts: nothing was sent to it. */
  'hub-untrusted',
  /** The hub runs but its database (PostgreSQL) cannot be reached: nothing was done; try again later. */
  'hub-unavailable',
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface AppError {
  readonly kind: ErrorKind;
  readonly message: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AppError };

/**
 * A success. A promise is never a value (`ok(store.read())` without `await` would answer `{}` over
 * JSON): passing one fails to type-check.
 */
export function ok<T>(value: T extends PromiseLike<unknown> ? never : T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(kind: ErrorKind, message: string): Result<T> {
  return { ok: false, error: { kind, message } };
}

/** Ends an exhaustive switch: the compiler proves it unreachable, the runtime reports what slipped through. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
