import { useEffect, useState } from 'react';
import type { TerminalContext } from '../../core/protocol/bridge';
import type { AgentStatus } from '../bridge/terminal-link';
import { useStrings } from '../i18n/strings';
import { formatTime } from './format';
import './hub-state.css';

/** When the link to the hub went down, as seen by this screen (null while it is up). */
function useDownSince(down: boolean): Date | null {
  const [since, setSince] = useState<Date | null>(down ? new Date() : null);
  useEffect(() => {
    setSince((s) => (down ? (s ?? new Date()) : null));
  }, [down]);
  return since;
}

/**
 * The hub is unreachable, said plainly at the top of the display and the counter; it goes away
 * by itself when the terminal is connected again and the queue is live. The screen under it keeps
 * the last state it had (the display keeps the last calls).
 */
export function HubBanner({ context, agent, audience }: { readonly context: TerminalContext; readonly agent: AgentStatus; readonly audience: 'display' | 'counter' }) {
  const strings = useStrings();
  // A lost agent is told by the StatusLine: the hub's state is then unknown, not "down".
  const down = agent === 'connected' && !context.hubConnected;
  const since = useDownSince(down);
  if (!down) return null;
  const t = strings.hubState;
  return (
    <div className={`hub-banner hub-banner-${audience}`} role="alert" data-testid="hub-banner">
      <span className="hub-banner-icon" aria-hidden="true">
        !
      </span>
      <div className="hub-banner-text">
        <strong>{audience === 'display' ? t.displayTitle : t.counterTitle}</strong>
        <span>
          {since !== null && `${t.since(formatTime(since, strings.locale, context.centre?.timeZone))}. `}
          {audience === 'display' ? t.displayDetail : t.counterDetail}
        </span>
      </div>
    </div>
  );
}

/** "Đang gửi lại…": an action the hub has not answered yet is being sent again, not failed. */
export function SendingNotice({ context }: { readonly context: TerminalContext | null }) {
  const strings = useStrings();
  const sending = context?.sending ?? null;
  if (sending === null) return null;
  const t = strings.hubState;
  return (
    <div className="sending-notice" role="status" data-testid="sending-notice" title={t.resendingHint}>
      <span className="sending-spinner" aria-hidden="true" />
      {sending.resending ? t.resending(sending.count) : t.waitingToResend(sending.count)}
    </div>
  );
}
