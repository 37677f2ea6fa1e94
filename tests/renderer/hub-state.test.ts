import { describe, expect, test } from 'vitest';
import type { BridgeName, TerminalContext } from '../../core/protocol/bridge';
import { busyFloor, contextFor } from './support/contexts';
import type { FakeBridgeSetup, FakeControl } from './support/fake-bridge';
import { COUNTER_DESKTOP, TV, type RendererPage } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

/** The hub's state on the screens: the link down said plainly, an unanswered action said as "sent again". */
const screens = useScreenHarness();

function setup(context: TerminalContext, over: Partial<FakeBridgeSetup> = {}): FakeBridgeSetup {
  return { context, delayMs: 50, printed: { ok: true }, ...over };
}

function control(screen: RendererPage, run: 'hold' | 'release', name: BridgeName): Promise<void> {
  return screen.page.evaluate(({ run, name }) => (window as unknown as { __fake: FakeControl }).__fake[run](name), { run, name });
}

const HUB_DOWN = { hubConnected: false, hubProblem: 'Mất kết nối máy chủ (transport close)' } as const;

describe('hub state', () => {
  test('display: the hub away is said across the room, the last calls stay, and it clears when the hub is back', async () => {
    const display = await screens.open(setup(contextFor('display-1', { snapshot: busyFloor() })), TV);
    const { page } = display;
    await page.getByTestId('display-now').waitFor();
    expect(await page.getByTestId('hub-banner').count()).toBe(0);

    await display.push((c) => ({ ...c, ...HUB_DOWN }));
    const banner = page.getByTestId('hub-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Mất kết nối máy chủ — số mới sẽ hiện khi kết nối lại');
    expect(await banner.innerText()).toContain('Các số đã gọi vẫn giữ trên màn hình');
    // The last calls are still there, whole, for the people waiting.
    expect(await page.getByTestId('display-now').innerText()).toMatch(/2005/);
    expect(await page.getByTestId('display-recent').locator('li').count()).toBe(6);
    // Nothing is pushed off the TV: the waiting counts still show at the bottom.
    expect(await page.getByTestId('display-waiting').isVisible()).toBe(true);
    const box = await page.getByTestId('display-waiting').boundingBox();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(TV.height);
    await display.screenshot('display-hub-away');

    // Back: a new hello brings the snapshot again and the banner goes by itself.
    await display.push((c) => ({ ...c, hubConnected: true, hubProblem: null, snapshot: { ...busyFloor(), seq: 40 } }));
    await banner.waitFor({ state: 'detached' });
  });

  test('counter: the hub away is a banner over a locked desk; a press the hub has not answered shows "Đang gửi lại…" and keeps its id for a retry', async () => {
    const counter = await screens.open(setup(contextFor('counter-1')), COUNTER_DESKTOP);
    const { page } = counter;
    const call = page.getByRole('button', { name: 'Gọi số tiếp theo' });
    await call.waitFor();

    await counter.push((c) => ({ ...c, ...HUB_DOWN }));
    const banner = page.getByTestId('hub-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Mất kết nối máy chủ — chưa gọi số được');
    expect(await banner.innerText()).toContain('Vẫn tiếp nhận hồ sơ được');
    expect(await call.isDisabled()).toBe(true);
    await counter.screenshot('counter-hub-away');
    await counter.push((c) => ({ ...c, hubConnected: true, hubProblem: null }));
    await banner.waitFor({ state: 'detached' });

    // The press goes out; the agent gets no answer and sends it again: the clerk sees that, not a failure.
    await control(counter, 'hold', 'counter:call-next');
    await call.click();
    await counter.push((c) => ({ ...c, sending: { resending: true, count: 1 } }));
    await page.getByTestId('sending-notice').waitFor();
    expect(await page.getByTestId('sending-notice').innerText()).toBe('Đang gửi lại…');
    expect(await page.getByRole('button', { name: 'Đang gửi lại…' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('counter-current').locator('.c-message-error').count()).toBe(0);
    await counter.screenshot('counter-resending');
    await counter.push((c) => ({ ...c, sending: null }));
    await control(counter, 'release', 'counter:call-next');
    await page.getByRole('button', { name: 'Bắt đầu phục vụ' }).waitFor();
    await page.getByTestId('sending-notice').waitFor({ state: 'detached' });

    const ids = async (): Promise<string[]> => (await counter.commands()).map((c) => (c.input as { commandId?: string }).commandId ?? '');
    const [first] = await ids();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // Start: the agent's patience runs out (may not be recorded); the clerk presses again → the same id, so never twice.
    await page.evaluate(() => (window as unknown as { __fake: FakeControl }).__fake.failNext('counter:start', { kind: 'hub-unreachable', message: 'Máy chủ không trả lời kịp; thao tác có thể chưa được ghi nhận.' }));
    const start = page.getByRole('button', { name: 'Bắt đầu phục vụ' });
    await start.click();
    await page.locator('.c-message-error').waitFor();
    await start.click();
    await page.getByRole('button', { name: 'Hoàn thành' }).waitFor();
    const [, startTry, startRetry] = await ids();
    expect(startRetry).toBe(startTry);
    expect(startTry).not.toBe(first);
    // The next action, answered or not, is a new id.
    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    await expect.poll(async () => (await ids()).length).toBe(4);
    expect(new Set(await ids()).size).toBe(3);
  });

  test('every screen: an action waiting for the link says so in the status area', async () => {
    const kiosk = await screens.open(setup(contextFor('kiosk-1', { sending: { resending: false, count: 2 } })), TV);
    const notice = kiosk.page.getByTestId('sending-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toBe('Đang chờ kết nối để gửi lại 2 thao tác…');
    await kiosk.screenshot('kiosk-waiting-to-resend');
  });
});
