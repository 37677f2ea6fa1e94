import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, dossierTransition, type DossierStatus } from '../../core/dossiers/dossier-state';
import { DvcqgStatusTableSchema, DVCQG_STATUS_NAMES_VI, dvcqgStatusOf, isDvcqgStatus } from '../../core/integrations/dvcqg-status';
import { DEFAULT_DVCQG_STATUS_TABLE } from '../../kiosk-config/integrations-schema';

describe('DVCQG status mapping (a config table, not code)', () => {
  it.each<[DossierStatus, number, string]>([
    ['received', 2, 'Được tiếp nhận'],
    ['processing', 4, 'Đang xử lý'],
    ['supplement-requested', 5, 'Yêu cầu bổ sung giấy tờ'],
    ['refused', 3, 'Không được tiếp nhận'],
    ['done', 9, 'Đã xử lý xong'],
    ['returned', 10, 'Đã trả kết quả'],
  ])('default table: %s → %i (%s)', (status, code, name) => {
    const mapped = dvcqgStatusOf(DEFAULT_DVCQG_STATUS_TABLE, status);
    expect(mapped).toBe(code);
    expect(DVCQG_STATUS_NAMES_VI[mapped]).toBe(name);
  });

  it('the counter → department → return path reads 2, 4, 9, 10 on the portal', () => {
    let status: DossierStatus = 'received';
    const seen = [dvcqgStatusOf(DEFAULT_DVCQG_STATUS_TABLE, status)];
    for (const action of ['accept', 'done', 'return'] as const) {
      const next = dossierTransition(status, action);
      if (!next.ok) throw new Error(next.error.message);
      status = next.value;
      seen.push(dvcqgStatusOf(DEFAULT_DVCQG_STATUS_TABLE, status));
    }
    expect(seen).toEqual([2, 4, 9, 10]);
  });

  it('a province table changes the answer without code: refused as 8 (dừng xử lý)', () => {
    const table = DvcqgStatusTableSchema.parse({ ...DEFAULT_DVCQG_STATUS_TABLE, refused: 8 });
    expect(dvcqgStatusOf(table, 'refused')).toBe(8);
    expect(dvcqgStatusOf(table, 'received')).toBe(2);
  });

  it('a table must name every status with a code 1–10, and nothing else', () => {
    const { done: _done, ...withoutDone } = DEFAULT_DVCQG_STATUS_TABLE;
    const missing = DvcqgStatusTableSchema.safeParse(withoutDone);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['done']);
    for (const bad of [0, 11, 2.5, '2', null]) {
      const r = DvcqgStatusTableSchema.safeParse({ ...DEFAULT_DVCQG_STATUS_TABLE, received: bad });
      expect(r.success, `received: ${JSON.stringify(bad)}`).toBe(false);
      expect(r.error?.issues[0]?.message).toContain('1–10');
    }
    expect(DvcqgStatusTableSchema.safeParse({ ...DEFAULT_DVCQG_STATUS_TABLE, archived: 10 }).success).toBe(false);
    expect(Object.keys(DEFAULT_DVCQG_STATUS_TABLE).sort()).toEqual([...DOSSIER_STATUSES].sort());
  });

  it('isDvcqgStatus: integers 1–10 only', () => {
    expect([1, 5, 10].every(isDvcqgStatus)).toBe(true);
    expect([0, 11, 1.5, '1', null].some(isDvcqgStatus)).toBe(false);
  });
});
