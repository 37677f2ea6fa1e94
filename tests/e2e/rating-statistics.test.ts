import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeClient } from '../support/bridge-client';
import { fontsReady, openPage } from '../support/browser';
import { DEMO_CLERKS } from '../support/centre';
import { AdminPage } from './pages/admin-page';
import { CounterPage } from './pages/counter-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/** A citizen rates the service on the counter screen, and the admin finds it in the day's statistics. */
describe('satisfaction rating → statistics, in the browser', () => {
  const e = useE2eCentre('motcua-e2e-rating-');
  let kiosk: BridgeClient;
  beforeAll(async () => {
    kiosk = await BridgeClient.connect(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitForContext((c) => c.hubConnected && c.snapshot !== null);
  });
  afterAll(() => kiosk?.close());

  it('rates a finished ticket at the counter and shows it in the admin statistics and exports', async () => {
    for (let i = 0; i < 2; i++) expect((await kiosk.invoke('kiosk:take-ticket', { serviceId: 'ho-tich' })).ok).toBe(true);
    const counterTab = await openPage(e.browser, { width: 1366, height: 768 });
    const counter = new CounterPage(counterTab.page);
    await counter.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);

    // 1001: served, then rated "Rất hài lòng" with a comment by the citizen.
    expect(await counter.callNext()).toBe(1001);
    await counter.startServing();
    await counter.finishAndRate('Rất hài lòng', 'Chị Lan hướng dẫn rất tận tình', async () => {
      await fontsReady(counterTab.page);
      await counterTab.page.screenshot({ path: path.join(ARTEFACTS, 'rating-1-counter-panel.png'), animations: 'disabled' });
    });
    // 1002: served; the citizen walks away, the clerk skips the rating.
    expect(await counter.callNext()).toBe(1002);
    await counter.startServing();
    await counter.finish();
    await counterTab.page.screenshot({ path: path.join(ARTEFACTS, 'rating-2-counter-after.png'), animations: 'disabled' });

    const adminTab = await openPage(e.browser, { width: 1366, height: 900 });
    const admin = new AdminPage(adminTab.page);
    await admin.open(e.centre.agents.admin.launchUrl());
    await admin.showStatistics('clerk');
    const lan = await admin.statisticsRow('nguyen-thi-lan');
    expect(lan).toContain('Nguyễn Thị Lan');
    // Two served, one rating: 0/0/0/1, mean 4.
    expect(lan.split(/\t/)).toEqual(expect.arrayContaining(['2', '0/0/0/1', '4']));
    expect(await admin.statisticsTile('rating')).toBe('4/4 · 1 lượt');
    expect(await admin.statisticsTile('served')).toBe('2');
    await fontsReady(adminTab.page);
    await adminTab.page.screenshot({ path: path.join(ARTEFACTS, 'rating-3-admin-statistics.png'), animations: 'disabled', fullPage: true });

    // The workbook the admin downloads holds the same figures.
    const xlsx = await admin.download('stats-download-xlsx');
    expect(xlsx.name).toMatch(/^thong-ke-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const clerkRow = book.getWorksheet('Theo cán bộ')!.getRow(2).values as unknown[];
    expect(clerkRow.slice(1, 4)).toEqual(['Nguyễn Thị Lan', 2, 2]);
    expect(clerkRow.slice(13, 16)).toEqual([1, 1, 4]); // Rất hài lòng, number of ratings, mean

    // And the CSV of the shown grouping, with its BOM.
    const csv = await admin.download('stats-download-csv');
    expect(csv.name).toMatch(/\.clerk\.csv$/);
    const bytes = readFileSync(csv.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Nguyễn Thị Lan,2,2,0,0');

    for (const p of [counterTab, adminTab]) expect(p.problems, 'console errors on a screen').toEqual([]);
  });
});
