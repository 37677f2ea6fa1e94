import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../core/dossiers/dossier';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { NotifyRecorder } from '../../hub/integrations/notify-recorder';
import { OutboxRepository } from '../../hub/integrations/outbox-repository';
import { asyncOf } from '../../hub/store/async-of';

const HK = { id: 'hoan-kiem', name: 'Bộ phận Một cửa quận Hoàn Kiếm' };
const BD = { id: 'ba-dinh', name: 'Bộ phận Một cửa quận Ba Đình' };

const dossier = (status: Dossier['status']): Dossier => ({
  code: 'HK-261203-0001',
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  departmentId: 'ubnd-phuong-hang-trong',
  serviceId: 'ho-tich',
  status,
  applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: null, address: null, phone: null },
  documents: [],
  fee: 0,
  feePaid: 0,
  ticketId: null,
  receivedAt: '2026-12-03T02:00:00.000Z',
  receivedBy: 'hoan-kiem-may-quay-1',
  receivedAtCentre: HK,
  collectAtCentre: BD,
  dueAt: '2026-12-04T10:00:00.000Z',
  dueLocal: '2026-12-04T17:00',
  overdue: false,
  missing: [],
  updatedAt: '2026-12-03T02:00:00.000Z',
  pdf: null,
});

/** The citizen's "result ready" message names the centre they chose to collect it at (issue 13), not the receiving one. */
describe('notify: the result-ready message names the collecting centre', () => {
  it('received → {centre} is the receiving centre; done → the collecting centre', async () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS);
    const notify = new NotifyRecorder(asyncOf(new OutboxRepository(db)), HK.name);
    await notify.dossierReceived('2026-12-03T02:00:00.000Z', dossier('received'), { phone: '0912345678', consent: true });
    const entry = { at: '2026-12-03T05:00:00.000Z', action: 'done' as const, fromStatus: 'processing' as const, toStatus: 'done' as const, deviceId: 'bo', role: 'backoffice', actorName: 'Trịnh Văn Long', note: null, newDueAt: null, unit: null };
    await notify.dossierChanged('2026-12-03T05:00:00.000Z', dossier('done'), entry, 4);
    const rows = db.prepare('SELECT event_type, payload FROM outbox ORDER BY id').all() as { event_type: string; payload: string }[];
    expect(rows.map((r) => [r.event_type, (JSON.parse(r.payload) as { params: { centre: string } }).params.centre])).toEqual([
      ['dossier-received', HK.name],
      ['dossier-ready', BD.name],
    ]);
  });
});
