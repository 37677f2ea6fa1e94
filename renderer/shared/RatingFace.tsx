import type { RatingLevel } from '../../core/stats/rating-levels';

/** Mouth curves from frown to broad smile: drawn, not emoji, so no kiosk depends on an emoji font. */
const MOUTHS: Readonly<Record<RatingLevel, string>> = { 1: 'M16 34 Q24 26 32 34', 2: 'M16 31 L32 31', 3: 'M16 29 Q24 35 32 29', 4: 'M14 27 Q24 40 34 27 Z' };

/** Faces read faster than words for a citizen in a hurry; the words stay beside them (counter and kiosk). */
export function RatingFace({ level, className = 'c-rating-face' }: { readonly level: RatingLevel; readonly className?: string }) {
  return (
    <svg className={className} viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="17" cy="19" r="2.6" fill="currentColor" />
      <circle cx="31" cy="19" r="2.6" fill="currentColor" />
      <path d={MOUTHS[level]} fill={level === 4 ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
