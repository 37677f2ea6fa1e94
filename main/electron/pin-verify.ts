import { scryptSync, timingSafeEqual } from 'node:crypto';
import { PIN_HASH_PATTERN } from '../../core/clerks';

/**
 * Checks a PIN against a `scrypt$N$r$p$salt$hash` made by `motcua hash-pin` (the clerks' format).
 * main/ may not import hub/, so this is the verify half only; it runs in the main process, never
 * in a renderer.
 */
export function verifyAdminPin(pin: string, stored: string): boolean {
  const m = PIN_HASH_PATTERN.exec(stored);
  if (m === null) return false;
  const [n, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4] ?? '', 'base64');
  const expected = Buffer.from(m[5] ?? '', 'base64');
  try {
    const actual = scryptSync(pin.normalize('NFC'), salt, expected.length, { N: n, r, p, maxmem: 256 * n * r });
    return timingSafeEqual(actual, expected);
  } catch {
    // Parameters scrypt refuses (a hand-edited hash) never unlock anything.
    return false;
  }
}
