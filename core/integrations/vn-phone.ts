import { err, ok, type Result } from '../result';

/**
 * A Vietnamese mobile number as Zalo ZNS and the SMS gateways want it: `84` and the nine digits
 * after the trunk 0, e.g. "0912 345 678" / "+84 912-345-678" → "84912345678".
 *
 * Mobile prefixes since the 2018 renumbering: 03[2-9], 05[25689], 07[06-9], 08[1-9], 09x.
 * Landlines (02x), the retired 11-digit 01xx numbers and anything foreign are refused: a ZNS or
 * a brandname SMS to them cannot arrive.
 */
const MOBILE_NINE_DIGITS = /^(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;

export function normaliseVietnameseMobile(text: string): Result<string> {
  const compact = text.trim().replace(/[\s.()-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return err('invalid-input', `"${text}" is not a phone number (digits, spaces, ".", "-", a leading "+")`);
  let national: string;
  if (compact.startsWith('+84')) national = compact.slice(3);
  else if (compact.startsWith('0084')) national = compact.slice(4);
  else if (compact.startsWith('84') && compact.length === 11) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else if (compact.startsWith('+')) return err('invalid-input', `"${text}" is not a Vietnamese number (+84…)`);
  else return err('invalid-input', `"${text}": a Vietnamese mobile number starts with 0 or +84`);
  if (national.startsWith('2')) return err('invalid-input', `"${text}" is a landline (0${national.slice(0, 2)}…), not a mobile number`);
  if (national.length !== 9) return err('invalid-input', `"${text}": a Vietnamese mobile number has 10 digits with the leading 0`);
  if (!MOBILE_NINE_DIGITS.test(national)) return err('invalid-input', `"${text}" is not a Vietnamese mobile number (landline or unknown prefix 0${national.slice(0, 2)})`);
  return ok(`84${national}`);
}

/** For logs and the admin screen: "84912345678" → "84912***678". */
export function maskPhone(phone84: string): string {
  return phone84.length < 8 ? '***' : `${phone84.slice(0, 5)}***${phone84.slice(-3)}`;
}
