import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Tcvn3Writer, decodeTcvn3, tcvn3Table } from '../../hardware/printer/tcvn3';
import { VIETNAMESE_LOWERCASE_LETTERS, VIETNAMESE_UPPERCASE_LETTERS } from '../../hardware/printer/vietnamese-letters';

/**
 * A round trip through our own table cannot catch a table that is wrong but
 * consistent, so the table is also checked against an independent one:
 * iconv-lite's TCVN 5712 (VN1), which shares VN3's bytes for the lowercase
 * letters and Ă Â Ê Ô Ơ Ư Đ (VN1 adds the toned capitals on bytes VN3 leaves
 * to fonts).
 */
describe('the TCVN3 table', () => {
  const table = tcvn3Table();

  it('has one byte for each of the 67 lowercase letters and for Ă Â Ê Ô Ơ Ư Đ, all different', () => {
    const capitals = ['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'];
    expect([...table.keys()].sort()).toEqual([...VIETNAMESE_LOWERCASE_LETTERS.filter((l) => !/^[aeiouy]$/.test(l)), ...capitals].sort());
    expect(new Set(table.values()).size).toBe(table.size);
    for (const byte of table.values()) expect(byte).toBeGreaterThanOrEqual(0xa1);
  });

  it('agrees byte for byte with iconv-lite’s TCVN 5712', () => {
    for (const [letter, byte] of table) {
      expect(iconv.decode(Buffer.from([byte]), 'tcvn'), `0x${byte.toString(16)}`).toBe(letter);
    }
  });

  it('puts toned capitals on the capitals page as their lowercase byte', () => {
    const writer = new Tcvn3Writer(30, 31);
    for (const capital of VIETNAMESE_UPPERCASE_LETTERS) {
      const bytes = writer.encode(capital);
      const byte = bytes.at(-1) ?? 0;
      expect(decodeTcvn3(Buffer.from([byte]), true), capital).toBe(capital);
    }
  });

  it('writes ? for what TCVN3 cannot hold, one per character, and folds dashes and quotes', () => {
    const writer = new Tcvn3Writer(30, 31);
    // The first bytes select the lowercase page (ESC t 30).
    expect([...writer.encode('✓ 中 😀')]).toEqual([0x1b, 0x74, 30, ...Buffer.from('? ? ?')]);
    expect(decodeTcvn3(writer.encode('Hà Nội – “số 1”'))).toBe('Hà Nội - "số 1"');
  });
});
