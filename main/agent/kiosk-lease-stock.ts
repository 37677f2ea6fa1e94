import { randomUUID } from 'node:crypto';
import { serviceDay } from '../../core/queue/numbering';
import { offlineNumberBlock } from '../../core/queue/rules';
import { CoalescedRun } from './coalesced-run';
import type { KioskDeskContext } from './kiosk-desk-context';

/**
 * Keeps, per service, a small lease of today's numbers while the hub is reachable, so the kiosk
 * can go on issuing when it is not: a lease below half a block is topped up by one block.
 */
export class KioskLeaseStock {
  /** One run at a time; a call during a run runs again after it. */
  private readonly leasing = new CoalescedRun(() => this.leaseWhatIsLow(), () => this.desk.closed());

  constructor(private readonly desk: KioskDeskContext) {}

  topUp(): Promise<void> {
    return this.leasing.run();
  }

  idle(): Promise<void> {
    return this.leasing.idle();
  }

  private async leaseWhatIsLow(): Promise<void> {
    const { hub, store } = this.desk;
    const s = hub.current();
    const block = s.hello ? offlineNumberBlock(s.hello.rules) : 0;
    if (this.desk.closed() || !s.connected || !s.hello || block === 0) return;
    // The kiosk's clock and the hub's disagree on the day (a wrong clock, or the minutes around
    // midnight): a lease now could only be of a day the kiosk will not issue on.
    if (s.snapshot && s.snapshot.day !== serviceDay(this.desk.now(), s.hello.centre.timeZone)) return;
    for (const service of s.hello.services) {
      if (this.desk.closed()) return;
      const day = serviceDay(this.desk.now(), s.hello.centre.timeZone);
      if (store.numbersLeft(service.id, day) * 2 >= block) continue;
      const leased = await hub.command('ticket:lease-numbers', { commandId: randomUUID(), serviceId: service.id, count: block }, { patienceMs: 0 });
      if (this.desk.closed()) return;
      if (leased.ok) {
        store.addLease(leased.value.lease, this.desk.now().toISOString());
        this.desk.onChange();
        // The hub's day is not the kiosk's (clocks apart around midnight): the lease is kept, used
        // only on its own day, and no more is asked this round, so the two never chase each other.
        if (leased.value.lease.day !== day) return;
      } else if (leased.error.kind === 'hub-unreachable') {
        return;
      }
    }
  }
}
