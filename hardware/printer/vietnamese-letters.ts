/**
 * The 134 letters Vietnamese adds to the ASCII alphabet (VISCII's repertoire),
 * written out rather than generated so a test can check them against the rule
 * and a printer self-test page can print exactly these.
 *
 * Per case: 12 vowels × 5 tone marks = 60 toned letters, plus the 7 letters with
 * a modifier and no tone (ă â ê ô ơ ư đ) = 67; lowercase + uppercase = 134. The
 * untoned a e i o u y are plain ASCII and not counted.
 */

export const VIETNAMESE_LOWERCASE_LETTERS: readonly string[] = [
  ...'àáảãạ', ...'ăằắẳẵặ', ...'âầấẩẫậ',
  ...'èéẻẽẹ', ...'êềếểễệ',
  ...'ìíỉĩị',
  ...'òóỏõọ', ...'ôồốổỗộ', ...'ơờớởỡợ',
  ...'ùúủũụ', ...'ưừứửữự',
  ...'ỳýỷỹỵ',
  'đ',
];

export const VIETNAMESE_UPPERCASE_LETTERS: readonly string[] = [
  ...'ÀÁẢÃẠ', ...'ĂẰẮẲẴẶ', ...'ÂẦẤẨẪẬ',
  ...'ÈÉẺẼẸ', ...'ÊỀẾỂỄỆ',
  ...'ÌÍỈĨỊ',
  ...'ÒÓỎÕỌ', ...'ÔỒỐỔỖỘ', ...'ƠỜỚỞỠỢ',
  ...'ÙÚỦŨỤ', ...'ƯỪỨỬỮỰ',
  ...'ỲÝỶỸỴ',
  'Đ',
];

export const VIETNAMESE_LETTERS: readonly string[] = [...VIETNAMESE_LOWERCASE_LETTERS, ...VIETNAMESE_UPPERCASE_LETTERS];
