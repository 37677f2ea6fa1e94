import { describe, expect, it } from 'vitest';
import { describeDossierCodeFormat, dossierCodeFormatOf, dossierLookupKey, makeCentreDossierCode, maxDossiersPerDay, parseOwnDossierCode, type DossierCodeFormat } from '../../core/dossiers/code-format';
import { dayOfDossierCode, dossierCodeFromScan, looksLikeNationalDossierCode } from '../../core/dossiers/dossier-code';
import { dossierCodeCandidates } from '../../hub/dossiers/dossier-code-lookup';

const AGENCY = '000.00.31.H26';
const short: DossierCodeFormat = dossierCodeFormatOf({ dossierCodePrefix: 'HK' });
const national = dossierCodeFormatOf({ dossierCodePrefix: 'HK', dossierCodes: { format: 'national', agencyCode: AGENCY, pattern: '{agency}-{yymmdd}-{seq:4}' } });
const long = dossierCodeFormatOf({ dossierCodePrefix: 'HK', dossierCodes: { format: 'national', agencyCode: AGENCY, pattern: '{agency}-{yyyymmdd}-{seq:7}' } });
const day = { year: 2026, month: 12, day: 3 };

describe('dossier code formats: short (HK-YYMMDD-NNNN) and national (Circular 01/2018)', () => {
  it('makes each form, with its own limit per day', () => {
    expect(makeCentreDossierCode(short, day, 7)).toBe('HK-261203-0007');
    expect(makeCentreDossierCode(national, day, 7)).toBe('000.00.31.H26-261203-0007');
    expect(makeCentreDossierCode(long, day, 92637)).toBe('000.00.31.H26-20261203-0092637');
    expect([maxDossiersPerDay(short), maxDossiersPerDay(national), maxDossiersPerDay(long)]).toEqual([9999, 9999, 9_999_999]);
    expect(() => makeCentreDossierCode(national, day, 10_000)).toThrow(RangeError);
    expect(describeDossierCodeFormat(national)).toBe('000.00.31.H26-YYMMDD-NNNN');
    expect(describeDossierCodeFormat(long)).toBe('000.00.31.H26-YYYYMMDD-NNNNNNN');
  });

  it("reads back a leased code of this centre only: its agency's national code or its own short code", () => {
    expect(parseOwnDossierCode(national, ' 000.00.31.h26-261203-0007 ')).toEqual({ code: '000.00.31.H26-261203-0007', day: '261203', sequence: 7 });
    expect(parseOwnDossierCode(long, '000.00.31.H26-20261203-0092637')).toEqual({ code: '000.00.31.H26-20261203-0092637', day: '261203', sequence: 92637 });
    expect(parseOwnDossierCode(national, 'HK-261203-0007')).toEqual({ code: 'HK-261203-0007', day: '261203', sequence: 7 });
    expect(parseOwnDossierCode(national, '000.00.12.H26-261203-0007')).toBeNull(); // another agency
    expect(parseOwnDossierCode(national, '000.00.31.H26-261203-0000')).toBeNull(); // no sequence 0
    expect(parseOwnDossierCode(national, '000.00.31.H26-261332-0001')).toBeNull(); // no 32 Dec
    expect(parseOwnDossierCode(short, 'BD-261203-0007')).toBeNull();
    expect(parseOwnDossierCode(short, '000.00.31.H26-261203-0007')).toBeNull();
  });

  it('looks up either form to the same day and sequence; normalised; another centre or nonsense is no key', () => {
    const key = { day: '261203', sequence: 7 };
    expect(dossierLookupKey(national, '000.00.31.H26-261203-0007')).toMatchObject(key);
    expect(dossierLookupKey(national, 'hk-261203-0007')).toMatchObject({ ...key, code: 'HK-261203-0007' });
    expect(dossierLookupKey(national, 'BD-261203-0007')).toBeNull();
    expect(dossierLookupKey(national, '000.00.11.H26-261203-0007')).toBeNull();
    expect(dossierLookupKey(national, 'số 7')).toBeNull();
    expect(dossierLookupKey(short, 'HK-261203-0007')).toMatchObject(key);
  });

  it('lookup candidates: the code itself, then the same dossier in the other form', () => {
    expect(dossierCodeCandidates(national, 'hk-261203-0007')).toEqual(['HK-261203-0007', '000.00.31.H26-261203-0007']);
    expect(dossierCodeCandidates(national, '000.00.31.H26-261203-0007')).toEqual(['000.00.31.H26-261203-0007', 'HK-261203-0007']);
    expect(dossierCodeCandidates(long, '000.00.31.H26-20261203-0092637')).toEqual(['000.00.31.H26-20261203-0092637']); // no short form past 9999
    expect(dossierCodeCandidates(short, 'HK-261203-0007')).toEqual(['HK-261203-0007']);
    expect(dossierCodeCandidates(short, 'rác')).toEqual(['RÁC']);
  });

  it('terminals read national codes from a receipt QR, a URL or typing, and their day', () => {
    expect(dossierCodeFromScan('MOTCUA:HS:000.00.31.H26-261203-0007')).toBe('000.00.31.H26-261203-0007');
    expect(dossierCodeFromScan('https://hub.local/ho-so/000.00.31.H26-261203-0007')).toBe('000.00.31.H26-261203-0007');
    expect(dossierCodeFromScan(' g09.20-20260609-0092637 ')).toBe('G09.20-20260609-0092637');
    expect(dossierCodeFromScan('HK-261203-0007')).toBe('HK-261203-0007');
    expect(dossierCodeFromScan('00031H26-261203-0007')).toBeNull();
    expect(looksLikeNationalDossierCode('HK-261203-0007')).toBe(false);
    expect(dayOfDossierCode('000.00.31.H26-261203-0007')).toBe('261203');
    expect(dayOfDossierCode('G09.20-20260609-0092637')).toBe('260609');
    expect(dayOfDossierCode('HK-261203-0007')).toBe('261203');
    expect(dayOfDossierCode('nothing')).toBeNull();
  });
});
