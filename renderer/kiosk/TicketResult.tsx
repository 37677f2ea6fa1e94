import type { TakeTicketOutput } from '../../core/protocol/bridge';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import { formatTicketNumber } from '../shared/format';
import { useCountdown } from '../shared/use-countdown';
import { useDelayedEnable } from '../shared/use-delayed-enable';

/** Seconds the number stays on screen; longer when it was not printed and must be remembered. */
export const RESULT_SECONDS = { printed: 10, notPrinted: 20 } as const;

/** A stray second tap must not dismiss the number before the citizen has seen it. */
const DONE_ARMS_AFTER_MS = 1200;

export function TicketResult({ output, onDone }: { readonly output: TakeTicketOutput; readonly onDone: () => void }) {
  const strings = useStrings();
  const printed = output.printed.ok;
  const left = useCountdown(printed ? RESULT_SECONDS.printed : RESULT_SECONDS.notPrinted, onDone);
  const armed = useDelayedEnable(DONE_ARMS_AFTER_MS);
  return (
    <section className="k-result" data-testid="kiosk-result" aria-live="assertive">
      <div className="k-result-card">
        <p className="k-result-label">{strings.kiosk.yourNumber}</p>
        <p className={`k-result-number${output.outcome === 'voided' ? ' k-result-number-voided' : ''}`} data-testid="ticket-number">
          {formatTicketNumber(output.ticket.number)}
        </p>
        <p className="k-result-service">{output.serviceName}</p>
        {output.waitingAhead !== null && <p className="k-result-ahead">{strings.kiosk.waitingAhead(output.waitingAhead)}</p>}
        {output.estimatedWaitMinutes !== null && output.waitingAhead !== null && output.waitingAhead > 0 && output.outcome !== 'voided' && (
          <p className="k-result-ahead" data-testid="ticket-estimate">
            {strings.kiosk.estimatedWait(output.estimatedWaitMinutes)}
          </p>
        )}
      </div>
      <div className="k-result-side">
        {output.printed.ok ? (
          <div className="k-notice k-notice-ok" role="status">
            <span className="k-notice-icon" aria-hidden="true">
              ↓
            </span>
            <p>{strings.kiosk.takeTicket}</p>
          </div>
        ) : (
          <div className="k-notice k-notice-warn" role="alert" data-outcome={output.outcome}>
            <span className="k-notice-icon" aria-hidden="true">
              !
            </span>
            <div>
              <p>{output.outcome === 'voided' ? strings.kiosk.voided : strings.kiosk.printFailed}</p>
              <p className="k-notice-hint">{output.outcome === 'voided' ? strings.kiosk.voidedHint : strings.kiosk.printFailedHint}</p>
              <p className="k-notice-detail">{describeError(strings, output.printed.error, false)}</p>
            </div>
          </div>
        )}
        <button type="button" className="k-done" onClick={onDone} disabled={!armed}>
          {strings.kiosk.done}
        </button>
        <p className="k-countdown">{strings.kiosk.backIn(left)}</p>
        {output.offline && (
          // Staff see how the number was issued; for the citizen it is a number like any other.
          <p className="k-offline-mark" data-testid="ticket-offline-mark">
            {strings.kiosk.offlineMark}
          </p>
        )}
      </div>
    </section>
  );
}
