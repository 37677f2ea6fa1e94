import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub';
import { BridgeClient } from '../support/bridge-client';
import { fontsReady, openPage } from '../support/browser';
import { DEMO_CLERKS, demoConfig } from '../support/centre';
import { DisplayPage } from './pages/display-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/** The waiting room keeps working through a hub restart: no one presses F5 on a TV. */
describe('display through a hub restart', () => {
  const e = useE2eCentre('motcua-e2e-restart-');
  let restarted: Hub | null = null;
  const clients: BridgeClient[] = [];
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await restarted?.close();
  });

  it('shows a pause, loses the hub, and shows the next call after the restart without a reload', async () => {
    const kiosk = await BridgeClient.connect(e.centre.agents.kiosk.launchUrl());
    const counter = await BridgeClient.connect(e.centre.agents.counter.launchUrl());
    clients.push(kiosk, counter);
    await counter.waitForContext((c) => c.hubConnected && c.snapshot !== null);
    const { clerkId, pin } = DEMO_CLERKS['quay-1'];
    expect((await counter.invoke('counter:sign-in', { clerkId, pin })).ok).toBe(true);
    for (let i = 0; i < 2; i++) expect((await kiosk.invoke('kiosk:take-ticket', { serviceId: 'ho-tich' })).ok).toBe(true);

    const tab = await openPage(e.browser, { width: 1920, height: 1080 });
    const display = new DisplayPage(tab.page);
    await display.open(e.centre.agents.display.launchUrl());
    await tab.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    expect((await counter.invoke('counter:pause', { reason: 'Nghỉ giải lao' })).ok).toBe(true);
    await tab.page.locator('[data-counter-id="quay-1"]').filter({ hasText: 'Tạm dừng' }).filter({ hasText: 'Nghỉ giải lao' }).waitFor();
    await fontsReady(tab.page);
    await tab.page.screenshot({ path: path.join(ARTEFACTS, 'restart-1-display-paused.png'), animations: 'disabled' });
    expect((await counter.invoke('counter:resume', {})).ok).toBe(true);
    const first = await counter.invoke('counter:call-next', {});
    expect(first).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });
    await display.waitForNumberAt('quay-1', 1001);

    // The hub goes down (power cut, update) and comes back on the same port and database.
    const port = Number(new URL(e.centre.hub.url).port);
    await e.centre.hub.close();
    await counter.waitForContext((c) => !c.hubConnected);
    await tab.page.getByText('Mất kết nối máy chủ', { exact: false }).first().waitFor();
    restarted = new Hub({ config: demoConfig(), dbFile: path.join(e.dir, 'hub.sqlite'), host: '127.0.0.1', port, tls: false });
    await restarted.start();
    await counter.waitForContext((c) => c.hubConnected && c.snapshot !== null, 20_000);

    if (!first.ok) throw new Error();
    expect((await counter.invoke('counter:start', { ticketId: first.value.ticket.id })).ok).toBe(true);
    expect((await counter.invoke('counter:complete', { ticketId: first.value.ticket.id })).ok).toBe(true);
    expect(await counter.invoke('counter:call-next', {})).toMatchObject({ ok: true, value: { ticket: { number: 1002 } } });
    await display.waitForNumberAt('quay-1', 1002);
    expect(await display.newestCall()).toMatch(/1002[\s\S]*Quầy 1/);
    expect(await tab.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await tab.page.screenshot({ path: path.join(ARTEFACTS, 'restart-2-display-after.png'), animations: 'disabled' });
    expect(tab.problems).toEqual([]);
  });
});
