import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { dossierTransition, type DossierAction, type DossierStatus } from '../../core/dossiers/dossier-state';
import { toDvcqgDossier, toDvcqgProgress } from '../../core/integrations/dvcqg-dossier-mapping';
import { compileDossierCodePattern, makeNationalDossierCode } from '../../core/integrations/national-dossier-code';
import { McLegacyNationalPortal } from '../../hub/integrations/dvcqg-mc-legacy';
import { syncDossierToPortal } from '../../hub/integrations/national-portal';
import { IntegrationsConfigSchema } from '../../kiosk-config/integrations-schema';
import { startFakeDvcqg, type FakeDvcqg } from '../support/fake-dvcqg';

/**
 * The pieces together, as the hub's sync queue will use them: the config gives the agency code,
 * code pattern and status table; a dossier and each Form 05 line are mapped; the client sends them
 * to a portal that checks them by its own rules.
 */
const config = IntegrationsConfigSchema.parse({
  nationalPortal: { adapterUrl: 'http://placeholder.invalid', username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: '000.00.31.H26' },
}).nationalPortal!;
const password = 'from-the-environment';

let fake: FakeDvcqg;
beforeEach(async () => {
  fake = await startFakeDvcqg({ username: config.username, password, madonvi: config.madonvi, successCode: '00' });
});
afterEach(async () => {
  await fake.close();
});

describe('a counter dossier synced to the portal step by step', () => {
  it('received → accepted → done → returned reaches the portal as 2, 4, 9, 10 with its Form 05 steps', async () => {
    const pattern = compileDossierCodePattern(config.dossierCodePattern);
    if (!pattern.ok) throw new Error(pattern.error.message);
    const maHoSo = makeNationalDossierCode(pattern.value, config.madonvi, { year: 2026, month: 12, day: 3 }, 7);
    const context = { maHoSo, maTTHC: '1.001193', departmentName: 'Phòng Tư pháp', statusTable: config.statusTable };
    const portal = new McLegacyNationalPortal({ ...config, adapterUrl: fake.url, password });

    let dossier: Dossier = {
      code: 'HK-261203-0007',
      procedureCode: 'HT-01',
      procedureName: 'Đăng ký khai sinh',
      departmentId: 'tu-phap',
      serviceId: 'ho-tich',
      status: 'received',
      applicant: { fullName: 'Nguyễn Văn An', idNumber: '001203004567', dateOfBirth: null, address: null, phone: null },
      documents: [{ name: 'Tờ khai', copies: 1, original: true }],
      fee: 0,
      feePaid: 0,
      ticketId: null,
      receivedAt: '2026-12-03T02:15:00.000Z',
      receivedBy: 'clerk-1',
      receivedAtCentre: { id: 'local', name: 'Trung tâm Phục vụ hành chính công' },
      collectAtCentre: { id: 'local', name: 'Trung tâm Phục vụ hành chính công' },
      dueAt: '2026-12-08T10:00:00.000Z',
      dueLocal: '2026-12-08T17:00',
      overdue: false,
      missing: [],
      updatedAt: '2026-12-03T02:15:00.000Z',
      pdf: null,
    };
    const line = (action: DossierAction | 'receive', from: DossierStatus | null, to: DossierStatus, at: string, actorName: string): DossierHistoryEntry => ({
      at,
      action,
      fromStatus: from,
      toStatus: to,
      deviceId: 'd',
      role: action === 'receive' || action === 'return' ? 'counter' : 'backoffice',
      actorName,
      note: null,
      newDueAt: null,
      unit: null,
    });

    const received = await syncDossierToPortal(portal, toDvcqgDossier(dossier, context), [toDvcqgProgress(line('receive', null, 'received', dossier.receivedAt, 'Lê Văn Cường'), context)]);
    expect(received).toEqual({ ok: true, value: { created: true } });

    const steps: [DossierAction, string, string][] = [
      ['accept', '2026-12-03T03:00:00.000Z', 'Trần Thị Bình'],
      ['done', '2026-12-05T08:00:00.000Z', 'Trần Thị Bình'],
      ['return', '2026-12-06T01:30:00.000Z', 'Lê Văn Cường'],
    ];
    for (const [action, at, who] of steps) {
      const next = dossierTransition(dossier.status, action);
      if (!next.ok) throw new Error(next.error.message);
      const entry = line(action, dossier.status, next.value, at, who);
      dossier = { ...dossier, status: next.value, updatedAt: at };
      const synced = await syncDossierToPortal(portal, toDvcqgDossier(dossier, context), [toDvcqgProgress(entry, context)]);
      expect(synced, action).toEqual({ ok: true, value: { created: false } });
    }

    expect(fake.statusesOf(maHoSo)).toEqual([2, 4, 9, 10]);
    expect(fake.progress.get(maHoSo)?.map((t) => [t.TrangThai, t.ThoiDiemXuLy, t.NoiDungXuLy])).toEqual([
      [2, '20261203091500', 'tiếp nhận hồ sơ'],
      [4, '20261203100000', 'tiếp nhận xử lý'],
      [9, '20261205150000', 'hoàn thành'],
      [10, '20261206083000', 'trả kết quả'],
    ]);
    expect(fake.dossiers.get(maHoSo)).toMatchObject({ MaHoSo: '000.00.31.H26-261203-0007', KenhThucHien: 1, TrangThaiHoSo: 10 });
    expect(fake.logins).toBe(1);
  });
});
