import { useStrings } from '../i18n/strings';
import { formatDate, formatTime } from './format';
import { useNow } from './use-now';

interface ClockProps {
  readonly timeZone: string | undefined;
  readonly withSeconds?: boolean;
  readonly className?: string;
}

/** Time and date in the centre's zone, ticking live. */
export function Clock({ timeZone, withSeconds = false, className = 'clock' }: ClockProps) {
  const { locale } = useStrings();
  const now = useNow();
  return (
    <div className={className} aria-label="clock">
      <time className="clock-time" dateTime={now.toISOString()}>
        {formatTime(now, locale, timeZone, withSeconds)}
      </time>
      <span className="clock-date">{formatDate(now, locale, timeZone)}</span>
    </div>
  );
}
