import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import type { RatingVisit } from '../../core/protocol/rating-commands';
import { zonedFormatter } from '../../core/calendar/zoned-format';
import { serviceDay } from '../../core/queue/numbering';
import { ticketEntryOf } from '../../core/queue/ticket-entry';
import type { Counter, Service, Ticket } from '../../core/queue/types';
import type { CommandContext } from '../commands/command-runner';
import type { TicketTokens } from '../public/ticket-tokens';
import type { TicketRepository } from '../queue/ticket-repository';
import type { Async } from '../store/async-of';
import type { RatingService } from './rating-service';

export interface RatingVisitsOptions {
  readonly tickets: Async<TicketRepository>;
  readonly tokens: Pick<TicketTokens, 'find'>;
  readonly ratings: Pick<RatingService, 'refusal'>;
  readonly services: readonly Pick<Service, 'id' | 'name'>[];
  readonly counters: readonly Pick<Counter, 'id' | 'label'>[];
  readonly clerkName: (clerkId: string) => string | null;
  readonly timeZone: string;
}

/**
 * The kiosk's "Đánh giá dịch vụ", first step: the ticket a typed number (today's) or a scanned
 * ticket QR names, shown as "Quầy 3 — <clerk> đã phục vụ bạn lúc 09:42", with the rating rule's
 * refusal when it cannot be rated. The rating itself is `ticket:rate`, the same for every device.
 */
export class RatingVisits {
  readonly #time: Intl.DateTimeFormat;

  constructor(private readonly o: RatingVisitsOptions) {
    this.#time = zonedFormatter('en-GB', { timeZone: o.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  async find(ctx: CommandContext, input: CommandInput<'ticket:rating-visit'>): Promise<CommandOutput<'ticket:rating-visit'>> {
    const entry = ticketEntryOf(input.entry);
    if (!entry) ctx.fail('invalid-input', 'Không đọc được số vé. Nhập số in trên vé (ví dụ 1023) hoặc quét mã QR trên vé.');
    const today = serviceDay(ctx.now, this.o.timeZone);
    let ticket: Ticket | null = null;
    if (entry.kind === 'token') {
      const found = await this.o.tokens.find(entry.token);
      ticket = found ? await this.o.tickets.byId(found.id) : null;
    } else {
      const day = entry.kind === 'code' ? entry.day : today;
      const same = (await this.o.tickets.byNumber(day, entry.number)).filter((t) => entry.kind === 'number' || t.serviceId === entry.serviceId);
      // Overlapping blocks (a misconfiguration) could give two: the one served last is the visit being rated.
      ticket = same.find((t) => t.state === 'done') ?? same[0] ?? null;
    }
    if (!ticket) {
      const shown = entry.kind === 'token' ? 'trên mã QR này' : `số ${entry.number}`;
      ctx.fail('not-found', entry.kind === 'number' ? `Hôm nay không có vé số ${entry.number}. Vui lòng kiểm tra lại số in trên vé.` : `Không tìm thấy vé ${shown}.`);
    }
    return { visit: this.#visitOf(ticket), refusal: await this.o.ratings.refusal(ticket, ctx.now) };
  }

  #visitOf(t: Ticket): RatingVisit {
    const served = t.startedAt ?? t.firstCalledAt ?? t.calledAt;
    return {
      ticketId: t.id,
      number: t.number,
      day: t.day,
      serviceName: this.o.services.find((s) => s.id === t.serviceId)?.name ?? t.serviceId,
      counterLabel: t.counterId === null ? null : (this.o.counters.find((c) => c.id === t.counterId)?.label ?? t.counterId),
      clerkName: t.clerkId === null ? null : this.o.clerkName(t.clerkId),
      servedTime: served === null ? null : this.#time.format(new Date(served)),
    };
  }
}
