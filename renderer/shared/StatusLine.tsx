import type { TerminalContext } from '../../core/protocol/bridge';
import type { AgentStatus } from '../bridge/terminal-link';
import { useStrings } from '../i18n/strings';
import type { Strings } from '../i18n/vi';
import { SendingNotice } from './HubState';

/** What is wrong with the line to the terminal or the hub, in one line for staff; null when all is well. */
export function statusProblem(
  strings: Strings,
  context: TerminalContext | null,
  agent: AgentStatus,
): string | null {
  if (agent === 'lost') return strings.status.agentLost;
  if (context === null || context.hubConnected) return null;
  return context.hubProblem === null ? strings.status.hubDisconnected : strings.status.hubProblem(context.hubProblem);
}

/** The small line at the bottom of every screen when something is disconnected, and "Đang gửi lại…" while an action is re-sent. */
export function StatusLine({ context, agent }: { readonly context: TerminalContext | null; readonly agent: AgentStatus }) {
  const strings = useStrings();
  const problem = statusProblem(strings, context, agent);
  return (
    <>
      <SendingNotice context={context} />
      {problem !== null && (
        <div className="status-line" role="status" data-testid="status-line">
          <span className="status-dot" aria-hidden="true" />
          {problem}
        </div>
      )}
    </>
  );
}
