import { RATING_LEVELS, type RatingLevel } from '../../core/stats/rating-levels';
import { useStrings } from '../i18n/strings';
import { RatingFace } from './RatingFace';

/**
 * The four levels as large radio buttons, best first, each a face and its words: the counter's
 * rating panel (prefix `c-rating`) and the kiosk's (prefix `k-rate`) style them their own way.
 */
export function RatingLevels({ prefix, chosen, busy, onChoose, faceClassName }: { readonly prefix: 'c-rating' | 'k-rate'; readonly chosen: RatingLevel | null; readonly busy: boolean; readonly onChoose: (level: RatingLevel) => void; readonly faceClassName?: string }) {
  const strings = useStrings();
  return (
    <>
      {[...RATING_LEVELS].reverse().map((l) => (
        <button
          key={l}
          type="button"
          role="radio"
          aria-checked={chosen === l}
          className={`${prefix}-level ${prefix}-level-${l}${chosen === l ? ` ${prefix}-chosen` : ''}`}
          disabled={busy}
          data-level={l}
          onClick={() => onChoose(l)}
        >
          <RatingFace level={l} {...(faceClassName ? { className: faceClassName } : {})} />
          <span>{strings.rating.levels[l]}</span>
        </button>
      ))}
    </>
  );
}
