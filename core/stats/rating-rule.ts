import type { Ticket } from '../queue/types';

/**
 * Why a ticket cannot be rated, whoever asks (the counter, the kiosk, the ticket's phone page):
 * - `other-day` — only on the day the ticket was served;
 * - `not-served` — only once the clerk finished serving it (`done`);
 * - `already-rated` — once per ticket.
 */
export const RATING_REFUSAL_REASONS = ['other-day', 'not-served', 'already-rated'] as const;
export type RatingRefusalReason = (typeof RATING_REFUSAL_REASONS)[number];

export interface RatingRefusal {
  readonly reason: RatingRefusalReason;
  /** Vietnamese, for the citizen. */
  readonly message: string;
}

const dmy = (day: string): string => day.split('-').reverse().join('/');

/**
 * The one rule of a rating, pure: the ticket as stored, whether a rating exists for it, and the
 * centre's day now. Null: it may be rated (then the rating is tied to the ticket's counter and clerk).
 */
export function ratingRefusal(ticket: Pick<Ticket, 'number' | 'state' | 'day'>, alreadyRated: boolean, today: string): RatingRefusal | null {
  if (ticket.day !== today) return { reason: 'other-day', message: `Vé số ${ticket.number} là vé của ngày ${dmy(ticket.day)}: chỉ đánh giá được trong ngày được phục vụ.` };
  if (ticket.state !== 'done') return { reason: 'not-served', message: `Vé số ${ticket.number} chưa được phục vụ xong: chỉ đánh giá sau khi hoàn thành.` };
  if (alreadyRated) return { reason: 'already-rated', message: `Lượt này đã được đánh giá (vé số ${ticket.number}).` };
  return null;
}
