import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../bin/cli/centre-runtime';
import { BridgeClient } from '../support/bridge-client';
import { tokenOf } from '../support/centre';
import { useE2eCentre } from './support/e2e-centre';

/** The e2e centre's fault hooks: a suite asks for a printer fault or a cut-off device instead of hand-rolling one. */
describe('e2e centre fault hooks', () => {
  const e = useE2eCentre('motcua-e2e-faults-');
  const closers: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('puts the printer out of paper, and cuts one counter off while the others stay connected', async () => {
    const kiosk = await BridgeClient.connect(e.centre.agents.kiosk.launchUrl());
    closers.push(() => kiosk.close());
    await kiosk.waitForContext((c) => c.hubConnected && c.printer !== null);
    await e.printerFault('paper-out');
    expect(await kiosk.invoke('kiosk:take-ticket', { serviceId: 'ho-tich' })).toMatchObject({ ok: true, value: { printed: { ok: false, error: { kind: 'paper-out' } } } });
    await e.printerFault('ok');

    const proxy = await e.partitionProxy();
    const extra: RunningAgent = await startAgent({ hubUrl: proxy.url, deviceId: 'counter-2', token: tokenOf(e.centre.config, 'counter-2'), role: 'counter', dataDir: path.join(e.dir, 'counter-2') });
    closers.push(async () => {
      await extra.bridge.close();
      await extra.agent.close();
    });
    const cutOff = await BridgeClient.connect(extra.launchUrl());
    const other = await BridgeClient.connect(e.centre.agents.counter.launchUrl());
    closers.push(() => cutOff.close(), () => other.close());
    await cutOff.waitForContext((c) => c.hubConnected);
    proxy.cut();
    await cutOff.waitForContext((c) => !c.hubConnected);
    expect(other.latest?.hubConnected).toBe(true);
    proxy.heal();
    await cutOff.waitForContext((c) => c.hubConnected && c.snapshot !== null, 20_000);
  }, 60_000);
});
