import { PROVINCE_CODES } from '../cccd/cccd-number';

/**
 * Who a booking belongs to, for the per-person limit: the phone number (national form) and, when
 * the centre asks for it and the citizen gives it, the CCCD number. Only their hashes are stored
 * for the limit (the hub hashes; core has no crypto): the material to hash is fixed here so both
 * stores and every hub agree.
 */
export function identityMaterial(kind: 'phone' | 'cccd', value: string): string {
  return `motcua-booking-identity\u0000${kind}\u0000${value}`;
}

/** A 12-digit CCCD number whose first three digits are a province code; spaces dropped. Null otherwise. */
export function normaliseCccd(text: string): string | null {
  const digits = text.replace(/\s/g, '');
  return /^\d{12}$/.test(digits) && PROVINCE_CODES.has(digits.slice(0, 3)) ? digits : null;
}
