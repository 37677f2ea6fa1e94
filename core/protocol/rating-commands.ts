import { z } from 'zod';
import { TICKET_ENTRY_MAX } from '../queue/ticket-entry';
import { RATING_REFUSAL_REASONS } from '../stats/rating-rule';
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

/** The kiosk's "Đánh giá dịch vụ": the ticket number typed, or the ticket's QR as the scanner read it. */
export const RATING_VISIT_FIELDS = {
  entry: z.string().min(1).max(TICKET_ENTRY_MAX),
} as const;

/** The visit a ticket names, as the kiosk shows it before the citizen rates: no personal data of the citizen. */
export const RatingVisitSchema = z.object({
  ticketId: z.number().int().positive(),
  number: z.number().int().positive(),
  day: z.string(),
  serviceName: z.string(),
  /** The counter's public label ("3"), null when the ticket was never called. */
  counterLabel: z.string().nullable(),
  /** The clerk who served it, as the centre's directory names them. */
  clerkName: z.string().nullable(),
  /** When service began, HH:MM in the centre's time zone. */
  servedTime: z.string().nullable(),
});
export type RatingVisit = z.infer<typeof RatingVisitSchema>;

export const RatingVisitOutputSchema = z.object({
  visit: RatingVisitSchema,
  /** Why it cannot be rated (core/stats/rating-rule.ts); null: the kiosk offers the levels. */
  refusal: z.object({ reason: z.enum(RATING_REFUSAL_REASONS), message: z.string() }).nullable(),
});
export type RatingVisitOutput = z.infer<typeof RatingVisitOutputSchema>;
