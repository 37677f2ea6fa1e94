import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsReport, StatsRow } from '../../core/stats/stats-report';
import type { Hub } from '../../hub/hub';
import { demoConfig, tempDir, tokenOf, type DeviceSocket } from '../support/centre';
import { runScriptedDay } from './scripted-day';

const config = demoConfig();
const ADMIN = tokenOf(config, 'admin-1');

/** A row of expected figures, in the column order of the exports. */
function row(
  key: string,
  label: string,
  [issued, served, noShows, cancelled]: [number, number, number, number],
  [waitMean, waitP90, serviceMean, idle]: [number | null, number | null, number | null, number | null],
  [r1, r2, r3, r4, ratingMean]: [number, number, number, number, number | null],
): StatsRow {
  return {
    key, label, issued, served, noShows, cancelled,
    waitMeanMinutes: waitMean, waitP90Minutes: waitP90, serviceMeanMinutes: serviceMean, idleMinutes: idle,
    rating1: r1, rating2: r2, rating3: r3, rating4: r4, ratingCount: r1 + r2 + r3 + r4, ratingMean,
  };
}

// Hand-computed from the script in scripted-day.ts (minutes). Waits = first call − issue:
//   T1 08:10−08:00 = 10, T2 08:25−08:05 = 20, T3 08:30−08:02 = 28, T4 08:40−08:20 = 20, T5 09:30−09:10 = 20; T6 never called.
// Service = done − start: T1 8, T2 10, T3 20, T5 14 (T4 absent, not served).
// p90 is the nearest rank: the ⌈0.9·n⌉-th smallest wait.
const LAN = 'Nguyễn Thị Lan';
const MINH = 'Trần Văn Minh';
// Counter 1 idle: T1 done 08:20 → call T2 08:25 = 5; T2 done 08:36 → call T4 08:40 = 4; T4 absent 08:45 → call T5 09:30 = 45: 54.
// Counter 2 served one ticket: no gap between two tickets, so 0.
const QUAY_1 = (key: string, label: string) =>
  // T1 T2 T4 T5: issued 4, done 3, absent 1; waits 10 20 20 20 → mean 70/4 = 17.5, p90 rank ⌈3.6⌉ = 4 → 20;
  // service (8+10+14)/3 = 10.666… → 10.67; ratings ★4 ★3 → mean 3.5.
  row(key, label, [4, 3, 1, 0], [17.5, 20, 10.67, 54], [0, 0, 1, 1, 3.5]);
const QUAY_2 = (key: string, label: string) => row(key, label, [1, 1, 0, 0], [28, 28, 20, 0], [1, 0, 0, 0, 1]);

// Whole day: issued 6 (T1–T6), done 4, absent 1 (T4), cancelled 1 (T6);
// waits 10 20 20 20 28 → mean 98/5 = 19.6, p90 rank ⌈4.5⌉ = 5 → 28; service (8+10+20+14)/4 = 13;
// idle total 54 + 0 = 54; ratings ★4 ★3 ★1 → mean 8/3 = 2.666… → 2.67.
const DAY: [number, number, number, number] = [6, 4, 1, 1];
const DAY_TIMES: [number, number, number, number] = [19.6, 28, 13, 54];
const DAY_RATINGS: [number, number, number, number, number] = [1, 0, 1, 1, 2.67];

const EXPECTED: Record<keyof StatsReport['groups'], StatsRow[]> = {
  day: [row('2026-11-23', '2026-11-23', DAY, [19.6, 28, 13, null], DAY_RATINGS)],
  hour: [
    // 08h: T1 T3 T2 T4 — done 3, absent 1; waits 10 28 20 20 → 78/4 = 19.5, p90 rank ⌈3.6⌉ = 4 → 28; service (8+20+10)/3 = 12.67; ★4 ★1 ★3 → 8/3 = 2.67.
    row('08', '08:00–09:00', [4, 3, 1, 0], [19.5, 28, 12.67, null], [1, 0, 1, 1, 2.67]),
    // 09h: T5 T6 — done 1, cancelled 1; wait 20; service 14; no rating.
    row('09', '09:00–10:00', [2, 1, 0, 1], [20, 20, 14, null], [0, 0, 0, 0, null]),
  ],
  service: [
    // Hộ tịch: T1 T2 T4 T6 — done 2, absent 1, cancelled 1; waits 10 20 20 → 50/3 = 16.67, p90 rank ⌈2.7⌉ = 3 → 20; service (8+10)/2 = 9; ★4 ★3 → 3.5.
    row('ho-tich', 'Hộ tịch', [4, 2, 1, 1], [16.67, 20, 9, null], [0, 0, 1, 1, 3.5]),
    row('dat-dai', 'Đất đai', [1, 1, 0, 0], [28, 28, 20, null], [1, 0, 0, 0, 1]),
    row('chung-thuc', 'Chứng thực', [1, 1, 0, 0], [20, 20, 14, null], [0, 0, 0, 0, null]),
  ],
  counter: [QUAY_1('quay-1', 'Quầy 1 — Hộ tịch, Chứng thực'), QUAY_2('quay-2', 'Quầy 2 — Đất đai, Xây dựng')],
  clerk: [QUAY_1('nguyen-thi-lan', LAN), QUAY_2('tran-van-minh', MINH)],
};

describe('statistics of a scripted day, through the hub REST API', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  let sockets: DeviceSocket[];
  const get = (url: string, token: string | null = ADMIN) => fetch(hub.url + url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    tmp = tempDir('motcua-stats-');
    ({ hub, sockets } = await runScriptedDay(path.join(tmp.dir, 'hub.sqlite')));
  });
  afterAll(async () => {
    sockets?.forEach((s) => s.close());
    await hub?.close();
    tmp?.remove();
  });

  it('matches the hand-computed figures for every grouping', async () => {
    const res = await get('/api/stats?from=2026-11-23&to=2026-11-23');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: true; value: StatsReport };
    const report = body.value;
    expect(report.from).toBe('2026-11-23');
    expect(report.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(report.total).toEqual(row('total', 'Tổng cộng', DAY, DAY_TIMES, DAY_RATINGS));
    expect(report.groups).toEqual(EXPECTED);
  });

  it('includes the day before when the range does: T0 issued, never called', async () => {
    const report = ((await (await get('/api/stats?from=2026-11-22&to=2026-11-23')).json()) as { value: StatsReport }).value;
    expect(report.groups.day.map((d) => [d.key, d.issued, d.served])).toEqual([
      ['2026-11-22', 1, 0],
      ['2026-11-23', 6, 4],
    ]);
    expect(report.total.issued).toBe(7);
    expect(report.groups.hour.map((h) => h.key)).toEqual(['08', '09', '16']);
  });

  it('is for the admin only, and checks the range', async () => {
    expect((await get('/api/stats?from=2026-11-23&to=2026-11-23', null)).status).toBe(401);
    expect((await get('/api/stats?from=2026-11-23&to=2026-11-23', tokenOf(config, 'counter-1'))).status).toBe(403);
    expect((await get('/api/stats.xlsx?from=2026-11-23&to=2026-11-23', tokenOf(config, 'kiosk-1'))).status).toBe(403);
    const bad = await get('/api/stats?from=2026-11-24&to=2026-11-23');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { kind: string } }).error.kind).toBe('invalid-input');
    expect((await get('/api/stats?from=23/11/2026&to=2026-11-23')).status).toBe(400);
    expect((await get('/api/stats?from=2025-01-01&to=2026-11-23')).status).toBe(400);
    expect((await get('/api/stats.csv?from=2026-11-23&to=2026-11-23&by=weekday')).status).toBe(400);
  });

  it('exports an Excel workbook that holds the same numbers, as numbers', async () => {
    const res = await get('/api/stats.xlsx?from=2026-11-23&to=2026-11-23');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('thong-ke-2026-11-23.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['Theo ngày', 'Theo giờ', 'Theo lĩnh vực', 'Theo quầy', 'Theo cán bộ', 'Giải thích']);
    const values = (sheet: string) =>
      book.getWorksheet(sheet)!.getSheetValues().filter(Boolean).map((r) => Array.from((r as unknown[]).slice(1), (v) => (v === undefined ? null : v)));
    const counters = values('Theo quầy');
    expect(counters[0]).toEqual(['Quầy', 'Số vé', 'Đã phục vụ', 'Vắng mặt', 'Đã huỷ', 'Chờ TB (phút)', 'Chờ P90 (phút)', 'Phục vụ TB (phút)', 'Thời gian rảnh (phút)', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng', 'Số lượt đánh giá', 'Điểm đánh giá TB (1–4)']);
    expect(counters[1]).toEqual(['Quầy 1 — Hộ tịch, Chứng thực', 4, 3, 1, 0, 17.5, 20, 10.67, 54, 0, 0, 1, 1, 2, 3.5]);
    expect(counters[2]).toEqual(['Quầy 2 — Đất đai, Xây dựng', 1, 1, 0, 0, 28, 28, 20, 0, 1, 0, 0, 0, 1, 1]);
    const services = values('Theo lĩnh vực');
    expect(services[1]).toEqual(['Hộ tịch', 4, 2, 1, 1, 16.67, 20, 9, null, 0, 0, 1, 1, 2, 3.5]);
    // The total line closes the service sheet; the idle column stays empty outside counters and clerks.
    expect(services.at(-1)).toEqual(['Tổng cộng', 6, 4, 1, 1, 19.6, 28, 13, null, 1, 0, 1, 1, 3, 2.67]);
    expect(values('Theo cán bộ')[1]?.[0]).toBe(LAN);
  });

  it('exports one grouping as CSV with a BOM that parses back to the same figures', async () => {
    const res = await get('/api/stats.csv?from=2026-11-23&to=2026-11-23&by=clerk');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(lines[0]?.slice(0, 3)).toEqual(['Cán bộ', 'Số vé', 'Đã phục vụ']);
    expect(lines.slice(1)).toEqual([
      [LAN, '4', '3', '1', '0', '17.5', '20', '10.67', '54', '0', '0', '1', '1', '2', '3.5'],
      [MINH, '1', '1', '0', '0', '28', '28', '20', '0', '1', '0', '0', '0', '1', '1'],
    ]);
    // Without "by", the services.
    const byService = await (await get('/api/stats.csv?from=2026-11-23&to=2026-11-23')).text();
    expect(byService).toContain('Lĩnh vực,Số vé');
  });

  it('describes the three routes in the OpenAPI document', async () => {
    const doc = (await (await get('/api/openapi.json', null)).json()) as { paths: Record<string, { get?: { operationId: string } }> };
    expect(doc.paths['/api/stats']?.get?.operationId).toBe('getStats');
    expect(doc.paths['/api/stats.xlsx']?.get?.operationId).toBe('getStatsXlsx');
    expect(doc.paths['/api/stats.csv']?.get?.operationId).toBe('getStatsCsv');
    expect(doc.paths['/api/tickets/{ticketId}/rating']).toBeDefined();
  });
});
