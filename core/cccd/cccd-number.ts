/**
 * The structure of the 12-digit citizen identity number (số định danh cá nhân), Circular
 * 07/2016/TT-BCA art. 7 (kept by Circular 59/2021/TT-BCA): 3 digits for the province where the
 * birth was registered, 1 digit for century of birth and sex, 2 digits for the year of birth,
 * 6 random digits.
 */

/** Province codes of the appendix: the 63 provinces as they were when numbers were assigned (001 Hà Nội … 096 Cà Mau). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64,
    66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
  ].map((n) => String(n).padStart(3, '0')),
);

export type Sex = 'Nam' | 'Nữ';

/** The 4th digit for a male born in each century (female: +1): 1900s 0/1, 2000s 2/3, 2100s 4/5, 2200s 6/7, 1800s 8/9. */
const CENTURY_BASE: Readonly<Record<number, number>> = { 19: 0, 20: 2, 21: 4, 22: 6, 18: 8 };

/** The 4th digit a number must carry for a birth year and sex, or undefined outside 1800–2299. */
export function centurySexDigit(birthYear: number, sex: Sex): number | undefined {
  const base = CENTURY_BASE[Math.floor(birthYear / 100)];
  return base === undefined ? undefined : base + (sex === 'Nữ' ? 1 : 0);
}

/** What the 4th digit says, the inverse of `centurySexDigit`. */
export function decodeCenturySexDigit(digit: number): { readonly century: number; readonly sex: Sex } {
  const entry = Object.entries(CENTURY_BASE).find(([, base]) => base === digit - (digit % 2));
  const century = Number(entry?.[0]) * 100;
  return { century, sex: digit % 2 === 0 ? 'Nam' : 'Nữ' };
}
