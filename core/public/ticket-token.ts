import { isPublicTokenShaped, PUBLIC_TOKEN_BYTES, PUBLIC_TOKEN_CHARS, publicTokenFromBytes } from './public-token';

/**
 * The public token of a ticket: what its printed QR carries (`<publicBaseUrl>/t/<token>`), the
 * only key by which the public ticket page finds it — a public token (core/public/public-token.ts).
 */
export const TICKET_TOKEN_BYTES = PUBLIC_TOKEN_BYTES;
export const TICKET_TOKEN_CHARS = PUBLIC_TOKEN_CHARS;
export const isTicketTokenShaped = isPublicTokenShaped;
export const ticketTokenFromBytes = publicTokenFromBytes;

/** The address printed in the ticket's QR. */
export function ticketPageUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/t/${token}`;
}
