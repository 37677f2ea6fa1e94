import type { Counter, Service, Ticket } from '../../core/queue/types';
import { useStrings } from '../i18n/strings';
import type { TransferTarget } from './use-counter-commands';

interface TransferPanelProps {
  readonly ticket: Ticket;
  readonly services: readonly Service[];
  readonly counters: readonly Counter[];
  readonly here: Counter;
  readonly disabled: boolean;
  readonly onTransfer: (target: TransferTarget) => void;
  readonly onCancel: () => void;
}

/** Where the clerk can send the citizen, keeping the number: another service's queue, or one counter. */
export function TransferPanel({ ticket, services, counters, here, disabled, onTransfer, onCancel }: TransferPanelProps) {
  const strings = useStrings();
  return (
    <div className="c-transfer" role="dialog" aria-label={strings.counter.transferTitle(ticket.number)} data-testid="counter-transfer">
      <p className="c-transfer-title">{strings.counter.transferTitle(ticket.number)}</p>
      <p className="c-transfer-group">{strings.counter.transferToService}</p>
      <div className="c-transfer-options">
        {services
          .filter((s) => s.id !== ticket.serviceId)
          .map((s) => (
            <button key={s.id} type="button" className="c-btn c-btn-option" disabled={disabled} onClick={() => onTransfer({ toServiceId: s.id })}>
              {s.name}
            </button>
          ))}
      </div>
      <p className="c-transfer-group">{strings.counter.transferToCounter}</p>
      <div className="c-transfer-options">
        {counters
          .filter((c) => c.id !== here.id)
          .map((c) => (
            <button key={c.id} type="button" className="c-btn c-btn-option" disabled={disabled} onClick={() => onTransfer({ toCounterId: c.id })}>
              {strings.counter.counterLabel(c.label)}
            </button>
          ))}
      </div>
      <button type="button" className="c-btn c-btn-secondary" onClick={onCancel}>
        {strings.counter.transferCancel}
      </button>
    </div>
  );
}
