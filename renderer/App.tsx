import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { missingCase } from '../core/result';
import { useTerminalContext } from './bridge/use-terminal-context';
import { useStrings } from './i18n/strings';
import { FullScreenMessage } from './shared/FullScreenMessage';
import { StatusLine } from './shared/StatusLine';

/*
 * Each role's screen is its own chunk, fetched once the hub has said which role this device has:
 * a kiosk never downloads or parses the counter's, back office's or admin's code (budget: the
 * kiosk loads ≤ 100 kB gzip of JS; `bench/role-bundles.ts` measures it). Relative chunk URLs, so
 * this works from app://motcua in Electron and over HTTP from the agent alike.
 */
const KioskScreen = lazy(() => import('./kiosk/KioskScreen').then((m) => ({ default: m.KioskScreen })));
const CounterScreen = lazy(() => import('./counter/CounterScreen').then((m) => ({ default: m.CounterScreen })));
const DisplayScreen = lazy(() => import('./display/DisplayScreen').then((m) => ({ default: m.DisplayScreen })));
const AdminScreen = lazy(() => import('./admin/AdminScreen').then((m) => ({ default: m.AdminScreen })));
const BackofficeScreen = lazy(() => import('./backoffice/BackofficeScreen').then((m) => ({ default: m.BackofficeScreen })));

/** While a role's chunk loads (a few ms from disk or the LAN): the same "connecting" screen as before the hello. */
function RoleScreen({ children }: { readonly children: ReactNode }) {
  const strings = useStrings();
  return <Suspense fallback={<FullScreenMessage title={strings.app.connecting} busy />}>{children}</Suspense>;
}

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
      return (
        <RoleScreen>
          <KioskScreen context={context} agent={agent} />
        </RoleScreen>
      );
    case 'counter':
      return (
        <RoleScreen>
          <CounterScreen context={context} agent={agent} />
        </RoleScreen>
      );
    case 'display':
      return (
        <RoleScreen>
          <DisplayScreen context={context} agent={agent} />
        </RoleScreen>
      );
    case 'admin':
      return (
        <RoleScreen>
          <AdminScreen context={context} agent={agent} />
        </RoleScreen>
      );
    case 'backoffice':
      return (
        <RoleScreen>
          <BackofficeScreen context={context} agent={agent} />
        </RoleScreen>
      );
    default:
      return missingCase(role);
  }
}
