import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ProvinceStats } from '../../core/stats/province-stats';
import { seriousAxeViolations } from '../support/axe';
import { contextFor } from './support/contexts';
import type { FakeBridgeSetup } from './support/fake-bridge';
import { COUNTER_DESKTOP } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

const screens = useScreenHarness();
/** Where this branch's screenshots are looked at (the house rules). */
const SHOTS = process.env.MOTCUA_SHOTS_DIR;

const counts = (id: string, name: string, received: number, open: number, overdue: number, finished: number, refused: number) => ({ id, name, received, open, overdue, finished, refused });
const PROVINCE: ProvinceStats = {
  at: '2026-12-04T04:30:00.000Z',
  from: null,
  to: null,
  centres: [
    counts('ba-dinh', 'Bộ phận Một cửa quận Ba Đình', 41, 12, 0, 27, 2),
    counts('hoan-kiem', 'Bộ phận Một cửa quận Hoàn Kiếm', 58, 19, 3, 36, 3),
    counts('tay-ho', 'Bộ phận Một cửa quận Tây Hồ', 0, 0, 0, 0, 0),
    counts('tp-ha-noi', 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội', 112, 47, 5, 61, 4),
  ],
  agencies: [
    counts('so-tai-nguyen-moi-truong', 'Sở Tài nguyên và Môi trường', 64, 30, 4, 32, 2),
    counts('so-tu-phap', 'Sở Tư pháp', 71, 22, 2, 46, 3),
    counts('ubnd-phuong-hang-trong', 'Ủy ban nhân dân phường Hàng Trống', 38, 9, 0, 28, 1),
    counts('ubnd-quan-ba-dinh', 'Ủy ban nhân dân quận Ba Đình', 38, 17, 2, 18, 3),
  ],
  total: { received: 211, open: 78, overdue: 8, finished: 124, refused: 9 },
};

function setup(over: Partial<FakeBridgeSetup> = {}): FakeBridgeSetup {
  return {
    context: contextFor('admin-1'),
    delayMs: 50,
    printed: { ok: true },
    adminSession: { required: true, province: true, session: { username: 'tinh-quan-tri', expiresAt: '2026-12-04T05:00:00.000Z', scope: 'province' } },
    province: PROVINCE,
    clockAt: '2026-12-04T04:30:00.000Z',
    ...over,
  };
}

describe('Thống kê toàn tỉnh: the province administrator at an admin terminal', () => {
  test('per centre and per agency, overdue in red, a range of days; nothing of the centre’s own administration', async () => {
    const screen = await screens.open(setup(), COUNTER_DESKTOP);
    const { page } = screen;
    await page.getByTestId('province-totals').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Thống kê toàn tỉnh');
    expect(await page.getByTestId('admin-user').innerText()).toContain('Quản trị viên cấp tỉnh: tinh-quan-tri');
    // The centre's desk is not there: devices, keys, the centre's statistics.
    expect(await page.getByTestId('admin-devices').count()).toBe(0);
    expect(await page.getByTestId('admin-stats').count()).toBe(0);

    const row = (table: string, id: string) => page.getByTestId(table).locator(`tr[data-id="${id}"]`);
    expect(await row('province-centres', 'hoan-kiem').locator('td').allInnerTexts()).toEqual(['58', '19', '3', '36', '3']);
    expect(await row('province-agencies', 'so-tu-phap').locator('th').innerText()).toContain('Sở Tư pháp');
    expect(await page.getByTestId('province-centres').locator('tfoot td').allInnerTexts()).toEqual(['211', '78', '8', '124', '9']);
    // Overdue in red, only where there is any.
    const overdueCell = row('province-centres', 'hoan-kiem').locator('td').nth(2);
    expect(await overdueCell.getAttribute('class')).toBe('p-overdue');
    expect(await overdueCell.evaluate((e) => getComputedStyle(e).color)).toBe('rgb(179, 20, 31)');
    expect(await row('province-centres', 'ba-dinh').locator('td').nth(2).getAttribute('class')).toBeNull();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const file = await screen.screenshot('province-stats-1366');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      copyFileSync(file, path.join(SHOTS, 'province-stats-1366x768.png'));
      await page.getByTestId('province-agencies').scrollIntoViewIfNeeded();
      copyFileSync(await screen.screenshot('province-stats-agencies-1366'), path.join(SHOTS, 'province-stats-agencies-1366x768.png'));
    }

    // Today first (Vietnam's day), then the range the administrator chooses.
    await page.getByTestId('province-from').fill('2026-11-01');
    await page.getByTestId('province-to').fill('2026-11-30');
    await page.getByRole('button', { name: 'Xem' }).click();
    const asked = async () => (await screen.commands()).filter((c) => c.name === 'admin:province-stats').map((c) => c.input);
    await expect.poll(async () => (await asked()).at(-1)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect((await asked())[0]).toEqual({ from: '2026-12-04', to: '2026-12-04' });
    // The shown range as an Excel workbook, saved by the page.
    const saved = page.waitForEvent('download');
    await page.getByTestId('province-download-xlsx').click();
    expect((await saved).suggestedFilename()).toBe('thong-ke-toan-tinh-2026-11-01-den-2026-11-30.xlsx');
  });

  test("the hub's refusal is shown in its words (a centre administrator's session, say)", async () => {
    const screen = await screens.open(setup({ province: { refused: { kind: 'forbidden', message: 'Quản trị viên trung tâm không xem được thống kê toàn tỉnh.' } } }), COUNTER_DESKTOP);
    const alert = screen.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Quản trị viên trung tâm không xem được thống kê toàn tỉnh');
    expect(await alert.getAttribute('data-error-kind')).toBe('forbidden');
  });

  test('a centre that asks for no administrator: its desk offers the province administrator’s sign-in, and back', async () => {
    const screen = await screens.open(setup({ adminSession: { required: false, province: true, session: null } }), COUNTER_DESKTOP);
    const { page } = screen;
    await page.getByTestId('province-sign-in').click();
    await page.getByTestId('admin-sign-in').waitFor();
    expect(await page.getByTestId('admin-sign-in').innerText()).toContain('motcua province admin add');
    if (SHOTS) copyFileSync(await screen.screenshot('province-sign-in-1366'), path.join(SHOTS, 'province-sign-in-1366x768.png'));
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.getByTestId('admin-devices').waitFor();
  });
});
