import { useCallback, useRef, useState } from 'react';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH } from '../../core/appointments/appointments';
import type { TakeTicketOutput } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import './appointment-check-in.css';
import { KioskEntryForm, useKioskScan, type KioskEntryScreenProps } from './KioskEntryForm';
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
export function AppointmentCheckIn({ bridge, disabled, onHome, scan }: KioskEntryScreenProps) {
  const strings = useStrings();
  const [code, setCode] = useState('');
  const [phase, setPhase] = useState<CheckInPhase>({ kind: 'entry', refused: null });
  const inFlight = useRef(false);
  const ids = useActionIds();

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
  useKioskScan(scan, phase.kind === 'entry', (scanned) => {
    setCode(cleaned(scanned));
    submit(cleaned(scanned));
  });

  if (phase.kind === 'issued') return <TicketResult key={phase.output.ticket.id} output={phase.output} onDone={onHome} />;

  const type = (next: string) => {
    setCode(cleaned(next));
    if (phase.kind === 'entry' && phase.refused) setPhase({ kind: 'entry', refused: null });
  };
  const full = code.length >= BOOKING_CODE_LENGTH;
  const busy = phase.kind === 'checking';
  const refused = phase.kind === 'entry' ? phase.refused : null;

  return (
    <KioskEntryForm
      look="k-checkin"
      testId="kiosk-check-in"
      title={strings.appointment.enterCode}
      hint={strings.appointment.codeHint}
      field={{ testId: 'check-in-code', label: strings.appointment.codeLabel, placeholder: '•'.repeat(BOOKING_CODE_LENGTH), capitals: true }}
      value={code}
      onType={type}
      onSubmit={submit}
      busy={busy}
      busyText={strings.kiosk.printing}
      refusal={
        refused && (
          <p className="k-checkin-refused" role="alert" data-testid="check-in-refused">
            {refused.kind === 'not-found' || refused.kind === 'conflict' ? refused.message : describeError(strings, refused, true)}
          </p>
        )
      }
      keypad={
        <div className="k-keypad" role="group" aria-label={strings.appointment.keypad}>
          {[...BOOKING_CODE_ALPHABET].map((ch) => (
            <button key={ch} type="button" className="k-key" disabled={busy || full} onClick={() => type(code + ch)}>
              {ch}
            </button>
          ))}
        </div>
      }
      backTestId="appointment-back"
      onBack={onHome}
      erase={
        <button type="button" className="k-checkin-erase" onClick={() => type(code.slice(0, -1))} disabled={busy || code.length === 0}>
          {strings.appointment.erase}
        </button>
      }
      submitTestId="check-in-submit"
      submitLabel={strings.appointment.submit}
      disabled={disabled}
    />
  );
}
