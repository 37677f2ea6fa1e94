import { randomUUID } from 'node:crypto';
import { serviceDay } from '../../core/queue/numbering';
import type { AppError } from '../../core/result';
import { CoalescedRun } from './coalesced-run';
import type { KioskDeskContext } from './kiosk-desk-context';

/** Hub answers that mean an offline ticket will never be accepted as sent: kept as failed, shown to staff. */
const PERMANENT: readonly AppError['kind'][] = ['conflict', 'invalid-input', 'not-found', 'exhausted', 'forbidden'];

/**
 * Hands the tickets issued from the lease to the hub in issue order, each once (its commandId
 * makes a replay harmless), marked delivered only after the hub's ok. A ticket of an earlier day
 * is not sent: it lost its validity at midnight.
 */
export class KioskOutboxCourier {
  /** One run at a time; a call during a run runs again after it. */
  private readonly delivery = new CoalescedRun(() => this.deliverPending(), () => this.desk.closed());

  constructor(private readonly desk: KioskDeskContext) {}

  flush(): Promise<void> {
    return this.delivery.run();
  }

  idle(): Promise<void> {
    return this.delivery.idle();
  }

  private async deliverPending(): Promise<void> {
    const { hub, store } = this.desk;
    if (this.desk.closed()) return;
    for (const row of store.undelivered()) {
      if (this.desk.closed()) return;
      const hello = hub.current().hello;
      if (!hello) return;
      const today = serviceDay(this.desk.now(), hello.centre.timeZone);
      if (row.day < today) {
        store.markFailed(row.seq, `Vé số ${row.number} cấp ngoại tuyến ngày ${row.day} chưa kịp chuyển lên máy chủ trong ngày: không còn hiệu lực.`);
        this.desk.onChange();
        continue;
      }
      const sent = await hub.command('ticket:deliver-offline', {
        commandId: row.commandId,
        serviceId: row.serviceId,
        day: row.day,
        number: row.number,
        issuedAt: row.issuedAt,
        priority: row.priority,
        ...(row.supersedes ? { supersedes: row.supersedes } : {}),
        ...(row.trackingToken ? { trackingToken: row.trackingToken } : {}),
        // One sending: the outbox itself is the retry (next reconnect or sync), in order.
      }, { patienceMs: 0 });
      if (sent.ok) {
        store.markDelivered(row.seq, sent.value.ticket.id, this.desk.now().toISOString());
        if (row.voidRequested) await hub.command('ticket:cancel', { commandId: randomUUID(), ticketId: sent.value.ticket.id });
        this.desk.onChange();
        continue;
      }
      if (PERMANENT.includes(sent.error.kind)) {
        store.markFailed(row.seq, sent.error.message);
        this.desk.onChange();
        continue;
      }
      // The hub is away again (or failed inside): keep the order, try the rest later.
      store.noteAttempt(row.seq, sent.error.message);
      return;
    }
  }
}
