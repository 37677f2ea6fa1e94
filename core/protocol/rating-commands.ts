import { z } from 'zod';
import { RATING_COMMENT_MAX, RatingLevelSchema } from '../stats/ratings';

// Kept apart from commands.ts so the rating feature reads in one place; the COMMANDS table adds the commandId.
export const RATE_TICKET_FIELDS = {
  ticketId: z.number().int().positive(),
  /** 1 Không hài lòng · 2 Bình thường · 3 Hài lòng · 4 Rất hài lòng. */
  rating: RatingLevelSchema,
  comment: z.string().max(RATING_COMMENT_MAX).optional(),
} as const;

export const RatingSchema = z.object({
  ticketId: z.number().int().positive(),
  rating: RatingLevelSchema,
  comment: z.string().nullable(),
  serviceId: z.string(),
  counterId: z.string().nullable(),
  clerkId: z.string().nullable(),
  ratedAt: z.string(),
});
export type Rating = z.infer<typeof RatingSchema>;
export const RateTicketOutputSchema = z.object({ rating: RatingSchema });

/** A rating sent from the ticket's phone page (POST /t/:token/rate): the token names the ticket. */
export const PublicRatingSchema = z.strictObject({
  rating: RatingLevelSchema,
  comment: z.string().max(RATING_COMMENT_MAX, `Góp ý tối đa ${RATING_COMMENT_MAX} ký tự.`).optional(),
});
