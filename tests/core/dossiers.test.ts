import { describe, expect, it } from 'vitest';
import { foldVietnamese, searchProcedures } from '../../core/dossiers/catalogue';
import { initialsOf, makeDossierCode, normaliseDossierCode, parseDossierCode } from '../../core/dossiers/dossier-code';
import { DOSSIER_ACTIONS, DOSSIER_STATUSES, dossierTransition, isOverdue, type DossierAction, type DossierStatus } from '../../core/dossiers/dossier-state';
import { demoConfig } from '../support/centre';

const procedures = demoConfig().procedures;
const names = (q: string) => searchProcedures(procedures, q).map((p) => p.name);

describe('procedure catalogue search (diacritics ignored)', () => {
  it('folds Vietnamese to plain lower-case words', () => {
    expect(foldVietnamese('  Đăng ký   KHAI SINH ')).toBe('dang ky khai sinh');
    expect(foldVietnamese('Phòng Tài chính – Kế hoạch')).toBe('phong tai chinh ke hoach');
    // Decomposed input (some input methods) folds the same way.
    expect(foldVietnamese('Đăng ký'.normalize('NFD'))).toBe('dang ky');
  });

  it('finds "Đăng ký khai sinh" typed without diacritics, with or without them, and by code', () => {
    expect(names('dang ky khai sinh')).toEqual(['Đăng ký khai sinh']);
    expect(names('Đăng ký khai sinh')).toEqual(['Đăng ký khai sinh']);
    expect(names('khai sinh')).toEqual(['Đăng ký khai sinh']);
    expect(names('ht-ks')).toEqual(['Đăng ký khai sinh']);
  });

  it('ranks names starting with the query first, keeps catalogue order otherwise, and needs every word', () => {
    const dangKy = names('dang ky');
    expect(dangKy.slice(0, 3)).toEqual(['Đăng ký khai sinh', 'Đăng ký kết hôn', 'Đăng ký khai tử']);
    expect(dangKy).toContain('Đăng ký thành lập hộ kinh doanh');
    expect(names('giay phep xay dung')).toEqual(['Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Gia hạn giấy phép xây dựng']);
    expect(names('chung thuc')).toHaveLength(2);
    expect(names('khai sinh ket hon')).toEqual([]);
    expect(names('   ')).toEqual([]);
  });
});

describe('demo catalogue', () => {
  it('has at least ten procedures across at least three departments, fees in whole VND', () => {
    const c = demoConfig();
    expect(c.procedures.length).toBeGreaterThanOrEqual(10);
    expect(new Set(c.procedures.map((p) => p.departmentId)).size).toBeGreaterThanOrEqual(3);
    expect(c.departments.map((d) => d.name)).toEqual(expect.arrayContaining(['Phòng Tư pháp', 'Phòng Tài nguyên và Môi trường']));
    expect(c.procedures.find((p) => p.code === 'HT-KS')).toMatchObject({ fee: 0, processing: { workingDays: 0 } });
    // One back-office device per department.
    for (const d of c.departments) expect(c.devices.filter((x) => x.role === 'backoffice' && x.departmentId === d.id)).toHaveLength(1);
  });
});

describe('dossier code', () => {
  it('is <prefix>-<YYMMDD>-<NNNN>, parsed back, and normalised from what was typed', () => {
    const code = makeDossierCode('HK', { year: 2026, month: 11, day: 20 }, 7);
    expect(code).toBe('HK-261120-0007');
    expect(parseDossierCode(' hk-261120-0007 ')).toEqual({ prefix: 'HK', day: '261120', sequence: 7 });
    expect(parseDossierCode('HK-261120-0000')).toBeNull();
    expect(parseDossierCode('HK261120')).toBeNull();
    expect(normaliseDossierCode(' hk-261120-0007\r\n')).toBe('HK-261120-0007');
    expect(() => makeDossierCode('HK', { year: 2026, month: 11, day: 20 }, 10000)).toThrow(RangeError);
    expect(() => makeDossierCode('hk', { year: 2026, month: 11, day: 20 }, 1)).toThrow(RangeError);
  });

  it('shows only initials of the applicant', () => {
    expect(initialsOf('Nguyễn Văn An')).toBe('N.V.A.');
    expect(initialsOf('  đỗ  thị   ánh ')).toBe('Đ.T.Á.');
  });
});

describe('dossier transitions', () => {
  const allowed: Record<DossierAction, DossierStatus[]> = {
    accept: ['received'],
    processing: ['supplement-requested'],
    supplement: ['processing'],
    refuse: ['received', 'processing', 'supplement-requested'],
    done: ['processing'],
    delay: ['received', 'processing', 'supplement-requested'],
    return: ['done'],
  };
  const to: Record<DossierAction, DossierStatus | null> = {
    accept: 'processing',
    processing: 'processing',
    supplement: 'supplement-requested',
    refuse: 'refused',
    done: 'done',
    delay: null,
    return: 'returned',
  };

  it.each(DOSSIER_ACTIONS.flatMap((a) => DOSSIER_STATUSES.map((s) => [a, s] as const)))('%s from %s', (action, status) => {
    const r = dossierTransition(status, action);
    if (allowed[action].includes(status)) expect(r).toEqual({ ok: true, value: to[action] ?? status });
    else expect(r).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('Không thể') } });
  });

  it('is overdue only while open and past the due instant', () => {
    const due = new Date('2026-11-25T10:00:00Z');
    const after = new Date('2026-11-25T10:00:01Z');
    expect(isOverdue('processing', due, after)).toBe(true);
    expect(isOverdue('supplement-requested', due, after)).toBe(true);
    expect(isOverdue('processing', due, due)).toBe(false);
    expect(isOverdue('done', due, after)).toBe(false);
    expect(isOverdue('refused', due, after)).toBe(false);
  });
});
