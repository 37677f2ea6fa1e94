import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../bin/cli/centre-runtime';
import { BridgeClient } from '../support/bridge-client';
import { fontsReady, openPage } from '../support/browser';
import { DEMO_CLERKS, demoConfig } from '../support/centre';
import { CounterPage } from './pages/counter-page';
import { DisplayPage } from './pages/display-page';
import { KioskPage } from './pages/kiosk-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/** A clerk's harder moments: a citizen who does not come, one at the wrong counter, a break. */
describe('counter operations in the browser: recall, absent, transfer, pause', () => {
  const e = useE2eCentre('motcua-e2e-ops-');
  let counter2: RunningAgent;
  let kiosk: BridgeClient;
  beforeAll(async () => {
    const d2 = demoConfig().devices.find((d) => d.id === 'counter-2')!;
    counter2 = await startAgent({ hubUrl: e.centre.hub.url, deviceId: d2.id, token: d2.token!, role: 'counter', dataDir: path.join(e.dir, 'c2') });
    kiosk = await BridgeClient.connect(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitForContext((c) => c.hubConnected && c.snapshot !== null);
  });
  afterAll(async () => {
    kiosk?.close();
    await counter2?.bridge.close();
    await counter2?.agent.close();
  });

  it('recalls before marking absent, transfers keeping the number, and pauses the counter', async () => {
    for (let i = 0; i < 2; i++) expect((await kiosk.invoke('kiosk:take-ticket', { serviceId: 'ho-tich' })).ok).toBe(true);
    const tab = await openPage(e.browser, { width: 1366, height: 768 });
    const tab2 = await openPage(e.browser, { width: 1366, height: 768 });
    const displayTab = await openPage(e.browser, { width: 1920, height: 1080 });
    const counter = new CounterPage(tab.page);
    const other = new CounterPage(tab2.page);
    const display = new DisplayPage(displayTab.page);
    await display.open(e.centre.agents.display.launchUrl());
    await counter.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    await other.open(counter2.launchUrl(), DEMO_CLERKS['quay-2']);

    // 1001 does not come: two recalls, then absent.
    expect(await counter.callNext()).toBe(1001);
    expect(await counter.isAbsentAllowed()).toBe(false);
    expect(await counter.recall()).toBe(1);
    expect(await counter.recall()).toBe(2);
    expect(await counter.isAbsentAllowed()).toBe(true);
    await fontsReady(tab.page);
    await tab.page.screenshot({ path: path.join(ARTEFACTS, 'ops-1-counter-recalled.png'), animations: 'disabled' });
    await counter.markAbsent();

    // 1002 needs Đất đai: transferred there, keeping the number; Quầy 2 calls it.
    expect(await counter.callNext()).toBe(1002);
    await counter.startServing();
    await counter.openTransfer();
    await tab.page.screenshot({ path: path.join(ARTEFACTS, 'ops-2-counter-transfer.png'), animations: 'disabled' });
    await counter.transferTo('Đất đai');
    expect(await other.callNext()).toBe(1002);
    await display.waitForNumberAt('quay-2', 1002);

    // A break: calls are refused until the counter opens again; the waiting room sees it.
    await counter.pause('Họp');
    expect(await tab.page.getByRole('button', { name: 'Gọi số tiếp theo' }).isDisabled()).toBe(true);
    await tab.page.screenshot({ path: path.join(ARTEFACTS, 'ops-3-counter-paused.png'), animations: 'disabled' });
    const snapshot = e.centre.agents.display.agent.context().snapshot;
    expect(snapshot?.counterStates['quay-1']).toMatchObject({ paused: true, pausedReason: 'Họp' });
    await counter.resume();
    for (const p of [tab, tab2, displayTab]) expect(p.problems).toEqual([]);
  });

  it('a citizen who declares priority at the kiosk is called after two normal calls, not after everyone', async () => {
    for (let i = 0; i < 3; i++) expect((await kiosk.invoke('kiosk:take-ticket', { serviceId: 'chung-thuc' })).ok).toBe(true); // 5001–5003
    const kioskTab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const kioskPage = new KioskPage(kioskTab.page);
    await kioskPage.open(e.centre.agents.kiosk.launchUrl());
    await kioskPage.waitUntilConnected();
    await kioskTab.page.getByRole('radio', { name: 'Người cao tuổi' }).tap();
    await fontsReady(kioskTab.page);
    await kioskTab.page.screenshot({ path: path.join(ARTEFACTS, 'ops-4-kiosk-priority.png'), animations: 'disabled' });
    expect((await kioskPage.takeTicket('Chứng thực')).number).toBe(5004);

    const tab = await openPage(e.browser, { width: 1366, height: 768 });
    const counter = new CounterPage(tab.page);
    await counter.open(e.centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    const order: number[] = [];
    for (let i = 0; i < 4; i++) {
      order.push(await counter.callNext());
      await counter.startServing();
      await counter.finish();
    }
    // Quầy 1 has one normal call of its own today (1001; 1002 was transferred on to Quầy 2), so with a
    // ratio of 2: one more normal call, then the elderly citizen, then the rest in order.
    expect(order).toEqual([5001, 5004, 5002, 5003]);
    for (const p of [kioskTab, tab]) expect(p.problems).toEqual([]);
  });
});
