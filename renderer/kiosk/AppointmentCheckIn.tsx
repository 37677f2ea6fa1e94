import { useCallback, useEffect, useRef, useState } from 'react';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH } from '../../core/appointments/appointments';
import type { Bridge, TakeTicketOutput } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import './appointment-check-in.css';
import { TicketResult } from './TicketResult';
import { useActionIds } from '../shared/command-id';

type CheckInPhase =
  | { readonly kind: 'entry'; readonly refused: AppError | null }
  | { readonly kind: 'checking' }
  | { readonly kind: 'issued'; readonly output: TakeTicketOutput };

/** What a keyboard-wedge scanner or a keyboard may type: letters and digits, as the hub's codes are. */
const cleaned = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 12);

/**
 * "Tôi đã đặt lịch hẹn": the citizen enters the booking code on a large keypad of the code
 * alphabet (no 0/O, 1/I to confuse), or scans the slip's QR — the scanner types the code and Enter.
 */
export function AppointmentCheckIn({
  bridge,
  disabled,
  onHome,
  scan,
}: {
  readonly bridge: Bridge;
  readonly disabled: boolean;
  readonly onHome: () => void;
  /** A code from a serial-mode scanner (keyboard-wedge scanners type into the field instead). */
  readonly scan?: { readonly code: string; readonly seq: number } | null;
}) {
  const strings = useStrings();
  const [code, setCode] = useState('');
  const [phase, setPhase] = useState<CheckInPhase>({ kind: 'entry', refused: null });
  const inFlight = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const ids = useActionIds();

  // The scanner types into whatever has focus: keep it on the code field.
  useEffect(() => {
    if (phase.kind === 'entry') input.current?.focus();
  }, [phase.kind]);

  const submit = useCallback(
    (value: string) => {
      if (inFlight.current || value.length === 0 || disabled) return;
      inFlight.current = true;
      setPhase({ kind: 'checking' });
      void ids
        .invoke(bridge, 'kiosk:check-in', { code: value })
        .then((r) => setPhase(r.ok ? { kind: 'issued', output: r.value } : { kind: 'entry', refused: r.error }))
        .finally(() => {
          inFlight.current = false;
        });
    },
    [bridge, disabled, ids],
  );

  // A serial scanner's code is checked in at once, as if typed and confirmed.
  const handledScan = useRef<number | null>(null);
  useEffect(() => {
    if (!scan || handledScan.current === scan.seq || phase.kind !== 'entry') return;
    handledScan.current = scan.seq;
    setCode(cleaned(scan.code));
    submit(cleaned(scan.code));
  }, [scan, phase.kind, submit]);

  if (phase.kind === 'issued') return <TicketResult key={phase.output.ticket.id} output={phase.output} onDone={onHome} />;

  const type = (next: string) => {
    setCode(cleaned(next));
    if (phase.kind === 'entry' && phase.refused) setPhase({ kind: 'entry', refused: null });
  };
  const full = code.length >= BOOKING_CODE_LENGTH;
  const busy = phase.kind === 'checking';
  const refused = phase.kind === 'entry' ? phase.refused : null;

  return (
    <section className="k-checkin" data-testid="kiosk-check-in">
      <h2 className="k-prompt">{strings.appointment.enterCode}</h2>
      <p className="k-checkin-hint">{strings.appointment.codeHint}</p>
      <form
        className="k-checkin-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit(code);
        }}
      >
        <input
          ref={input}
          className="k-checkin-code"
          data-testid="check-in-code"
          aria-label={strings.appointment.codeLabel}
          value={code}
          placeholder={'•'.repeat(BOOKING_CODE_LENGTH)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="none"
          disabled={busy}
          onChange={(e) => type(e.target.value)}
        />
      </form>
      {refused && (
        <p className="k-checkin-refused" role="alert" data-testid="check-in-refused">
          {refused.kind === 'not-found' || refused.kind === 'conflict' ? refused.message : describeError(strings, refused, true)}
        </p>
      )}
      {busy && (
        <p className="k-checkin-busy" role="status">
          {strings.kiosk.printing}
        </p>
      )}
      <div className="k-keypad" role="group" aria-label={strings.appointment.keypad}>
        {[...BOOKING_CODE_ALPHABET].map((ch) => (
          <button key={ch} type="button" className="k-key" disabled={busy || full} onClick={() => type(code + ch)}>
            {ch}
          </button>
        ))}
      </div>
      <div className="k-checkin-actions">
        <button type="button" className="k-checkin-back" data-testid="appointment-back" onClick={onHome} disabled={busy}>
          {strings.kiosk.back}
        </button>
        <button type="button" className="k-checkin-erase" onClick={() => type(code.slice(0, -1))} disabled={busy || code.length === 0}>
          {strings.appointment.erase}
        </button>
        <button type="button" className="k-checkin-submit" data-testid="check-in-submit" onClick={() => submit(code)} disabled={busy || disabled || code.length === 0}>
          {strings.appointment.submit}
        </button>
      </div>
    </section>
  );
}
