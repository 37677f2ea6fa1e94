import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import type { Rating } from '../../core/protocol/rating-commands';
import { err, ok, type Result } from '../../core/result';
import { normaliseComment, type RatingLevel } from '../../core/stats/ratings';
import type { Ticket } from '../../core/queue/types';
import { serviceDay } from '../../core/queue/numbering';
import { ratingRefusal, type RatingRefusal } from '../../core/stats/rating-rule';
import type { CommandContext } from '../commands/command-runner';
import type { TicketRepository } from '../queue/ticket-repository';
import { ticketOfThisCentre } from '../queue/ticket-lookup';
import type { Async } from '../store/async-of';
import type { Store } from '../store/store';
import type { RatingRepository } from './rating-repository';

/** What a citizen gives: the level and an optional comment. */
export interface RatingInput {
  readonly rating: RatingLevel;
  readonly comment?: string | undefined;
}

/**
 * The citizens' ratings: one per finished ticket, tied to the counter and clerk that served it,
 * from that counter, a kiosk or the ticket's own phone page. The same rules for all three.
 */
export class RatingService {
  constructor(
    private readonly repos: { readonly tickets: Async<TicketRepository>; readonly ratings: Async<RatingRepository> },
    /** The centre's time zone: a ticket is rated on the day it was served (core/stats/rating-rule.ts). */
    private readonly timeZone: string,
  ) {}

  async rate(ctx: CommandContext, input: CommandInput<'ticket:rate'>): Promise<CommandOutput<'ticket:rate'>> {
    const found = await ticketOfThisCentre(this.repos.tickets, input.ticketId);
    if (!found.ok) ctx.fail(found.error.kind, found.error.message);
    const ticket = found.value;
    // A counter rates only what it served; a kiosk (shared by all citizens) may rate any finished ticket.
    if (ctx.device.role === 'counter' && (ticket.counterId === null || ticket.counterId !== ctx.device.counterId)) {
      ctx.fail('forbidden', `Vé số ${ticket.number} không do quầy của thiết bị "${ctx.device.id}" phục vụ.`);
    }
    const rated = await this.#rate(ticket, input, ctx.now, ctx.device.id);
    if (!rated.ok) ctx.fail(rated.error.kind, rated.error.message);
    return { rating: rated.value };
  }

  /**
   * The phone page's rating of the ticket its token names (no device: the token is the right to
   * rate that one ticket). Its own transaction; `ratedBy` says where it came from.
   */
  async ratePublic(store: Store, ticketId: number, input: RatingInput, at: Date, ratedBy: string, recorded?: (rating: Rating) => Promise<void>): Promise<Result<Rating>> {
    return store.transaction(async () => {
      const ticket = await this.repos.tickets.byId(ticketId);
      if (!ticket) return err('not-found', `Không có vé mã ${ticketId}.`);
      const rated = await this.#rate(ticket, input, at, ratedBy);
      // In the same transaction: the rating's webhooks are written with it or not at all.
      if (rated.ok) await recorded?.(rated.value);
      return rated;
    });
  }

  /** Why `ticket` cannot be rated at `at` (the one rule, core/stats/rating-rule.ts), or null. */
  async refusal(ticket: Ticket, at: Date): Promise<RatingRefusal | null> {
    return ratingRefusal(ticket, (await this.repos.ratings.find(ticket.id)) !== null, serviceDay(at, this.timeZone));
  }

  /** For tests and the admin: the stored rating of a ticket. */
  find(ticketId: number): Promise<Rating | null> {
    return this.repos.ratings.find(ticketId);
  }

  async #rate(ticket: Ticket, input: RatingInput, at: Date, ratedBy: string): Promise<Result<Rating>> {
    const refused = await this.refusal(ticket, at);
    if (refused) return err('conflict', refused.message);
    const rating: Rating = {
      ticketId: ticket.id,
      rating: input.rating,
      comment: normaliseComment(input.comment),
      serviceId: ticket.serviceId,
      counterId: ticket.counterId,
      clerkId: ticket.clerkId,
      ratedAt: at.toISOString(),
    };
    await this.repos.ratings.insert({ ...rating, day: ticket.day, ratedBy });
    return ok(rating);
  }
}
