import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_DIR } from '../../bin/cli/centre-runtime';
import { BridgeServer } from '../../main/agent/bridge-server';
import { TerminalAgent } from '../../main/agent/terminal-agent';
import { fontsReady, launchChromium, openPage } from '../support/browser';
import { DEMO_CLERKS, commandId, demoConfig, tempDir, tokenOf, type DeviceSocket } from '../support/centre';
import { startHubProcess, startPartitionProxy, type HubProcess, type PartitionProxy } from '../support/faults';
import { CounterPage } from './pages/counter-page';
import { DisplayPage } from './pages/display-page';
import { ARTEFACTS } from './support/e2e-centre';

/**
 * The hub's state on real screens: the hub is its own process (killed with -9, restarted), the
 * counter reaches it through a partition proxy, and Chromium shows the display and the counter.
 */
const config = demoConfig();

describe('the hub away, on the display and the counter', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: HubProcess;
  let proxy: PartitionProxy;
  let browser: Browser;
  const closers: (() => Promise<void> | void)[] = [];

  async function terminal(deviceId: string, hubUrl: string): Promise<string> {
    const agent = new TerminalAgent({ hubUrl, deviceId, token: tokenOf(config, deviceId), dataDir: path.join(tmp.dir, deviceId), commandTimeoutMs: 1500 });
    await agent.start();
    const bridge = new BridgeServer({ agent, staticDir: RENDERER_DIR, port: 0 });
    closers.push(async () => {
      await bridge.close();
      await agent.close();
    });
    return (await bridge.start()).launchUrl;
  }

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    tmp = tempDir('motcua-e2e-hub-away-');
    hub = await startHubProcess({ dataDir: path.join(tmp.dir, 'hub') });
    proxy = await startPartitionProxy({ host: '127.0.0.1', port: hub.port });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await browser.close();
    await proxy.close();
    await hub.stop();
    tmp.remove();
  });

  it('says so plainly while the hub is killed or the counter cut off, keeps the last calls, clears on reconnect, and a lost answer calls one ticket', async () => {
    const kiosk = io(hub.url, { auth: { deviceId: 'kiosk-1', token: tokenOf(config, 'kiosk-1') }, transports: ['websocket'], forceNew: true }) as DeviceSocket;
    closers.push(() => void kiosk.close());
    await new Promise<void>((resolve) => kiosk.once('session:hello', () => resolve()));
    for (let i = 0; i < 3; i++) expect((await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich', priority: 'normal' })).ok).toBe(true);

    const displayTab = await openPage(browser, { width: 1920, height: 1080 });
    const counterTab = await openPage(browser, { width: 1366, height: 768 });
    const display = new DisplayPage(displayTab.page);
    const counter = new CounterPage(counterTab.page);
    await display.open(await terminal('display-1', hub.url));
    await counter.open(await terminal('counter-1', proxy.url), { name: DEMO_CLERKS['quay-1'].name, pin: DEMO_CLERKS['quay-1'].pin });
    expect(await counter.callNext()).toBe(1001);
    await display.waitForNumberAt('quay-1', 1001);
    const displayBanner = displayTab.page.getByTestId('hub-banner');
    const counterBanner = counterTab.page.getByTestId('hub-banner');

    // kill -9: both screens say the hub is away; the display keeps the last call up.
    await hub.kill9();
    await displayBanner.waitFor();
    expect(await displayBanner.innerText()).toContain('Mất kết nối máy chủ — số mới sẽ hiện khi kết nối lại');
    expect(await display.newestCall()).toMatch(/1001[\s\S]*Quầy 1/);
    await counterBanner.waitFor();
    await fontsReady(displayTab.page);
    await displayTab.page.screenshot({ path: path.join(ARTEFACTS, 'hub-away-display.png'), animations: 'disabled' });
    await counterTab.page.screenshot({ path: path.join(ARTEFACTS, 'hub-away-counter.png'), animations: 'disabled' });

    // Back on the same port: the banners go by themselves, no reload.
    await hub.restart();
    await displayBanner.waitFor({ state: 'detached', timeout: 20_000 });
    await counterBanner.waitFor({ state: 'detached', timeout: 20_000 });

    // Only the counter's cable is pulled: its screen says so, the display does not.
    proxy.cut();
    await counterBanner.waitFor();
    expect(await displayBanner.count()).toBe(0);
    proxy.heal();
    await counterBanner.waitFor({ state: 'detached', timeout: 20_000 });

    // The clerk presses "call next" and the hub's answer is lost: "Đang gửi lại…", then exactly one ticket called.
    await counter.startServing();
    await counter.finish();
    proxy.dropReplies(true);
    await counterTab.page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await display.waitForNumberAt('quay-1', 1002); // the hub acted
    await counterTab.page.getByTestId('sending-notice').filter({ hasText: 'Đang gửi lại…' }).waitFor();
    await counterTab.page.screenshot({ path: path.join(ARTEFACTS, 'hub-away-counter-resending.png'), animations: 'disabled' });
    proxy.dropReplies(false);
    await counterTab.page.getByRole('button', { name: 'Bắt đầu phục vụ' }).waitFor({ timeout: 20_000 });
    expect(await counter.currentNumber()).toBe(1002);
    await counterTab.page.getByTestId('sending-notice').waitFor({ state: 'detached' });
    // One ticket left waiting: the re-sent press did not call 1003.
    expect(await counterTab.page.getByTestId('counter-waiting').innerText()).toContain('Tổng: 1 người đang chờ');
    expect(await display.waitForNumberAt('quay-1', 1002)).not.toContain('1003');
    expect(displayTab.problems).toEqual([]);
    expect(counterTab.problems).toEqual([]);
  }, 120_000);
});
