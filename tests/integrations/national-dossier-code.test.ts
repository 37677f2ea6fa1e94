import { describe, expect, it } from 'vitest';
import { makeDossierCode } from '../../core/dossiers/dossier-code';
import {
  compileDossierCodePattern,
  DEFAULT_NATIONAL_CODE_PATTERN,
  makeNationalDossierCode,
  parseAnyDossierCode,
  parseNationalDossierCode,
  type DossierCodePattern,
} from '../../core/integrations/national-dossier-code';

function compiled(source: string): DossierCodePattern {
  const r = compileDossierCodePattern(source);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const national = compiled(DEFAULT_NATIONAL_CODE_PATTERN);
const day = { year: 2026, month: 12, day: 3 };

describe('national dossier codes (Circular 01/2018: agency code, -YYMMDD-, daily sequence)', () => {
  it.each([
    [DEFAULT_NATIONAL_CODE_PATTERN, 7, '000.00.31.H26-261203-0007'],
    [DEFAULT_NATIONAL_CODE_PATTERN, 9999, '000.00.31.H26-261203-9999'],
    ['{agency}-{yyyymmdd}-{seq:7}', 92637, '000.00.31.H26-20261203-0092637'],
    ['HS.{yymmdd}.{seq:5}', 12, 'HS.261203.00012'],
  ])('%s, sequence %i → %s, and back', (pattern, sequence, code) => {
    const p = compiled(pattern);
    expect(makeNationalDossierCode(p, '000.00.31.H26', day, sequence)).toBe(code);
    const parsed = parseNationalDossierCode(p, code);
    expect(parsed).toMatchObject({ kind: 'national', code, date: day, sequence });
    if (pattern.includes('{agency}')) expect(parsed).toMatchObject({ agency: '000.00.31.H26' });
  });

  it('reads tolerantly: lower case, spaces, a non-standard agency code seen in the wild', () => {
    expect(parseNationalDossierCode(national, ' 000.00.31.h26-261203-0007 ')).toMatchObject({ code: '000.00.31.H26-261203-0007', sequence: 7 });
    const long = compiled('{agency}-{yyyymmdd}-{seq:7}');
    expect(parseNationalDossierCode(long, 'G09.20-20260609-0092637')).toMatchObject({ agency: 'G09.20', date: { year: 2026, month: 6, day: 9 }, sequence: 92637 });
  });

  it.each(['000.00.31.H26-261203-0000', '000.00.31.H26-261303-0001', '000.00.31.H26-260230-0001', '000.00.31.H26-261203-001', 'HK-261203-0007', '000.00.31.H26_261203_0001', ''])(
    'refuses "%s" as a national code',
    (text) => expect(parseNationalDossierCode(national, text)).toBeNull(),
  );

  it("today's short codes are still read at lookup, the national form first", () => {
    const short = makeDossierCode('HK', { year: 2026, month: 11, day: 20 }, 7);
    expect(parseAnyDossierCode(national, short)).toEqual({ kind: 'short', code: 'HK-261120-0007', prefix: 'HK', date: { year: 2026, month: 11, day: 20 }, sequence: 7 });
    expect(parseAnyDossierCode(national, '000.00.31.H26-261203-0007')?.kind).toBe('national');
    expect(parseAnyDossierCode(national, 'HK-261320-0007')).toBeNull();
    expect(parseAnyDossierCode(national, 'not a code')).toBeNull();
  });

  it('refuses to make a code past the sequence width, or with an agency code that is not Decision 20/2020 form', () => {
    expect(() => makeNationalDossierCode(national, '000.00.31.H26', day, 10000)).toThrow(/1–9999/);
    expect(() => makeNationalDossierCode(national, '000.00.31.H26', day, 0)).toThrow(RangeError);
    expect(() => makeNationalDossierCode(national, 'HK', day, 1)).toThrow(/000\.00\.31\.H26/);
    expect(makeNationalDossierCode(compiled('HK-{yymmdd}-{seq:4}'), 'whatever', day, 1)).toBe('HK-261203-0001');
  });

  it.each([
    ['{agency}-{seq:4}', 'one date'],
    ['{agency}-{yymmdd}', 'one {seq:N}'],
    ['{agency}-{agency}-{yymmdd}-{seq:4}', 'at most one {agency}'],
    ['{agency}-{yymmdd}-{seq:3}', '4–7 digits'],
    ['{agency}/{yymmdd}/{seq:4}', 'unexpected "/'],
    ['{madonvi}-{yymmdd}-{seq:4}', 'unexpected "{madonvi}'],
  ])('refuses the pattern %s (%s)', (pattern, message) => {
    const r = compileDossierCodePattern(pattern);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(message);
  });
});
