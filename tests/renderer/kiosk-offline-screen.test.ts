import { describe, expect, test } from 'vitest';
import type { TerminalContext } from '../../core/protocol/bridge';
import { contextFor } from './support/contexts';
import { KIOSK_PORTRAIT } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

const screens = useScreenHarness();

/** The hub is unreachable; the kiosk holds leased numbers of every service but Chứng thực. */
function awayWithLeases(): TerminalContext {
  const base = contextFor('kiosk-1', { hubConnected: false, hubProblem: 'không kết nối được 192.168.1.10:8080 (hết thời gian chờ)' });
  const numbersLeft = Object.fromEntries(base.services.map((s) => [s.id, s.id === 'chung-thuc' ? 0 : 7]));
  return { ...base, kiosk: { pending: 2, numbersLeft, failed: [] } };
}

describe('kiosk while the hub is away', () => {
  test('keeps issuing from its leased numbers: the citizen gets a number as usual, staff see a small offline mark', async () => {
    const kiosk = await screens.open({ context: awayWithLeases(), delayMs: 150, printed: { ok: true } }, KIOSK_PORTRAIT, true);
    const { page } = kiosk;
    await page.locator('.k-tile').first().waitFor();
    // No alarm for the citizen: no banner; a small pill in the header tells staff.
    expect(await page.getByTestId('kiosk-offline').count()).toBe(0);
    expect(await page.getByTestId('kiosk-offline-indicator').innerText()).toBe('Ngoại tuyến · 2 vé chờ gửi');
    expect(await page.locator('.k-tile', { hasText: 'Hộ tịch' }).isEnabled()).toBe(true);
    // A service whose leased numbers ran out cannot issue until the hub is back.
    expect(await page.locator('.k-tile', { hasText: 'Chứng thực' }).isEnabled()).toBe(false);
    // Bookings and dossier lookups need the hub.
    expect(await page.getByTestId('kiosk-appointment').isEnabled()).toBe(false);
    // No red bar and no stale queue counts in front of the citizen.
    expect(await page.getByTestId('status-line').count()).toBe(0);
    expect(await page.locator('.k-tile-waiting').count()).toBe(0);
    await kiosk.screenshot('kiosk-offline-home');

    await page.locator('.k-tile', { hasText: 'Hộ tịch' }).tap();
    const result = page.getByTestId('kiosk-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(await page.getByTestId('ticket-number').innerText()).toMatch(/^\d{4}$/);
    expect(text).toContain('Vui lòng nhận vé ở khe máy in');
    // The kiosk does not know the queue offline: it says nothing rather than a wrong figure.
    expect(text).not.toContain('Số người chờ trước bạn');
    expect(await page.getByTestId('ticket-offline-mark').innerText()).toBe('Cấp ngoại tuyến');
    expect(await page.getByTestId('kiosk-offline-indicator').innerText()).toBe('Ngoại tuyến · 3 vé chờ gửi');
    await kiosk.screenshot('kiosk-offline-result');
    expect(await kiosk.commands()).toEqual([{ name: 'kiosk:take-ticket', input: { serviceId: 'ho-tich', priority: 'normal', commandId: expect.stringMatching(/^[0-9a-f-]{36}$/) } }]);

    // The hub comes back and the outbox is delivered: the marks go.
    await kiosk.push((c) => ({ ...c, hubConnected: true, hubProblem: null, kiosk: { ...c.kiosk!, pending: 0 } }));
    await expect.poll(() => page.getByTestId('kiosk-offline-indicator').count()).toBe(0);
    // A ticket the hub would not take stays visible to staff, with the reason on hover.
    await kiosk.push((c) => ({ ...c, kiosk: { ...c.kiosk!, failed: [{ serviceId: 'ho-tich', day: '2025-05-11', number: 1012, message: 'Vé số 1012 ... không còn hiệu lực.' }] } }));
    expect(await page.getByTestId('kiosk-offline-failed').innerText()).toBe('1 vé ngoại tuyến không chuyển được');
  });

  test('with no leased number left the kiosk says plainly it cannot issue now', async () => {
    const none = awayWithLeases();
    const kiosk = await screens.open({ context: { ...none, kiosk: { ...none.kiosk!, numbersLeft: {} } }, delayMs: 50, printed: { ok: true } }, KIOSK_PORTRAIT, true);
    const { page } = kiosk;
    await page.getByTestId('kiosk-offline').waitFor();
    expect(await page.getByTestId('kiosk-offline').innerText()).toBe('Mất kết nối máy chủ — vui lòng chờ hoặc liên hệ cán bộ');
    for (const disabled of await page.locator('.k-tile').evaluateAll((els) => els.map((e) => (e as HTMLButtonElement).disabled))) expect(disabled).toBe(true);
  });
});
