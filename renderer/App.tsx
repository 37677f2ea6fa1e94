import { useEffect } from 'react';
import { missingCase } from '../core/result';
import { AdminScreen } from './admin/AdminScreen';
import { BackofficeScreen } from './backoffice/BackofficeScreen';
import { useTerminalContext } from './bridge/use-terminal-context';
import { CounterScreen } from './counter/CounterScreen';
import { DisplayScreen } from './display/DisplayScreen';
import { useStrings } from './i18n/strings';
import { KioskScreen } from './kiosk/KioskScreen';
import { FullScreenMessage } from './shared/FullScreenMessage';
import { StatusLine } from './shared/StatusLine';

/** One app for every terminal: the device's role, as the hub told it, picks the screen. */
export function App() {
  const strings = useStrings();
  const { context, agent } = useTerminalContext();
  const role = context?.device?.role ?? null;

  useEffect(() => {
    document.title = context?.centre?.name ?? strings.app.title;
  }, [context?.centre?.name, strings]);

  if (agent === 'unauthorized') {
    return (
      <FullScreenMessage title={strings.app.unauthorizedTitle} tone="problem">
        <p>{strings.app.unauthorizedBody}</p>
        <p className="hint">{strings.app.unauthorizedHint}</p>
      </FullScreenMessage>
    );
  }
  if (context === null) {
    return (
      <FullScreenMessage title={agent === 'lost' ? strings.status.agentLost : strings.app.connecting} busy />
    );
  }
  if (role === null) {
    return (
      <>
        <FullScreenMessage title={strings.app.waitingForDevice} busy />
        <StatusLine context={context} agent={agent} />
      </>
    );
  }
  switch (role) {
    case 'kiosk':
      return <KioskScreen context={context} agent={agent} />;
    case 'counter':
      return <CounterScreen context={context} agent={agent} />;
    case 'display':
      return <DisplayScreen context={context} agent={agent} />;
    case 'admin':
      return <AdminScreen context={context} agent={agent} />;
    case 'backoffice':
      return <BackofficeScreen context={context} agent={agent} />;
    default:
      return missingCase(role);
  }
}
