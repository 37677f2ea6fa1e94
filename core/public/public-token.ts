/**
 * The token behind a public page's address (a ticket's `/t/<token>`, a dossier's `/hs/<token>`):
 * 18 random bytes (144 bits) in base64url, 24 characters, drawn from a CSPRNG by whoever mints it
 * (the hub, or a terminal working offline). Nothing about it follows from what it points at, so
 * holding one token tells nothing about any other. The hub keeps its SHA-256 only.
 */
export const PUBLIC_TOKEN_BYTES = 18;
export const PUBLIC_TOKEN_CHARS = 24;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{24}$/;

/** Whether a path segment has a token's shape (a cheap pre-check; only the hub's table says it exists). */
export function isPublicTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/** base64url of exactly PUBLIC_TOKEN_BYTES random bytes (the caller draws them: core has no randomness of its own). */
export function publicTokenFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== PUBLIC_TOKEN_BYTES) throw new Error(`a public token takes ${PUBLIC_TOKEN_BYTES} random bytes, not ${bytes.length}`);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  // 18 bytes = 6 groups of 3 bytes = 24 characters, no padding.
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  return out;
}
