import { describe, expect, it } from 'vitest';
import { checkReceipt, receivedDossier, type ReceiptRequest } from '../../core/dossiers/receipt';
import { demoConfig } from '../support/centre';

const procedures = demoConfig().procedures;

/** A birth registration as a clerk enters it (HT-KS in the demo catalogue). */
const request = (change: Partial<ReceiptRequest> = {}): ReceiptRequest => ({
  procedureCode: 'ht-ks ',
  applicant: { fullName: 'Trần Thị Bình', idNumber: '079190001234', dateOfBirth: '1990-02-28' },
  documents: [
    { name: 'Tờ khai đăng ký khai sinh', copies: 1 },
    { name: 'Giấy chứng nhận kết hôn của cha mẹ (nếu có)', copies: 2 },
  ],
  feePaid: 0,
  ...change,
});

describe('receiving a dossier: the catalogue rule shared by the hub and the counter', () => {
  it('finds the procedure by its code in any case and builds the record from the catalogue', () => {
    const r = checkReceipt(procedures, request({ ticketId: 17 }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.procedure.code).toBe('HT-KS');
    expect(r.value.record).toEqual({
      procedureCode: 'HT-KS',
      procedureName: 'Đăng ký khai sinh',
      departmentId: 'tu-phap',
      serviceId: 'ho-tich',
      applicant: { fullName: 'Trần Thị Bình', idNumber: '079190001234', dateOfBirth: '1990-02-28', address: null, phone: null },
      documents: [
        { name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true },
        { name: 'Giấy chứng nhận kết hôn của cha mẹ (nếu có)', copies: 2, original: false },
      ],
      fee: 0,
      feePaid: 0,
      ticketId: 17,
    });
  });

  it('refuses an unknown procedure as not-found, naming the code as typed', () => {
    expect(checkReceipt(procedures, request({ procedureCode: 'XX-99' }))).toEqual({
      ok: false,
      error: { kind: 'not-found', message: 'Không có thủ tục mã "XX-99" trong danh mục của trung tâm.' },
    });
  });

  it('refuses a CCCD whose first three digits are no province code', () => {
    const r = checkReceipt(procedures, request({ applicant: { fullName: 'Trần Thị Bình', idNumber: '999190001234' } }));
    expect(r).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'Số CCCD 999190001234 không hợp lệ: 3 chữ số đầu (999) không phải mã tỉnh nơi đăng ký khai sinh.' },
    });
  });

  it('refuses a birth date that is no real day (30 February)', () => {
    const r = checkReceipt(procedures, request({ applicant: { fullName: 'Trần Thị Bình', idNumber: '079190001234', dateOfBirth: '1990-02-30' } }));
    expect(r).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'Ngày sinh "1990-02-30" không phải một ngày có thật.' } });
  });

  it('refuses a document the procedure does not list, and one listed twice', () => {
    const foreign = checkReceipt(procedures, request({ documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }] }));
    expect(foreign).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: '"Giấy đề nghị đăng ký hộ kinh doanh" không thuộc thành phần hồ sơ của thủ tục Đăng ký khai sinh.' },
    });
    const twice = checkReceipt(procedures, request({ documents: [{ name: 'Giấy chứng sinh', copies: 1 }, { name: 'Giấy chứng sinh', copies: 2 }] }));
    expect(twice).toEqual({ ok: false, error: { kind: 'invalid-input', message: '"Giấy chứng sinh" được ghi hai lần.' } });
  });

  it('answers the first fault in the hub\'s order: the procedure before the CCCD', () => {
    const r = checkReceipt(procedures, request({ procedureCode: 'XX-99', applicant: { fullName: 'Trần Thị Bình', idNumber: '999190001234' } }));
    expect(r.ok ? null : r.error.kind).toBe('not-found');
  });

  it('makes the dossier as just received: status received, due as given, nothing missing', () => {
    const r = checkReceipt(procedures, request());
    if (!r.ok) throw new Error(r.error.message);
    const at = { receivedAt: '2026-11-20T02:15:00.000Z', receivedBy: 'counter-1', dueAt: '2026-11-20T10:00:00.000Z', dueLocal: '2026-11-20T17:00', receivedAtCentre: { id: 'hk', name: 'Trung tâm Hoàn Kiếm' }, collectAtCentre: { id: 'bd', name: 'Trung tâm Ba Đình' } };
    const d = receivedDossier('HK-261120-0007', r.value.record, at, { pages: 3, bytes: 4096 });
    expect(d).toMatchObject({ code: 'HK-261120-0007', procedureCode: 'HT-KS', status: 'received', ticketId: null, overdue: false, missing: [], ...at, updatedAt: at.receivedAt, pdf: { pages: 3, bytes: 4096 } });
  });
});
