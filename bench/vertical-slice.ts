import path from 'node:path';
import { startCentre } from '../bin/cli/centre-runtime';
import { BridgeClient } from '../tests/support/bridge-client';
import { DEMO_CLERKS, demoConfig, tempDir } from '../tests/support/centre';
import { socketBaseline } from './socket-baseline';
import { ms, summarize } from './stats';

/**
 * End-to-end figures of the vertical slice, measured in one run on this machine, printed as JSON:
 * - tapToPrinterMs: a kiosk's take-ticket call on its bridge (the call the screen makes on a tap)
 *   → hub (SQLite commit) → printer driver → the virtual printer has read the ticket's last byte
 *   and closed its side, which is what the kiosk waits for before saying the ticket printed;
 * - callToDisplayMs: a counter's call-next on its bridge → the display terminal has pushed the
 *   new call to its screen;
 * - socketRoundTripMs: a bare Socket.IO ack round trip, the baseline.
 */
export async function runSliceBench() {
  const rounds = Number(process.env['BENCH_ROUNDS'] ?? 200);
  const tmp = tempDir('motcua-bench-');
  const centre = await startCentre({ config: demoConfig(), dataDir: path.join(tmp.dir, 'centre'), preferConfiguredPorts: false });
  const kiosk = await BridgeClient.connect(centre.agents.kiosk.launchUrl());
  const counter = await BridgeClient.connect(centre.agents.counter.launchUrl());
  const display = await BridgeClient.connect(centre.agents.display.launchUrl());
  try {
    for (const c of [kiosk, counter, display]) await c.waitForContext((x) => x.hubConnected && x.snapshot !== null);
    const { clerkId, pin } = DEMO_CLERKS['quay-1'];
    const signedIn = await counter.invoke('counter:sign-in', { clerkId, pin });
    if (!signedIn.ok) throw new Error(signedIn.error.message);

    const tap: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const printed = centre.printer.waitForJob(undefined, 10_000);
      const t = process.hrtime.bigint();
      const r = await kiosk.invoke('kiosk:take-ticket', { serviceId: 'ho-tich' });
      // printed.ok means the printer read the last byte and closed its side: the driver's proof of delivery.
      if (!r.ok || !r.value.printed.ok) throw new Error(`take-ticket failed: ${JSON.stringify(r)}`);
      tap.push(ms(t));
      await printed; // the virtual printer's decoding and PNG rendering are not part of the figure
    }

    const call: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = process.hrtime.bigint();
      const called = await counter.invoke('counter:call-next', {});
      if (!called.ok) throw new Error(`call-next failed: ${JSON.stringify(called)}`);
      const id = called.value.ticket.id;
      await display.waitForContext((c) => c.snapshot?.counters['quay-1']?.id === id);
      call.push(ms(t));
      // Finish the ticket so the next call is allowed (not timed).
      await counter.invoke('counter:start', { ticketId: id });
      await counter.invoke('counter:complete', { ticketId: id });
    }

    const baseline = await socketBaseline(rounds * 5);
    return {
      rounds,
      tapToPrinterMs: summarize(tap),
      callToDisplayMs: summarize(call),
      socketRoundTripMs: baseline,
    };
  } finally {
    for (const c of [kiosk, counter, display]) c.close();
    await centre.close();
    tmp.remove();
  }
}

