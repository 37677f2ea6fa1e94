/**
 * Vietnamese telephone numbers as citizens type them: "0912 345 678", "+84 912.345.678",
 * "84912345678". Mobile numbers are 10 digits in the national form (03x, 05x, 07x, 08x, 09x since
 * the 2018 renumbering); fixed lines are 11 (02x area codes). Answers the national form, digits
 * only, or null.
 */
export function normaliseVnPhone(text: string): string | null {
  const compact = text.trim().replace(/[\s.()-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  const digits = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact.startsWith('84') && compact.length === 11 ? `0${compact.slice(2)}` : compact;
  if (/^0[35789]\d{8}$/.test(digits)) return digits;
  if (/^02\d{9}$/.test(digits)) return digits;
  return null;
}

/** "0912 345 678": how the confirmation shows the number back. */
export function formatVnPhone(national: string): string {
  return national.length === 10 ? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}` : `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
}

/** "•••• ••• 678": the number as a public answer may show it. */
export function maskVnPhone(national: string): string {
  return `•••• ••• ${national.slice(-3)}`;
}
