import { z } from 'zod';

/** The four satisfaction levels a citizen can give, lowest first (the value stored). */
export const RATING_LEVELS = [1, 2, 3, 4] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RatingLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const RATING_NAMES_VI: Readonly<Record<RatingLevel, string>> = {
  1: 'Không hài lòng',
  2: 'Bình thường',
  3: 'Hài lòng',
  4: 'Rất hài lòng',
};

export const RATING_COMMENT_MAX = 500;

/** A comment of spaces is no comment. */
export function normaliseComment(comment: string | undefined): string | null {
  const trimmed = comment?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
