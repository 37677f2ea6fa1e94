import type { Rating } from '../../../core/protocol/rating-commands';
import { toRating, type NewRating, type RatingRow } from '../../ratings/rating-repository';
import type { PgSql } from './pg-store';

/**
 * The PostgreSQL twin of hub/ratings/rating-repository.ts, for one centre. One rating per ticket
 * is the table's UNIQUE (ticket_id); RatingService reads the ticket through the ticket repository,
 * whose byId() locks it in a transaction, so two ratings of one ticket take turns and the second
 * finds the first.
 */
export class PgRatingRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async find(ticketId: number): Promise<Rating | null> {
    const r = await this.sql.row<RatingRow>(
      'SELECT ticket_id, service_id, counter_id, clerk_id, rating, comment, rated_at FROM ratings WHERE centre_id = $1 AND ticket_id = $2',
      [this.centreId, ticketId],
    );
    return r ? toRating(r) : null;
  }

  async insert(rating: NewRating): Promise<void> {
    const { ticketId, day, serviceId, counterId, clerkId, comment, ratedAt, ratedBy } = rating;
    await this.sql.run(
      `INSERT INTO ratings (centre_id, ticket_id, day, service_id, counter_id, clerk_id, rating, comment, rated_at, rated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [this.centreId, ticketId, day, serviceId, counterId, clerkId, rating.rating, comment, ratedAt, ratedBy],
    );
  }
}
