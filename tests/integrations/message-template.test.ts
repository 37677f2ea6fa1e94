import { describe, expect, it } from 'vitest';
import { checkMessageParams, placeholdersOf, renderMessageTemplate } from '../../core/integrations/message-template';
import { DEFAULT_SMS_TEMPLATES } from '../../kiosk-config/integrations-schema';

describe('citizen message templates', () => {
  it('fills every placeholder', () => {
    const r = renderMessageTemplate(DEFAULT_SMS_TEMPLATES['dossier-ready'], { code: 'HK-261203-0007', centre: 'TTHCC Hoàn Kiếm' });
    expect(r).toEqual({ ok: true, value: 'Hồ sơ HK-261203-0007 đã có kết quả, mời ông/bà đến TTHCC Hoàn Kiếm nhận.' });
    expect(placeholdersOf(DEFAULT_SMS_TEMPLATES['queue-near'])).toEqual(['remaining', 'number', 'service', 'centre']);
  });

  it('names the placeholders that have no value', () => {
    const r = renderMessageTemplate('Còn {remaining} người, số {number}', { remaining: '3' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('message template needs {number}');
  });

  it.each(['001203004567', 'CCCD 001203004567 của bạn', '123456789'])('never sends an identity number: "%s"', (value) => {
    const r = renderMessageTemplate('Hồ sơ {code}', { code: value });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('identity number');
    expect(checkMessageParams({ code: value }).ok).toBe(false);
  });

  it('dossier codes, ticket numbers and dates are not identity numbers', () => {
    for (const value of ['HK-261203-0007', '000.00.31.H26-261203-0007', '1001', '03/12/2026', '84912345678']) {
      expect(checkMessageParams({ value }).ok, value).toBe(true);
    }
  });
});
