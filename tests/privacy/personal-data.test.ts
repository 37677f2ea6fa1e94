import { describe, expect, it } from 'vitest';
import { initialsOf } from '../../core/dossiers/dossier-code';
import { containsCccd, maskApplicant, maskCccd, maskCccdInText, maskName, maskPersonalDataInText } from '../../core/privacy/personal-data';
import { containsPhoneNumber, DEFAULT_RETENTION, retentionCutoffs } from '../../core/privacy/retention-policy';

describe('the one masking rule (core/privacy/personal-data.ts)', () => {
  it('a CCCD keeps its first 4 and last 2 digits; anything else is starred whole', () => {
    expect(maskCccd('001090012345')).toBe('0010******45');
    expect(maskCccd(' 079185004321 ')).toBe('0791******21');
    expect(maskCccd('12345')).toBe('*****');
    expect(maskCccd('')).toBe('*');
  });

  it('a name becomes the initials the kiosk lookup shows (the same rule, not a copy)', () => {
    expect(maskName('Nguyễn Văn An')).toBe('N.V.A.');
    expect(maskName('  Đặng   thị  Ánh ')).toBe(initialsOf('Đặng thị Ánh'));
    expect(maskApplicant({ fullName: 'Phạm Văn An', idNumber: '001090012345', phone: '0912 345 678' })).toEqual({ fullName: 'P.V.A.', idNumber: '0010******45', phone: '0912 345 678' });
  });

  it('masks every 12-digit run in free text, and only those: longer numbers (ms timestamps, hashes) stay readable', () => {
    const line = 'receive 001090012345 for 079185004321; at 1764745200000 id 0010900123456 ref 00109001234';
    expect(maskCccdInText(line)).toBe('receive 0010******45 for 0791******21; at 1764745200000 id 0010900123456 ref 00109001234');
    expect(containsCccd(line)).toBe(true);
    expect(containsCccd(maskCccdInText(line))).toBe(false);
    expect(containsCccd('HK-261120-0001')).toBe(false);
  });

  it('leaves a hex digest alone even where twelve of its digits run together, but not a CCCD beside letters', () => {
    const digest = '7d577bcddb4176001090012345bb83801f16b21952c283c60847304733f873491f59';
    expect(maskCccdInText(`source sha256 ${digest}, schema version 20`)).toBe(`source sha256 ${digest}, schema version 20`);
    expect(containsCccd(`sha256=${digest}`)).toBe(false);
    expect(maskCccdInText('CCCD001090012345 và 079185004321')).toBe('CCCD0010******45 và 0791******21');
  });

  it('masks names under the keys our payloads carry citizens in, whatever else the JSON line holds', () => {
    const line = JSON.stringify({ msg: 'x', applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, citizenName: 'Võ "Hạnh"', clerk: 'Lê Thu Hà' });
    const masked = maskPersonalDataInText(line);
    expect(JSON.parse(masked)).toEqual({ msg: 'x', applicant: { fullName: 'P.V.A.', idNumber: '0010******45' }, citizenName: 'V.".', clerk: 'Lê Thu Hà' });
    expect(masked).not.toMatch(/Phạm|Hạnh/);
  });
});

describe('retention policy (core/privacy/retention-policy.ts)', () => {
  it('defaults: rating phones 90 days, applicant data 5 years after return, dossiers 20 years', () => {
    expect(DEFAULT_RETENTION).toEqual({ ratingPhoneDays: 90, applicantDataAfterReturnYears: 5, dossiersAfterReturnYears: 20 });
  });

  it('cut-offs per class from the clock, years by calendar (29 February → 28 February)', () => {
    const now = new Date('2028-02-29T03:00:00.000Z');
    expect(retentionCutoffs({ ratingPhoneDays: 30, applicantDataAfterReturnYears: 1, dossiersAfterReturnYears: 4 }, 7, now)).toEqual({
      commandLog: '2028-02-22T03:00:00.000Z',
      ratingPhones: '2028-01-30T03:00:00.000Z',
      applicantData: '2027-02-28T03:00:00.000Z',
      dossiers: '2024-02-29T03:00:00.000Z',
    });
  });

  it('finds the phone numbers citizens write in comments, not other numbers', () => {
    for (const t of ['gọi 0912 345 678', '0912.345.678', 'sđt +84 912345678', '0243 8251 234']) expect(containsPhoneNumber(t), t).toBe(true);
    for (const t of ['Rất hài lòng', 'chờ 15 phút', 'số 1001', 'mã HK-261120-0007']) expect(containsPhoneNumber(t), t).toBe(false);
  });
});
