import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../core/dossiers/dossier';
import { ACTION_ROLE, DOSSIER_ACTIONS, DOSSIER_STATUSES, dossierTransition, type DossierAction, type DossierStatus } from '../../core/dossiers/dossier-state';
import type { TerminalContext } from '../../core/protocol/bridge';
import { contextFor } from './support/contexts';
import type { BackofficeFake } from './support/fake-backoffice';
import { fakesBundle } from './support/page-fakes';

const OFFICER = { id: 'pham-thu-trang', name: 'Phạm Thu Trang', departmentId: 'tu-phap' };

function dossierAt(status: DossierStatus): Dossier {
  return {
    code: 'HK-250512-0001',
    procedureCode: 'HT-KS',
    procedureName: 'Đăng ký khai sinh',
    departmentId: 'tu-phap',
    serviceId: 'ho-tich',
    status,
    applicant: { fullName: 'Nguyễn Văn Bình', idNumber: '001085012345', dateOfBirth: null, address: null, phone: null },
    documents: [],
    fee: 0,
    feePaid: 0,
    ticketId: null,
    receivedAt: '2025-05-12T02:00:00.000Z',
    receivedBy: 'counter-1', receivedAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' }, collectAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' },
    dueAt: '2025-05-14T09:30:00.000Z',
    dueLocal: '2025-05-14T16:30',
    overdue: false,
    missing: [],
    updatedAt: '2025-05-12T02:00:00.000Z',
    pdf: null,
  };
}

/** The page bundle run in a bare JavaScript context whose global stands for `window`. */
async function backofficeFakeWith(status: DossierStatus): Promise<BackofficeFake> {
  const page: Record<string, unknown> = {};
  page.window = page;
  const setup = { departmentId: 'tu-phap', dossiers: [{ dossier: dossierAt(status), history: [] }], pin: '5555' };
  vm.runInNewContext(`${await fakesBundle()}\n__motcuaFakes.installBackofficeFake(${JSON.stringify(setup)});`, page);
  return page.__backofficeFake as BackofficeFake;
}

const FIELDS: Partial<Record<DossierAction, Record<string, unknown>>> = {
  supplement: { note: 'Thiếu giấy', missing: ['Giấy chứng sinh'] },
  refuse: { note: 'Không đủ điều kiện' },
  delay: { note: 'Cần xác minh', newDueDate: '2025-05-20T16:30' },
};

describe('the screen fakes, bundled for the page', () => {
  it("move a dossier exactly as core's transition table says, for every status and action", async () => {
    let context: TerminalContext = contextFor('backoffice-tu-phap', { officers: [OFFICER], officer: OFFICER, snapshot: null, printer: null });
    const host = { context: () => context, push: (c: TerminalContext) => (context = c), emit: () => {} };
    for (const status of DOSSIER_STATUSES) {
      for (const action of DOSSIER_ACTIONS) {
        const fake = await backofficeFakeWith(status);
        const answer = fake.invoke('backoffice:act', { code: 'HK-250512-0001', action, ...FIELDS[action] }, host) as { ok: boolean; value?: { dossier: Dossier }; error?: { kind: string } };
        const rule = dossierTransition(status, action);
        const label = `${action} from ${status}`;
        if (ACTION_ROLE[action] !== 'backoffice') expect(answer.error?.kind, label).toBe('forbidden');
        else if (!rule.ok) expect(answer.error?.kind, label).toBe('conflict');
        else expect(answer.value?.dossier.status, label).toBe(rule.value);
      }
    }
  });
});
