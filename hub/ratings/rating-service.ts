import type { Database, Statement } from 'better-sqlite3';
import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import type { Rating } from '../../core/protocol/rating-commands';
import type { RatingLevel } from '../../core/stats/ratings';
import { normaliseComment } from '../../core/stats/ratings';
import type { CommandContext } from '../commands/command-runner';
import { TicketRepository } from '../queue/ticket-repository';

interface RatingRow {
  ticket_id: number;
  service_id: string;
  counter_id: string | null;
  clerk_id: string | null;
  rating: number;
  comment: string | null;
  rated_at: string;
}

/** The citizens' ratings: one per finished ticket, from the counter that served it or a kiosk. */
export class RatingService {
  private readonly tickets: TicketRepository;
  private readonly byTicket: Statement;
  private readonly insert: Statement;

  constructor(db: Database) {
    this.tickets = new TicketRepository(db);
    this.byTicket = db.prepare('SELECT * FROM ratings WHERE ticket_id = ?');
    this.insert = db.prepare(
      `INSERT INTO ratings (ticket_id, day, service_id, counter_id, clerk_id, rating, comment, rated_at, rated_by)
       VALUES (@ticketId, @day, @serviceId, @counterId, @clerkId, @rating, @comment, @ratedAt, @ratedBy)`,
    );
  }

  rate(ctx: CommandContext, input: CommandInput<'ticket:rate'>): CommandOutput<'ticket:rate'> {
    const ticket = this.tickets.byId(input.ticketId);
    if (!ticket) ctx.fail('not-found', `Không có vé mã ${input.ticketId}.`);
    // A counter rates only what it served; a kiosk (shared by all citizens) may rate any finished ticket.
    if (ctx.device.role === 'counter' && (ticket.counterId === null || ticket.counterId !== ctx.device.counterId)) {
      ctx.fail('forbidden', `Vé số ${ticket.number} không do quầy của thiết bị "${ctx.device.id}" phục vụ.`);
    }
    if (ticket.state !== 'done') ctx.fail('conflict', `Vé số ${ticket.number} chưa được phục vụ xong: chỉ đánh giá sau khi hoàn thành.`);
    if (this.byTicket.get(ticket.id)) ctx.fail('conflict', `Vé số ${ticket.number} đã được đánh giá.`);
    const rating: Rating = {
      ticketId: ticket.id,
      rating: input.rating,
      comment: normaliseComment(input.comment),
      serviceId: ticket.serviceId,
      counterId: ticket.counterId,
      clerkId: ticket.clerkId,
      ratedAt: ctx.now.toISOString(),
    };
    this.insert.run({ ...rating, day: ticket.day, ratedBy: ctx.device.id });
    return { rating };
  }

  /** For tests and the admin: the stored rating of a ticket. */
  find(ticketId: number): Rating | null {
    const r = this.byTicket.get(ticketId) as RatingRow | undefined;
    if (!r) return null;
    return { ticketId: r.ticket_id, rating: r.rating as RatingLevel, comment: r.comment, serviceId: r.service_id, counterId: r.counter_id, clerkId: r.clerk_id, ratedAt: r.rated_at };
  }
}
