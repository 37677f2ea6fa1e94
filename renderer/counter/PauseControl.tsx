import { useState } from 'react';
import type { CounterState } from '../../core/queue/snapshot';
import { useStrings } from '../i18n/strings';

interface PauseControlProps {
  readonly state: CounterState | undefined;
  readonly disabled: boolean;
  readonly onPause: (reason: string) => void;
  readonly onResume: () => void;
}

/** Pause the counter (with a reason the waiting room sees) or open it again. */
export function PauseControl({ state, disabled, onPause, onResume }: PauseControlProps) {
  const strings = useStrings();
  const [choosing, setChoosing] = useState(false);
  if (state?.paused) {
    return (
      <div className="c-paused" role="status" data-testid="counter-paused">
        <span>{strings.counter.pausedBanner(state.pausedReason ?? '')}</span>
        <button type="button" className="c-btn c-btn-primary c-btn-small" disabled={disabled} onClick={onResume}>
          {strings.counter.resume}
        </button>
      </div>
    );
  }
  if (!choosing) {
    return (
      <button type="button" className="c-btn c-btn-ghost c-btn-small" disabled={disabled} onClick={() => setChoosing(true)}>
        {strings.counter.pause}
      </button>
    );
  }
  return (
    <div className="c-pause-reasons" role="group" aria-label={strings.counter.pauseWhy}>
      {strings.counter.pauseReasons.map((reason) => (
        <button
          key={reason}
          type="button"
          className="c-btn c-btn-option c-btn-small"
          disabled={disabled}
          onClick={() => {
            setChoosing(false);
            onPause(reason);
          }}
        >
          {reason}
        </button>
      ))}
      <button type="button" className="c-btn c-btn-ghost c-btn-small" onClick={() => setChoosing(false)}>
        {strings.counter.transferCancel}
      </button>
    </div>
  );
}
