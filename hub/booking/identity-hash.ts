import { createHash, randomBytes } from 'node:crypto';
import { identityMaterial } from '../../core/booking/booking-identity';
import { TICKET_TOKEN_BYTES, ticketTokenFromBytes } from '../../core/public/ticket-token';

/** SHA-256 (hex) of a person's phone number or CCCD for the per-person limit: the number itself is never stored for it. */
export function identityHash(kind: 'phone' | 'cccd', value: string): string {
  return createHash('sha256').update(identityMaterial(kind, value), 'utf8').digest('hex');
}

/** A hold's token: the same size and alphabet as a ticket's public token (144 random bits); the table keeps its hash. */
export function newHoldToken(): string {
  return ticketTokenFromBytes(randomBytes(TICKET_TOKEN_BYTES));
}

export function holdHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
