import { createHash } from 'node:crypto';

/**
 * What the hub stores of a public token (tickets' and dossiers' alike): its SHA-256, hex. A page
 * finds its row by the hash of what it was given — one index probe whatever the token looks like,
 * which reveals nothing of any stored token through timing — and a copy of the database hands out
 * no working link.
 */
export function hashPublicToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
