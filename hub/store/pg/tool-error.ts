import type { ErrorKind } from '../../../core/result';

/**
 * A refusal of `motcua migrate` or `motcua province import`: a kind from core/result.ts and a
 * message in Vietnamese, then English (the operator of a province may be either). The CLI prints
 * the message and exits with the kind's code.
 */
export class StoreToolError extends Error {
  constructor(
    readonly kind: ErrorKind,
    vi: string,
    en: string,
  ) {
    super(`${vi}\n${en}`);
    this.name = 'StoreToolError';
  }
}

/** Exit codes of the store tools, by kind: scripts can tell "try later" (5) from "never" (2–4). */
export function exitCodeOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid-input':
      return 2;
    case 'not-found':
      return 3;
    case 'conflict':
      return 4;
    case 'hub-unreachable':
      return 5;
    case 'unauthorized':
      return 6;
    default:
      return 1;
  }
}

/** A connection URL fit for a message: the password replaced, the rest as given. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}
