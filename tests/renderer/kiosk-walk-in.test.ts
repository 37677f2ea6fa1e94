import { describe, expect, test } from 'vitest';
import type { TerminalContext } from '../../core/protocol/bridge';
import { contextFor } from './support/contexts';
import { KIOSK_PORTRAIT } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

const screens = useScreenHarness();

/** Hộ tịch takes walk-ins 07:30–11:30 and 13:30–17:00; the others at any hour. */
function withHours(): TerminalContext {
  const base = contextFor('kiosk-1');
  return {
    ...base,
    services: base.services.map((s) => (s.id === 'ho-tich' ? { ...s, walkIn: { hours: [{ from: '07:30', to: '11:30' }, { from: '13:30', to: '17:00' }], dailyCap: 200 } } : s)),
  };
}

describe('kiosk: service hours and a full day', () => {
  test('a service outside its hours is greyed with its hours on the tile, and opens at the hour', async () => {
    // 12:10 in Vietnam: the lunch break.
    const kiosk = await screens.open({ context: withHours(), delayMs: 50, printed: { ok: true }, clockAt: '2026-12-03T12:10:00+07:00' }, KIOSK_PORTRAIT, true);
    const { page } = kiosk;
    const hoTich = page.locator('.k-tile', { hasText: 'Hộ tịch' });
    await hoTich.waitFor();
    expect(await hoTich.isEnabled()).toBe(false);
    expect(await hoTich.getByTestId('tile-closed').innerText()).toBe('Ngoài giờ nhận hồ sơ · Giờ nhận: 07:30–11:30, 13:30–17:00');
    expect(await page.locator('.k-tile', { hasText: 'Đất đai' }).isEnabled()).toBe(true);
    await kiosk.screenshot('kiosk-service-closed');
    // 13:30: the afternoon window opens; the tile follows without a reload (it re-reads the hour).
    await page.clock.setFixedTime(new Date('2026-12-03T13:30:00+07:00'));
    await expect.poll(() => hoTich.isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await hoTich.getByTestId('tile-closed').count()).toBe(0);
  });

  test('"Đã hết số hôm nay": the hub refuses a full day, the citizen reads why, the tile stays closed for the day', async () => {
    const kiosk = await screens.open(
      {
        context: withHours(),
        delayMs: 50,
        printed: { ok: true },
        clockAt: '2026-12-03T09:00:00+07:00',
        failNext: { 'kiosk:take-ticket': { kind: 'exhausted', message: 'Đã hết số hôm nay cho dịch vụ Hộ tịch (tối đa 200 lượt một ngày).' } },
      },
      KIOSK_PORTRAIT,
      true,
    );
    const { page } = kiosk;
    await page.locator('.k-tile', { hasText: 'Hộ tịch' }).tap();
    const failed = page.getByTestId('kiosk-failed');
    await failed.waitFor();
    expect(await failed.innerText()).toContain('Đã hết số hôm nay cho dịch vụ Hộ tịch (tối đa 200 lượt một ngày).');
    await kiosk.screenshot('kiosk-day-full');
    await page.getByRole('button', { name: 'Quay lại' }).tap();
    const hoTich = page.locator('.k-tile', { hasText: 'Hộ tịch' });
    await hoTich.waitFor();
    expect(await hoTich.isEnabled()).toBe(false);
    expect(await hoTich.getByTestId('tile-closed').innerText()).toBe('Đã hết số hôm nay');
    await kiosk.screenshot('kiosk-day-full-home');
    // A new day in the queue: the tile is open again.
    await kiosk.push((c) => ({ ...c, snapshot: { ...c.snapshot!, day: '2026-12-04' } }));
    await expect.poll(() => hoTich.isEnabled()).toBe(true);
  });
});
