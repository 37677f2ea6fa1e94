/**
 * The four satisfaction levels and their Vietnamese names, without zod: the phone page's bundle
 * imports this file (core/stats/ratings.ts re-exports it beside the schema).
 */
export const RATING_LEVELS = [1, 2, 3, 4] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const RATING_NAMES_VI: Readonly<Record<RatingLevel, string>> = {
  1: 'Không hài lòng',
  2: 'Bình thường',
  3: 'Hài lòng',
  4: 'Rất hài lòng',
};

export const RATING_COMMENT_MAX = 500;
