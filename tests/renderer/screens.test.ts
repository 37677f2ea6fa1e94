import { describe, expect, test } from 'vitest';
import type { TerminalContext } from '../../core/protocol/bridge';
import { busyFloor, contextFor, ticket } from './support/contexts';
import type { FakeBridgeSetup } from './support/fake-bridge';
import type { RendererPage} from './support/screens';
import { COUNTER_DESKTOP, KIOSK_LANDSCAPE, KIOSK_PORTRAIT, TV } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

const screens = useScreenHarness();

function setup(context: TerminalContext, over: Partial<FakeBridgeSetup> = {}): FakeBridgeSetup {
  return { context, delayMs: 150, printed: { ok: true }, ...over };
}

async function open(s: FakeBridgeSetup, viewport: { width: number; height: number }, touch = false): Promise<RendererPage> {
  const page = await screens.open(s, viewport, touch);
  return page;
}

describe('kiosk', () => {
  test('home lists every service with its queue, in Vietnamese, in both orientations', async () => {
    for (const [name, viewport] of [
      ['kiosk-home-landscape', KIOSK_LANDSCAPE],
      ['kiosk-home-portrait', KIOSK_PORTRAIT],
    ] as const) {
      const kiosk = await open(setup(contextFor('kiosk-1')), viewport, true);
      const { page } = kiosk;
      await expect.poll(() => page.getByRole('heading', { name: 'Chọn dịch vụ để lấy số thứ tự' }).isVisible()).toBe(true);
      await expect.poll(() => page.getByText('Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm').isVisible()).toBe(true);
      const tiles = page.locator('.k-tile');
      expect(await tiles.count()).toBe(5);
      expect(await tiles.filter({ hasText: 'Hộ tịch' }).innerText()).toContain('Đang chờ: 3');
      expect(await tiles.filter({ hasText: 'Đăng ký kinh doanh' }).innerText()).toContain('Đang chờ: 0');
      // Every tile is a generous touch target.
      for (const box of await tiles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))) {
        expect(box.height).toBeGreaterThanOrEqual(64);
        expect(box.width).toBeGreaterThanOrEqual(64);
      }
      // The four doors (booking, lookup, search, rating) are styled touch targets from the first
      // render, before any lazy screen behind them has loaded (they were small browser buttons).
      const doors = await page.locator('.k-home-actions button').evaluateAll((els) =>
        els.map((e) => ({ ...e.getBoundingClientRect().toJSON(), border: getComputedStyle(e).borderTopWidth, font: parseFloat(getComputedStyle(e).fontSize) })),
      );
      expect(doors).toHaveLength(4);
      for (const door of doors) {
        expect(door.height).toBeGreaterThanOrEqual(64);
        expect(door.border).toBe('3px');
        expect(door.font).toBeGreaterThanOrEqual(22);
      }
      // Five services: every tile, the doors and the priority choice on screen, nothing to scroll for.
      const main = await page.locator('.k-main').evaluate((m) => ({ scroll: m.scrollHeight, client: m.clientHeight }));
      expect(main.scroll).toBeLessThanOrEqual(main.client);
      expect(await page.title()).toBe('Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm');
      await kiosk.screenshot(name);
    }
  });

  test('a double tap issues one ticket; the number, the queue ahead and where to take the paper are shown', async () => {
    const kiosk = await open(setup(contextFor('kiosk-1'), { delayMs: 600 }), KIOSK_PORTRAIT, true);
    const { page } = kiosk;
    const tile = page.locator('.k-tile', { hasText: 'Đất đai' });
    const box = await tile.boundingBox();
    if (box === null) throw new Error('no Đất đai tile');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.touchscreen.tap(x, y);
    await page.touchscreen.tap(x, y);
    await expect.poll(() => page.getByText('Đang in vé…').isVisible()).toBe(true);
    await kiosk.screenshot('kiosk-printing');
    await page.touchscreen.tap(x, y);

    const result = page.getByTestId('kiosk-result');
    await result.waitFor();
    expect(await page.getByTestId('ticket-number').innerText()).toBe('2006');
    const text = await result.innerText();
    expect(text).toContain('Số thứ tự của bạn');
    expect(text).toContain('Đất đai');
    expect(text).toContain('Số người chờ trước bạn: 2');
    expect(text).toContain('Vui lòng nhận vé ở khe máy in');
    await kiosk.screenshot('kiosk-result-printed');

    expect(await kiosk.commands()).toEqual([{ name: 'kiosk:take-ticket', input: { serviceId: 'dat-dai', priority: 'normal', commandId: expect.stringMatching(/^[0-9a-f-]{36}$/) } }]);

    // "Xong" goes home, and the queue on the tile now counts the new ticket.
    await page.getByRole('button', { name: 'Xong' }).click();
    await expect.poll(() => page.locator('.k-tile', { hasText: 'Đất đai' }).innerText()).toContain('Đang chờ: 3');
    expect(await kiosk.commands()).toHaveLength(1);
  });

  test('when the printer fails the number stays on screen with a kind message, then the kiosk returns home by itself', async () => {
    const kiosk = await open(
      setup(contextFor('kiosk-1'), { printed: { ok: false, error: { kind: 'paper-out', message: 'Máy in báo hết giấy.' } } }),
      KIOSK_LANDSCAPE,
      true,
    );
    const { page } = kiosk;
    await page.clock.install();
    await page.locator('.k-tile', { hasText: 'Hộ tịch' }).tap();
    await page.getByTestId('kiosk-result').waitFor();
    const text = await page.getByTestId('kiosk-result').innerText();
    expect(text).toContain('Máy in đang gặp sự cố — vui lòng ghi nhớ số của bạn');
    expect(text).toContain('Máy in đã hết giấy.');
    expect(text).not.toContain('Vui lòng nhận vé ở khe máy in');
    expect(await page.getByTestId('ticket-number').innerText()).toBe('1007');
    await kiosk.screenshot('kiosk-result-print-failed');

    await page.clock.runFor(21_000);
    await expect.poll(() => page.getByRole('heading', { name: 'Chọn dịch vụ để lấy số thứ tự' }).isVisible()).toBe(true);
  });

  test('a printed ticket goes back home after about ten seconds', async () => {
    const kiosk = await open(setup(contextFor('kiosk-1')), KIOSK_LANDSCAPE, true);
    const { page } = kiosk;
    await page.clock.install();
    await page.locator('.k-tile', { hasText: 'Chứng thực' }).tap();
    await page.getByTestId('kiosk-result').waitFor();
    await page.clock.runFor(8_000);
    expect(await page.getByTestId('kiosk-result').isVisible()).toBe(true);
    await page.clock.runFor(3_000);
    await expect.poll(() => page.getByTestId('kiosk-result').count()).toBe(0);
  });

  test('without the hub the tiles are disabled and a banner says what to do', async () => {
    const offline = contextFor('kiosk-1', { hubConnected: false, hubProblem: 'không kết nối được 192.168.1.10:8080 (hết thời gian chờ)' });
    const kiosk = await open(setup(offline), KIOSK_LANDSCAPE, true);
    const { page } = kiosk;
    await page.getByTestId('kiosk-offline').waitFor();
    expect(await page.getByTestId('kiosk-offline').innerText()).toBe('Mất kết nối máy chủ — vui lòng chờ hoặc liên hệ cán bộ');
    expect(await page.getByTestId('status-line').innerText()).toContain('Mất kết nối máy chủ: không kết nối được 192.168.1.10:8080');
    for (const disabled of await page.locator('.k-tile').evaluateAll((els) => els.map((e) => (e as HTMLButtonElement).disabled))) {
      expect(disabled).toBe(true);
    }
    await page.locator('.k-tile', { hasText: 'Hộ tịch' }).tap({ force: true });
    await kiosk.screenshot('kiosk-hub-disconnected');
    expect(await kiosk.commands()).toEqual([]);

    // The hub comes back: the same page enables the tiles.
    await kiosk.push((c) => ({ ...c, hubConnected: true, hubProblem: null }));
    await expect.poll(() => page.getByTestId('kiosk-offline').count()).toBe(0);
    expect(await page.locator('.k-tile').first().isEnabled()).toBe(true);
  });

  test('a refused ticket is explained in words and the citizen can go back', async () => {
    const kiosk = await open(
      setup(contextFor('kiosk-1'), { failNext: { 'kiosk:take-ticket': { kind: 'exhausted', message: 'Dịch vụ Xây dựng đã phát hết số 4001–4999 hôm nay' } } }),
      KIOSK_PORTRAIT,
      true,
    );
    const { page } = kiosk;
    await page.locator('.k-tile', { hasText: 'Xây dựng' }).tap();
    await page.getByTestId('kiosk-failed').waitFor();
    const text = await page.getByTestId('kiosk-failed').innerText();
    expect(text).toContain('Chưa lấy được số thứ tự');
    expect(text).toContain('Đã hết số thứ tự của dịch vụ này trong ngày.');
    await kiosk.screenshot('kiosk-take-failed');
    await page.getByRole('button', { name: 'Quay lại' }).tap();
    await page.getByRole('heading', { name: 'Chọn dịch vụ để lấy số thứ tự' }).waitFor();
  });

  test('the public cannot select text or open a context menu', async () => {
    const kiosk = await open(setup(contextFor('kiosk-1')), KIOSK_LANDSCAPE, true);
    const { page } = kiosk;
    await page.locator('.k-tile').first().waitFor();
    const menuAllowed = await page.evaluate(() => document.body.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })));
    expect(menuAllowed).toBe(false);
    expect(await page.locator('.k-prompt').evaluate((e) => getComputedStyle(e).userSelect)).toBe('none');
  });
});

describe('counter', () => {
  test('idle: counter, its services, the waiting per service and one big call button', async () => {
    const counter = await open(setup(contextFor('counter-1')), COUNTER_DESKTOP);
    const { page } = counter;
    await page.getByRole('button', { name: 'Gọi số tiếp theo' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Quầy 1 — Hộ tịch, Chứng thực');
    expect(await page.locator('.c-title').innerText()).toContain('Lĩnh vực phục vụ: Hộ tịch · Chứng thực');
    const waiting = page.getByTestId('counter-waiting');
    expect(await waiting.locator('[data-service-id="ho-tich"]').innerText()).toMatch(/Hộ tịch\s+3/);
    expect(await waiting.locator('[data-service-id="chung-thuc"]').innerText()).toMatch(/Chứng thực\s+1/);
    expect(await waiting.innerText()).toContain('Tổng: 4 người đang chờ');
    expect(await page.getByTestId('counter-current').innerText()).toContain('Chưa có số nào tại quầy');
    await counter.screenshot('counter-idle');
  });

  test('call → start → complete, then call → recall ×2 → no-show: the right commands, buttons locked while in flight', async () => {
    const counter = await open(setup(contextFor('counter-1'), { delayMs: 400 }), COUNTER_DESKTOP);
    const { page } = counter;
    const button = (name: string) => page.getByRole('button', { name });

    await button('Gọi số tiếp theo').click();
    await expect.poll(() => button('Đang xử lý…').isDisabled()).toBe(true);
    await button('Bắt đầu phục vụ').waitFor();
    expect(await page.getByTestId('counter-number').innerText()).toBe('1004');
    expect(await page.getByTestId('counter-state').innerText()).toBe('ĐÃ GỌI');
    // The demo centre asks for two recalls before a citizen may be marked absent.
    expect(await button('Vắng mặt').isDisabled()).toBe(true);
    expect(await page.getByTestId('counter-waiting').innerText()).toContain('Tổng: 3 người đang chờ');
    await counter.screenshot('counter-called');

    await button('Bắt đầu phục vụ').click();
    expect(await button('Vắng mặt').isDisabled()).toBe(true);
    await button('Hoàn thành').waitFor();
    expect(await page.getByTestId('counter-state').innerText()).toBe('ĐANG PHỤC VỤ');
    await counter.screenshot('counter-serving');

    await button('Hoàn thành').click();
    // The citizen's rating sheet covers the desk; here the citizen has gone and the clerk skips it.
    await page.getByTestId('counter-rating').waitFor();
    await button('Bỏ qua').click();
    await page.getByTestId('counter-rating').waitFor({ state: 'detached' });
    await button('Gọi số tiếp theo').waitFor();
    expect(await page.getByTestId('counter-current').innerText()).toContain('Số vừa xong: 1004 (đã hoàn thành)');

    await button('Gọi số tiếp theo').click();
    await button('Vắng mặt').waitFor();
    expect(await page.getByTestId('counter-number').innerText()).toBe('1005');
    await button('Gọi lại').click();
    await button('Gọi lại (1)').click();
    await button('Gọi lại (2)').waitFor();
    await expect.poll(() => button('Vắng mặt').isEnabled()).toBe(true);
    await button('Vắng mặt').click();
    await button('Gọi số tiếp theo').waitFor();

    const commands = await counter.commands();
    expect(commands.map((c) => c.name)).toEqual([
      'counter:call-next',
      'counter:start',
      'counter:complete',
      'counter:call-next',
      'counter:recall',
      'counter:recall',
      'counter:no-show',
    ]);
    const ids = await page.evaluate(() =>
      (window as unknown as { __fake: { context(): TerminalContext } }).__fake.context().snapshot?.recentCalls.map((t) => t.id),
    );
    // One id per press, minted by the screen (the agent reuses it for every re-send).
    const pressIds = commands.map((c) => (c.input as { commandId?: unknown }).commandId);
    expect(pressIds.every((id) => typeof id === 'string' && id.length >= 8)).toBe(true);
    expect(new Set(pressIds).size).toBe(commands.length);
    const withoutId = (input: unknown) => Object.fromEntries(Object.entries(input as object).filter(([k]) => k !== 'commandId'));
    expect(withoutId(commands[1]?.input)).toEqual({ ticketId: ids?.[1] });
    expect(withoutId(commands[2]?.input)).toEqual({ ticketId: ids?.[1] });
    expect(withoutId(commands[4]?.input)).toEqual({ ticketId: ids?.[0] });
  });

  test('nobody waiting is said plainly; a failed command is shown in words', async () => {
    const empty = contextFor('counter-2');
    const counter = await open(
      setup({ ...empty, snapshot: empty.snapshot && { ...empty.snapshot, waiting: { ...empty.snapshot.waiting, 'dat-dai': 0, 'xay-dung': 0 } } }),
      COUNTER_DESKTOP,
    );
    const { page } = counter;
    await page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await page.getByText('Không còn ai đang chờ').waitFor();
    await counter.screenshot('counter-nobody-waiting');

    // A citizen takes a number: the note goes, the next call works, a failing start is explained.
    await counter.push((c) => ({ ...c, snapshot: c.snapshot && { ...c.snapshot, waiting: { ...c.snapshot.waiting, 'xay-dung': 1 } } }));
    await expect.poll(() => page.getByText('Không còn ai đang chờ').count()).toBe(0);
    await page.evaluate(() =>
      (window as unknown as { __fake: { failNext(n: string, e: unknown): void } }).__fake.failNext('counter:start', {
        kind: 'hub-unreachable',
        message: 'Máy chủ không trả lời sau 5 giây',
      }),
    );
    await page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await page.getByRole('button', { name: 'Bắt đầu phục vụ' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toBe(
      'Thao tác không thành công: Không kết nối được máy chủ. Máy chủ không trả lời sau 5 giây.',
    );
    await counter.screenshot('counter-error');
  });
});

describe('display', () => {
  test('shows every counter, the newest call, the recent calls and the queues, and follows pushes without reloading', async () => {
    const display = await open(setup(contextFor('display-1', { snapshot: busyFloor() })), TV);
    const { page } = display;
    const now = page.getByTestId('display-now');
    await now.waitFor();
    expect(await now.innerText()).toMatch(/Mời số\s+2005\s+→\s+đến\s+Quầy 2/iu);
    expect(await page.locator('[data-counter-id="quay-1"]').innerText()).toMatch(/Quầy 1\s+1003\s+Hộ tịch/);
    expect(await page.locator('[data-counter-id="quay-2"]').getAttribute('class')).toContain('d-counter-newest');
    expect(await page.locator('[data-counter-id="quay-3"]').innerText()).toMatch(/Quầy 3\s+—\s+Sẵn sàng gọi số tiếp/);
    const recent = await page.getByTestId('display-recent').locator('li').allInnerTexts();
    expect(recent.map((r) => r.replace(/\s+/g, ' '))).toEqual([
      '2005 → Quầy 2',
      '1003 → Quầy 1',
      '3002 → Quầy 3',
      '1002 → Quầy 1',
      '2004 → Quầy 2',
      '1001 → Quầy 3',
    ]);
    expect(await page.getByTestId('display-waiting').innerText()).toMatch(/Xây dựng\s+5 người/);
    await expect.poll(() => page.locator('.clock-time').innerText()).toMatch(/^\d\d:\d\d:\d\d$/);
    await display.screenshot('display-calls');

    // A new call arrives as a push: same page (no reload), new number on top, highlighted.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const call = ticket(33, 'dang-ky-kinh-doanh', 3003, 'called', 'quay-3', '08:52');
    await display.push((c) => {
      const s = c.snapshot ?? busyFloor();
      return {
        ...c,
        snapshot: {
          ...s,
          seq: s.seq + 1,
          waiting: { ...s.waiting, 'ho-tich': 2 },
          counters: { ...s.counters, 'quay-3': call },
          recentCalls: [call, ...s.recentCalls],
        },
      };
    });
    await expect.poll(() => now.innerText()).toMatch(/Mời số\s+3003\s+→\s+đến\s+Quầy 3/iu);
    expect(await page.locator('[data-counter-id="quay-3"]').getAttribute('class')).toContain('d-counter-newest');
    expect(await page.locator('[data-counter-id="quay-2"]').getAttribute('class')).not.toContain('d-counter-newest');
    expect((await page.getByTestId('display-recent').locator('li').first().innerText()).replace(/\s+/g, ' ')).toBe('3003 → Quầy 3');
    expect(await page.getByTestId('display-waiting').innerText()).toMatch(/Hộ tịch\s+2 người/);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await display.screenshot('display-after-push');

    // The hub drops: a small status line, the last known calls stay up.
    await display.push((c) => ({ ...c, hubConnected: false, hubProblem: 'máy chủ không trả lời' }));
    await page.getByTestId('status-line').waitFor();
    expect(await now.innerText()).toMatch(/3003/);
  });

  test('a large centre: ten counters still fit the screen', async () => {
    const base = contextFor('display-1');
    const counters = Array.from({ length: 10 }, (_, i) => ({
      id: `quay-${i + 1}`,
      label: String(i + 1),
      name: `Quầy ${i + 1}`,
      serviceIds: [base.services[i % base.services.length]?.id ?? 'ho-tich'],
    }));
    const calls = counters.slice(0, 8).map((c, i) => ticket(100 + i, c.serviceIds[0] ?? 'ho-tich', 1010 + i, i % 3 === 0 ? 'serving' : 'called', c.id, `09:${String(10 + i)}`));
    const floor = busyFloor();
    const display = await open(
      setup({
        ...base,
        counters,
        snapshot: { ...floor, counters: Object.fromEntries(counters.map((c, i) => [c.id, calls[i] ?? null])), recentCalls: [...calls].reverse() },
      }),
      TV,
    );
    const { page } = display;
    await page.getByTestId('display-now').waitFor();
    expect(await page.locator('.d-counter').count()).toBe(10);
    // Nothing spills out of the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const box of await page.locator('.d-counter').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom))) {
      expect(box).toBeLessThanOrEqual(1080);
    }
    await display.screenshot('display-many-counters');
  });

  test('before the first call of the day the screen invites people to take a number', async () => {
    const display = await open(setup(contextFor('display-1')), TV);
    await display.page.getByText('Chưa có số nào được gọi').waitFor();
    expect(await display.page.getByText('Xin mời quý khách lấy số thứ tự tại máy kiosk').isVisible()).toBe(true);
    await display.screenshot('display-no-calls');
  });
});
