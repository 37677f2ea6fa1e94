import { useCallback, useRef, useState } from 'react';
import type { RatingVisitOutput } from '../../core/protocol/rating-commands';
import { TICKET_ENTRY_MAX } from '../../core/queue/ticket-entry';
import type { RatingLevel } from '../../core/stats/rating-levels';
import type { RatingRefusalReason } from '../../core/stats/rating-rule';
import type { AppError } from '../../core/result';
import { addRoleStrings, roleStrings, useStrings } from '../i18n/strings';
import { kioskRatingStrings } from '../i18n/kiosk-rating-strings';
import { ratingStrings } from '../i18n/rating-strings';
import { useActionIds } from '../shared/command-id';
import { describeError } from '../shared/describe-error';
import { RatingFace } from '../shared/RatingFace';
import { RatingLevels } from '../shared/RatingLevels';
import { useCountdown } from '../shared/use-countdown';
import './kiosk-rating.css';
import { KioskEntryForm, useKioskScan, type KioskEntryScreenProps } from './KioskEntryForm';
import { OnScreenKeyboard } from './OnScreenKeyboard';

// The rating's words (its own and the levels' names, shared with the counter) come with its chunk, not with the kiosk's first screen (budget: bench/role-bundles.ts).
addRoleStrings(roleStrings({ vi: { ...ratingStrings.vi, kioskRating: kioskRatingStrings.vi }, en: { ...ratingStrings.en, kioskRating: kioskRatingStrings.en } }));

type Refusal = { readonly reason: RatingRefusalReason | 'unknown' | 'other'; readonly message: string; readonly error?: AppError };

type Phase =
  | { readonly kind: 'entry'; readonly refused: Refusal | null }
  | { readonly kind: 'looking' }
  | { readonly kind: 'choosing'; readonly visit: RatingVisitOutput['visit']; readonly failed: AppError | null }
  | { readonly kind: 'sending'; readonly visit: RatingVisitOutput['visit'] }
  | { readonly kind: 'thanks' };

const THANKS_SECONDS = 10;

/**
 * What the field keeps: digits typed on the keypad; what a keyboard-wedge scanner types (a ticket
 * link, whose token is case-sensitive, or `MOTCUA:VE:…`) as typed, spaces dropped.
 */
const cleaned = (text: string): string => text.replace(/\s+/g, '').slice(0, TICKET_ENTRY_MAX);

/**
 * "Đánh giá dịch vụ": after being served, the citizen types the number on the ticket (or holds its
 * QR to the scanner), sees which counter and clerk served them, picks one of the four levels and
 * maybe a reason. The hub applies the one rating rule (core/stats/rating-rule.ts): a served ticket
 * of today, once. Loaded only when opened (React.lazy in KioskScreen).
 */
export function KioskRating({ bridge, disabled, onHome, scan }: KioskEntryScreenProps) {
  const strings = useStrings();
  const s = strings.kioskRating;
  const ids = useActionIds();
  const [entry, setEntry] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'entry', refused: null });
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const inFlight = useRef(false);

  const find = useCallback(
    (value: string) => {
      if (inFlight.current || value.length === 0 || disabled) return;
      inFlight.current = true;
      setPhase({ kind: 'looking' });
      void bridge
        .invoke('kiosk:rating-visit', { entry: value })
        .then((r) => {
          if (!r.ok) {
            const reason = r.error.kind === 'not-found' || r.error.kind === 'invalid-input' ? 'unknown' : 'other';
            setPhase({ kind: 'entry', refused: { reason, message: r.error.message, error: r.error } });
          } else if (r.value.refusal) setPhase({ kind: 'entry', refused: r.value.refusal });
          else {
            setLevel(null);
            setReason(null);
            setPhase({ kind: 'choosing', visit: r.value.visit, failed: null });
          }
        })
        .finally(() => {
          inFlight.current = false;
        });
    },
    [bridge, disabled],
  );

  // A serial scanner's ticket QR is looked up at once, whatever this screen showed.
  useKioskScan(scan, phase.kind !== 'looking' && phase.kind !== 'sending', (scanned) => {
    const value = cleaned(scanned);
    setEntry(value);
    find(value);
  });

  const send = (visit: RatingVisitOutput['visit']) => {
    if (level === null) return;
    setPhase({ kind: 'sending', visit });
    void ids.invoke(bridge, 'kiosk:rate', { ticketId: visit.ticketId, rating: level, ...(reason ? { comment: reason } : {}) }).then((r) => {
      if (r.ok) setPhase({ kind: 'thanks' });
      // Rated meanwhile (the phone page, another kiosk): the rule's words, back at the entry.
      else if (r.error.kind === 'conflict') setPhase({ kind: 'entry', refused: { reason: 'already-rated', message: r.error.message } });
      else setPhase({ kind: 'choosing', visit, failed: r.error });
    });
  };

  if (phase.kind === 'thanks') return <Thanks onHome={onHome} />;

  if (phase.kind === 'choosing' || phase.kind === 'sending') {
    const { visit } = phase;
    const busy = phase.kind === 'sending';
    return (
      <section className="k-rate" data-testid="kiosk-rate-visit" aria-labelledby="k-rate-prompt">
        <p className="k-rate-served" data-testid="kiosk-rate-served">
          {s.servedBy(visit.counterLabel ?? '?', visit.clerkName, visit.servedTime)}
        </p>
        <p className="k-rate-ticket">{s.ticket(visit.number, visit.serviceName)}</p>
        <h2 className="k-prompt" id="k-rate-prompt">
          {s.prompt}
        </h2>
        <div className="k-rate-levels" role="radiogroup" aria-labelledby="k-rate-prompt">
          <RatingLevels prefix="k-rate" chosen={level} busy={busy} onChoose={setLevel} faceClassName="k-rate-face" />
        </div>
        <fieldset className="k-rate-reasons" disabled={busy}>
          <legend>{s.reasonTitle}</legend>
          {s.reasons.map((r) => (
            <button key={r.value} type="button" className={`k-rate-reason${reason === r.value ? ' k-rate-reason-chosen' : ''}`} aria-pressed={reason === r.value} onClick={() => setReason(reason === r.value ? null : r.value)}>
              {r.label}
            </button>
          ))}
        </fieldset>
        {phase.kind === 'choosing' && phase.failed && (
          <p className="k-lookup-refused" role="alert">
            {describeError(strings, phase.failed, true)}
          </p>
        )}
        <div className="k-checkin-actions">
          <button type="button" className="k-checkin-back" onClick={onHome} disabled={busy}>
            {strings.kiosk.back}
          </button>
          <button type="button" className="k-checkin-submit" data-testid="kiosk-rate-send" disabled={busy || level === null || disabled} onClick={() => send(visit)}>
            {busy ? s.sending : level === null ? s.chooseFirst : s.send}
          </button>
        </div>
      </section>
    );
  }

  const busy = phase.kind === 'looking';
  const refused = phase.kind === 'entry' ? phase.refused : null;
  const type = (value: string) => {
    setEntry(value);
    if (refused) setPhase({ kind: 'entry', refused: null });
  };
  return (
    <KioskEntryForm
      look="k-lookup"
      testId="kiosk-rate"
      className="k-rate-entry"
      title={s.title}
      hint={s.hint}
      field={{ testId: 'kiosk-rate-entry', label: s.numberLabel, placeholder: '1023', className: 'k-rate-number' }}
      value={entry}
      onType={(typed) => type(cleaned(typed))}
      onSubmit={find}
      busy={busy}
      busyText={strings.kiosk.rateLooking}
      refusal={
        refused && (
          <div className="k-lookup-refused" role="alert" data-testid="kiosk-rate-refused" data-reason={refused.reason}>
            <p className="k-lookup-refused-title">{refused.reason === 'other' ? strings.kiosk.failedTitle : s.refusedTitle[refused.reason]}</p>
            <p>{refused.reason === 'other' ? (refused.error ? describeError(strings, refused.error, true) : refused.message) : s.refusedDetail(refused.reason, refused.message)}</p>
          </div>
        )
      }
      keypad={<OnScreenKeyboard layout="numeric" value={/^\d*$/.test(entry) ? entry : ''} onChange={type} label={s.keypad} maxLength={5} disabled={busy} />}
      backTestId="kiosk-rate-back"
      onBack={onHome}
      submitTestId="kiosk-rate-find"
      submitLabel={s.next}
      disabled={disabled}
    />
  );
}

function Thanks({ onHome }: { readonly onHome: () => void }) {
  const strings = useStrings();
  const left = useCountdown(THANKS_SECONDS, onHome);
  return (
    <section className="k-rate-thanks" role="status" data-testid="kiosk-rate-thanks">
      <RatingFace level={4} className="k-rate-face k-rate-thanks-face" />
      <p className="k-rate-thanks-title">{strings.kioskRating.thanks}</p>
      <p className="k-lookup-hint">{strings.kioskRating.thanksHint}</p>
      <button type="button" className="k-done" onClick={onHome}>
        {strings.kiosk.home}
      </button>
      <p className="k-countdown">{strings.kiosk.backIn(left)}</p>
    </section>
  );
}
