import { describe, expect, it } from 'vitest';
import { VIETNAMESE_LETTERS, VIETNAMESE_LOWERCASE_LETTERS, VIETNAMESE_UPPERCASE_LETTERS } from '../../hardware/printer/vietnamese-letters';
import { decodeWindows1258, encodeWindows1258, printedColumns, splitToneMarks } from '../../hardware/printer/vietnamese-text';

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONE_MARKS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

describe('the Vietnamese letters fixture', () => {
  it('holds 134 letters: 67 lowercase and their 67 capitals', () => {
    expect(VIETNAMESE_LOWERCASE_LETTERS).toHaveLength(67);
    expect(VIETNAMESE_UPPERCASE_LETTERS).toHaveLength(67);
    expect(VIETNAMESE_LETTERS).toHaveLength(134);
    expect(new Set(VIETNAMESE_LETTERS).size).toBe(134);
    expect(VIETNAMESE_UPPERCASE_LETTERS).toEqual(VIETNAMESE_LOWERCASE_LETTERS.map((c) => c.toUpperCase()));
  });

  it('is exactly 12 vowels × 5 tone marks plus ă â ê ô ơ ư đ, each one precomposed code point', () => {
    const generated = [
      ...VOWELS.flatMap((v) => TONE_MARKS.map((t) => `${v}${t}`.normalize('NFC'))),
      ...['ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ'],
    ];
    expect(new Set(VIETNAMESE_LOWERCASE_LETTERS)).toEqual(new Set(generated));
    for (const letter of VIETNAMESE_LETTERS) expect([...letter]).toHaveLength(1);
  });
});

describe('Windows-1258 encoding', () => {
  it('round-trips every one of the 134 letters exactly', () => {
    for (const letter of VIETNAMESE_LETTERS) {
      expect(decodeWindows1258(encodeWindows1258(letter)), letter).toBe(letter);
    }
    const all = VIETNAMESE_LETTERS.join('');
    expect(decodeWindows1258(encodeWindows1258(all))).toBe(all);
  });

  it('round-trips a sentence from the waiting room, dash included', () => {
    const sentence = 'Mời công dân số 1023 đến quầy 3 — Đăng ký kinh doanh, Xây dựng, Đất đai';
    expect(decodeWindows1258(encodeWindows1258(sentence))).toBe(sentence);
  });

  it('accepts decomposed input and gives back NFC', () => {
    const decomposed = 'Thời gian lấy số'.normalize('NFD');
    expect(decodeWindows1258(encodeWindows1258(decomposed))).toBe('Thời gian lấy số');
  });

  it('writes pure code-page bytes: ơ is 0xF5, a split-off acute is 0xEC, đ 0xF0, Đ 0xD0', () => {
    expect([...encodeWindows1258('ớ')]).toEqual([0xf5, 0xec]);
    expect([...encodeWindows1258('ụ')]).toEqual([0x75, 0xf2]);
    expect([...encodeWindows1258('ố')]).toEqual([0xf4, 0xec]);
    expect([...encodeWindows1258('đĐ')]).toEqual([0xf0, 0xd0]);
    expect([...encodeWindows1258('ặ')]).toEqual([0xe3, 0xf2]);
    // One byte per base letter or tone mark: never a multi-byte (UTF-8) sequence.
    const text = VIETNAMESE_LETTERS.join('');
    expect(encodeWindows1258(text).length).toBe([...splitToneMarks(text)].length);
  });

  it('splits only the five tone marks and keeps â ê ô ă ơ ư đ whole', () => {
    expect(splitToneMarks('ẫ')).toBe('â\u0303');
    expect(splitToneMarks('ợ')).toBe('ơ\u0323');
    expect(splitToneMarks('ặ')).toBe('ă\u0323');
    expect(splitToneMarks('âêôăơưđ')).toBe('âêôăơưđ');
  });

  it('turns what the code page cannot hold into ? without throwing', () => {
    expect(decodeWindows1258(encodeWindows1258('Số 5 ✓ 中'))).toBe('Số 5 ? ?');
    expect(() => encodeWindows1258('\u{1F600}\uD800')).not.toThrow();
  });

  it('counts printed columns without the stacked tone marks', () => {
    expect(printedColumns('SỐ THỨ TỰ')).toBe(9);
    expect(printedColumns('Quầy'.normalize('NFD'))).toBe(4);
  });
});
