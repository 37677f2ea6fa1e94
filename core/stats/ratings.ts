import { z } from 'zod';

/** The four satisfaction levels a citizen can give, lowest first (the value stored). */
export { RATING_COMMENT_MAX, RATING_LEVELS, RATING_NAMES_VI, type RatingLevel } from './rating-levels';
export const RatingLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/** A comment of spaces is no comment. */
export function normaliseComment(comment: string | undefined): string | null {
  const trimmed = comment?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
