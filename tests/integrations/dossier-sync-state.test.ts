import { describe, expect, it } from 'vitest';
import { dossierSyncState, type PortalRowState } from '../../core/integrations/outbound-events';

const row = (state: PortalRowState['state'], lastError: string | null = null, deliveredAt: string | null = null): PortalRowState => ({ state, lastError, deliveredAt });

describe('a dossier\'s sync with the national portal, from its outbox rows', () => {
  it.each<[string, PortalRowState[], ReturnType<typeof dossierSyncState>]>([
    ['no rows: no portal configured', [], null],
    ['written, not sent yet', [row('pending')], { state: 'pending', label: 'chờ đồng bộ', syncedAt: null }],
    ['every step delivered: the last one\'s time', [row('delivered', null, '2026-11-20T02:00:00.000Z'), row('delivered', null, '2026-11-20T03:00:00.000Z')], { state: 'synced', label: 'đã đồng bộ', syncedAt: '2026-11-20T03:00:00.000Z' }],
    ['a later step waiting after delivered ones', [row('delivered', null, '2026-11-20T02:00:00.000Z'), row('pending')], { state: 'pending', label: 'chờ đồng bộ', syncedAt: '2026-11-20T02:00:00.000Z' }],
    [
      'the oldest open row met an error: its short reason, not the technical detail',
      [row('pending', 'Cổng DVCQG trả lời không đúng định dạng (có thể đang bảo trì) — DVCQG TraCuuHoSo: HTTP 200, not JSON'), row('pending')],
      { state: 'error', label: 'lỗi: Cổng DVCQG trả lời không đúng định dạng (có thể đang bảo trì)', syncedAt: null },
    ],
    ['given up after the schedule', [row('failed', 'Không kết nối được Cổng DVCQG — DVCQG TraCuuHoSo: ECONNREFUSED (đã thử 10 lần)')], { state: 'error', label: 'lỗi: Không kết nối được Cổng DVCQG', syncedAt: null }],
    ['failed without a recorded reason', [row('failed')], { state: 'error', label: 'lỗi: Gửi lỗi, đã dừng', syncedAt: null }],
  ])('%s', (_name, rows, expected) => {
    expect(dossierSyncState(rows)).toEqual(expected);
  });
});
