import { describe, expect, it } from 'vitest';
import { commandId } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

describe('estimated wait on the ticket', () => {
  let now = new Date('2026-11-23T01:00:00Z'); // 08:00 in Hà Nội
  const at = (minutes: number) => (now = new Date(Date.parse('2026-11-23T01:00:00Z') + minutes * 60_000));
  const f = useHubFixture({ clock: () => now });

  it('comes from the service recent service times and the counters open for it', async () => {
    const kiosk = (await f.open('kiosk-1')).socket;
    const q2 = (await f.open('counter-2')).socket; // Quầy 2 is the only counter for Xây dựng
    const issue = async () => {
      const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'xay-dung' });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    expect(await issue()).toMatchObject({ waitingAhead: 0, estimatedWaitMinutes: null }); // no service yet: no figure
    // Two services of 6 and 10 minutes.
    for (const [start, end] of [[1, 7], [8, 18]] as const) {
      if (start === 8) await issue();
      at(start);
      const called = await q2.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-2' });
      if (!called.ok) throw new Error(called.error.message);
      await q2.emitWithAck('ticket:start', { commandId: commandId(), ticketId: called.value.ticket.id });
      at(end);
      await q2.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: called.value.ticket.id });
    }
    expect(await issue()).toMatchObject({ waitingAhead: 0, estimatedWaitMinutes: 0 }); // 4003 is next in line
    // 1 ahead × mean of 6 and 10 minutes / 1 open counter; then 2 ahead
    expect(await issue()).toMatchObject({ waitingAhead: 1, estimatedWaitMinutes: 8 });
    expect(await issue()).toMatchObject({ waitingAhead: 2, estimatedWaitMinutes: 16 });
  });
});
