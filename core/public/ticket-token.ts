/**
 * The public token of a ticket: what its printed QR carries (`<publicBaseUrl>/t/<token>`), the
 * only key by which the public ticket page finds it. 18 random bytes (144 bits) in base64url,
 * 24 characters, drawn by the hub from its CSPRNG: nothing about it follows from the ticket's id,
 * number or day, so holding one token tells nothing about any other.
 */
export const TICKET_TOKEN_BYTES = 18;
export const TICKET_TOKEN_CHARS = 24;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{24}$/;

/** Whether a path segment has a token's shape (a cheap pre-check; only the hub's table says it exists). */
export function isTicketTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/** base64url of exactly TICKET_TOKEN_BYTES random bytes (the caller draws them: core has no randomness of its own). */
export function ticketTokenFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== TICKET_TOKEN_BYTES) throw new Error(`a ticket token takes ${TICKET_TOKEN_BYTES} random bytes, not ${bytes.length}`);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  // 18 bytes = 6 groups of 3 bytes = 24 characters, no padding.
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  return out;
}

/** The address printed in the ticket's QR. */
export function ticketPageUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/t/${token}`;
}
