import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import type { Rating } from '../../core/protocol/rating-commands';
import { normaliseComment } from '../../core/stats/ratings';
import type { CommandContext } from '../commands/command-runner';
import type { TicketRepository } from '../queue/ticket-repository';
import type { Async } from '../store/async-of';
import type { RatingRepository } from './rating-repository';

/** The citizens' ratings: one per finished ticket, from the counter that served it or a kiosk. */
export class RatingService {
  constructor(private readonly repos: { readonly tickets: Async<TicketRepository>; readonly ratings: Async<RatingRepository> }) {}

  async rate(ctx: CommandContext, input: CommandInput<'ticket:rate'>): Promise<CommandOutput<'ticket:rate'>> {
    const ticket = await this.repos.tickets.byId(input.ticketId);
    if (!ticket) ctx.fail('not-found', `Không có vé mã ${input.ticketId}.`);
    // A counter rates only what it served; a kiosk (shared by all citizens) may rate any finished ticket.
    if (ctx.device.role === 'counter' && (ticket.counterId === null || ticket.counterId !== ctx.device.counterId)) {
      ctx.fail('forbidden', `Vé số ${ticket.number} không do quầy của thiết bị "${ctx.device.id}" phục vụ.`);
    }
    if (ticket.state !== 'done') ctx.fail('conflict', `Vé số ${ticket.number} chưa được phục vụ xong: chỉ đánh giá sau khi hoàn thành.`);
    if (await this.repos.ratings.find(ticket.id)) ctx.fail('conflict', `Vé số ${ticket.number} đã được đánh giá.`);
    const rating: Rating = {
      ticketId: ticket.id,
      rating: input.rating,
      comment: normaliseComment(input.comment),
      serviceId: ticket.serviceId,
      counterId: ticket.counterId,
      clerkId: ticket.clerkId,
      ratedAt: ctx.now.toISOString(),
    };
    await this.repos.ratings.insert({ ...rating, day: ticket.day, ratedBy: ctx.device.id });
    return { rating };
  }

  /** For tests and the admin: the stored rating of a ticket. */
  find(ticketId: number): Promise<Rating | null> {
    return this.repos.ratings.find(ticketId);
  }
}
