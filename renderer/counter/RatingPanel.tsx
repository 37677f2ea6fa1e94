import { useEffect, useState } from 'react';
import type { Ticket } from '../../core/queue/types';
import { RATING_COMMENT_MAX, type RatingLevel } from '../../core/stats/ratings';
import type { AppError } from '../../core/result';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import './rating.css';
import { useActionIds } from '../shared/command-id';
import { RatingLevels } from '../shared/RatingLevels';

/** How long the thanks stay before the clerk's screen comes back by itself. */
const THANKS_MS = 2500;

type Phase = { readonly kind: 'choosing' } | { readonly kind: 'sending' } | { readonly kind: 'thanks' } | { readonly kind: 'failed'; readonly error: AppError };

interface RatingPanelProps {
  readonly ticket: Ticket;
  readonly counterName: string;
  readonly onClose: () => void;
}

/**
 * Shown to the citizen after "Hoàn thành": four big levels, an optional comment, and "Bỏ qua".
 * It covers the clerk's controls on purpose, so nothing else is pressed while the citizen rates.
 */
export function RatingPanel({ ticket, counterName, onClose }: RatingPanelProps) {
  const strings = useStrings();
  const bridge = useBridge();
  const ids = useActionIds();
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [comment, setComment] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' });

  useEffect(() => {
    if (phase.kind !== 'thanks') return;
    const timer = setTimeout(onClose, THANKS_MS);
    return () => clearTimeout(timer);
  }, [phase.kind, onClose]);

  const send = () => {
    if (level === null || phase.kind === 'sending') return;
    setPhase({ kind: 'sending' });
    void ids.invoke(bridge, 'counter:rate', { ticketId: ticket.id, rating: level, ...(comment.trim() ? { comment: comment.trim() } : {}) }).then((r) => {
      setPhase(r.ok ? { kind: 'thanks' } : { kind: 'failed', error: r.error });
    });
  };

  if (phase.kind === 'thanks') {
    return (
      <div className="c-rating" role="dialog" aria-label={strings.rating.prompt} data-testid="counter-rating">
        <p className="c-rating-thanks" role="status">
          {strings.rating.thanks}
        </p>
      </div>
    );
  }
  const busy = phase.kind === 'sending';
  return (
    <div className="c-rating" role="dialog" aria-label={strings.rating.prompt} data-testid="counter-rating">
      <div className="c-rating-card">
        <p className="c-rating-ticket">{strings.rating.forTicket(ticket.number, counterName)}</p>
        <h2 className="c-rating-prompt">{strings.rating.prompt}</h2>
        <div className="c-rating-levels" role="radiogroup" aria-label={strings.rating.prompt}>
          <RatingLevels prefix="c-rating" chosen={level} busy={busy} onChoose={setLevel} />
        </div>
        <label className="c-rating-comment">
          <span>{strings.rating.commentLabel}</span>
          <textarea value={comment} maxLength={RATING_COMMENT_MAX} rows={2} placeholder={strings.rating.commentPlaceholder} disabled={busy} onChange={(e) => setComment(e.target.value)} />
        </label>
        {phase.kind === 'failed' && (
          <p className="c-message c-message-error" role="alert">
            <strong>{strings.rating.failed}:</strong> {describeError(strings, phase.error, true)}
          </p>
        )}
        <div className="c-rating-actions">
          <button type="button" className="c-btn c-rating-skip" disabled={busy} onClick={onClose}>
            {strings.rating.skip}
          </button>
          <button type="button" className="c-btn c-btn-success" disabled={busy || level === null} title={level === null ? strings.rating.chooseFirst : undefined} onClick={send}>
            {busy ? strings.rating.sending : strings.rating.send}
          </button>
        </div>
      </div>
    </div>
  );
}
