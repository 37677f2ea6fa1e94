import type { PriorityClass } from '../../core/queue/types';
import { useStrings } from '../i18n/strings';

export type DeclaredPriority = Exclude<PriorityClass, 'appointment'>;
const CLASSES: readonly Exclude<DeclaredPriority, 'normal'>[] = ['elderly', 'disabled', 'pregnant', 'merit'];

/**
 * The citizen may say they are a priority case before choosing the service. Priority tickets are
 * interleaved with the others by the centre's ratio; the counter checks papers as usual.
 */
export function PriorityChoice({ value, onChange, disabled }: { readonly value: DeclaredPriority; readonly onChange: (p: DeclaredPriority) => void; readonly disabled: boolean }) {
  const strings = useStrings();
  return (
    <div className="k-priority" role="radiogroup" aria-label={strings.kiosk.priorityLabel} data-testid="kiosk-priority">
      <span className="k-priority-label">{strings.kiosk.priorityLabel}</span>
      {CLASSES.map((p) => (
        <button
          key={p}
          type="button"
          role="radio"
          aria-checked={value === p}
          className={`k-priority-option${value === p ? ' k-priority-chosen' : ''}`}
          disabled={disabled}
          onClick={() => onChange(value === p ? 'normal' : p)}
        >
          {strings.priority[p]}
        </button>
      ))}
    </div>
  );
}
