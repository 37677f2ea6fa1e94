import type { Database, Statement } from 'better-sqlite3';
import type { Rating } from '../../core/protocol/rating-commands';
import type { RatingLevel } from '../../core/stats/ratings';

/**
 * SQL of the citizens' ratings (RatingService holds the rules). The PostgreSQL twin is
 * hub/store/pg/pg-rating-repository.ts; the row type and mapper below are shared by both.
 */

export interface RatingRow {
  ticket_id: number;
  service_id: string;
  counter_id: string | null;
  clerk_id: string | null;
  rating: number;
  comment: string | null;
  rated_at: string;
}

export function toRating(r: RatingRow): Rating {
  return { ticketId: r.ticket_id, rating: r.rating as RatingLevel, comment: r.comment, serviceId: r.service_id, counterId: r.counter_id, clerkId: r.clerk_id, ratedAt: r.rated_at };
}

/** A rating as stored: the ticket's day and the device that sent it besides. */
export interface NewRating extends Rating {
  readonly day: string;
  readonly ratedBy: string;
}

export class RatingRepository {
  private readonly byTicket: Statement;
  private readonly insertStmt: Statement;

  constructor(db: Database) {
    this.byTicket = db.prepare('SELECT ticket_id, service_id, counter_id, clerk_id, rating, comment, rated_at FROM ratings WHERE ticket_id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO ratings (ticket_id, day, service_id, counter_id, clerk_id, rating, comment, rated_at, rated_by)
       VALUES (@ticketId, @day, @serviceId, @counterId, @clerkId, @rating, @comment, @ratedAt, @ratedBy)`,
    );
  }

  find(ticketId: number): Rating | null {
    const r = this.byTicket.get(ticketId) as RatingRow | undefined;
    return r ? toRating(r) : null;
  }

  insert(rating: NewRating): void {
    const { ticketId, day, serviceId, counterId, clerkId, comment, ratedAt, ratedBy } = rating;
    this.insertStmt.run({ ticketId, day, serviceId, counterId, clerkId, rating: rating.rating, comment, ratedAt, ratedBy });
  }
}
