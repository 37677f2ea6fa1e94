import { err, ok, type Result } from '../../core/result';
import { positionsOf } from '../../core/public/ticket-view';
import { checkReminder, queueNearEventId, queueNearParams, reminderPhone, remindersDue, ReminderRequestSchema } from '../../core/public/ticket-reminder';
import type { Service, Ticket } from '../../core/queue/types';
import { NOTIFY_TARGET, type NotifyPayload } from '../integrations/notify-recorder';
import type { OutboxRepository } from '../integrations/outbox-repository';
import type { Async } from '../store/async-of';
import type { Store } from '../store/store';
import type { TicketReminderRepository } from './ticket-reminder-repository';
import type { TicketTokens, TokenTicket } from './ticket-tokens';

export interface QueueRemindersOptions {
  readonly store: Store;
  readonly reminders: Async<TicketReminderRepository>;
  readonly tokens: Pick<TicketTokens, 'ticket' | 'waitingOrder'>;
  readonly outbox: Pick<Async<OutboxRepository>, 'enqueue'>;
  readonly services: readonly Pick<Service, 'id' | 'name'>[];
  readonly centreName: string;
  /** Whether a configured channel (ZNS or SMS) has a template for "queue-near": else the page does not offer reminders. */
  readonly offered: boolean;
}

/**
 * "Nhắc tôi khi còn N người": the phone page registers a reminder (its own transaction); after
 * each call, inside the call's transaction, the called ticket's service's reminders that became
 * due are marked sent and their ONE message each is written to the outbox (ZNS then SMS, the
 * event id per ticket as the idempotency key). A call refused or rolled back writes nothing.
 */
export class QueueReminders {
  constructor(private readonly o: QueueRemindersOptions) {}

  get offered(): boolean {
    return this.o.offered;
  }

  /** The phone page's request for a ticket found by its token. */
  async register(ticket: TokenTicket, body: unknown, at: Date): Promise<Result<{ readonly remaining: number }>> {
    if (!this.o.offered) return err('not-found', 'Trung tâm chưa cấu hình gửi tin nhắn (Zalo/SMS): không đặt lời nhắc được.');
    const parsed = ReminderRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The page shows this as it is: the citizen's words, no field names.
      return err('invalid-input', issue?.code === 'unrecognized_keys' ? 'Yêu cầu có trường không được nhận.' : (issue?.message ?? 'Yêu cầu không hợp lệ.'));
    }
    const request = parsed.data;
    return this.o.store.transaction(async () => {
      const current = await this.o.tokens.ticket(ticket.id);
      if (!current) return err('not-found', 'Không tìm thấy vé.');
      const order = await this.o.tokens.waitingOrder(current.day, current.serviceId);
      const ahead = positionsOf(order).get(current.id) ?? 0;
      const phone = reminderPhone(request);
      if (!phone.ok) return phone;
      const checked = checkReminder(request, {
        state: current.state,
        ahead,
        alreadySet: (await this.o.reminders.find(current.id)) !== null,
        phoneRemindersToday: await this.o.reminders.countByPhone(current.day, phone.value),
      });
      if (!checked.ok) return checked;
      await this.o.reminders.insert({ ticketId: current.id, day: current.day, serviceId: current.serviceId, phone: phone.value, remaining: request.remaining, createdAt: at.toISOString() });
      return ok({ remaining: request.remaining });
    });
  }

  /** Inside the call's transaction: the reminders this call made due, each enqueued once. Returns how many. */
  async afterCall(at: string, called: Pick<Ticket, 'day' | 'serviceId'>): Promise<number> {
    if (!this.o.offered) return 0;
    const pending = await this.o.reminders.pending(called.day, called.serviceId);
    if (pending.length === 0) return 0;
    const positions = positionsOf(await this.o.tokens.waitingOrder(called.day, called.serviceId));
    const serviceName = this.o.services.find((s) => s.id === called.serviceId)?.name ?? called.serviceId;
    let sent = 0;
    for (const { reminder, ahead } of remindersDue(pending, positions)) {
      if (!(await this.o.reminders.markSent(reminder.ticketId, at))) continue;
      const ticket = await this.o.tokens.ticket(reminder.ticketId);
      if (!ticket) continue;
      const payload: NotifyPayload = { phone: reminder.phone, kind: 'queue-near', params: queueNearParams(ahead, ticket.number, serviceName, this.o.centreName) };
      await this.o.outbox.enqueue({ target: NOTIFY_TARGET, eventId: queueNearEventId(ticket.id), eventType: 'queue-near', subject: `ticket:${ticket.id}`, payload, createdAt: at });
      sent += 1;
    }
    return sent;
  }
}
