import { useCallback, useEffect, useState } from 'react';
import type { OfficerView } from '../../core/dossiers/dossier';
import type { TerminalContext } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';
import type { AgentStatus } from '../bridge/terminal-link';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings, addRoleStrings } from '../i18n/strings';
import { Clock } from '../shared/Clock';
import { describeError } from '../shared/describe-error';
import { StatusLine } from '../shared/StatusLine';
import { ArrivalToasts } from './ArrivalToasts';
import './backoffice.css';
import { DossierView } from './DossierView';
import { InboxList } from './InboxList';
import { OfficerSignIn } from './OfficerSignIn';
import { useInbox } from './use-inbox';
import { useActionIds } from '../shared/command-id';
import { BACKOFFICE_STRINGS } from '../i18n/for-backoffice';

// This role's words join the shared ones before its screen draws (renderer/i18n/strings.tsx).
addRoleStrings(BACKOFFICE_STRINGS);

interface BackofficeScreenProps {
  readonly context: TerminalContext;
  readonly agent: AgentStatus;
}

/** A department's back office: an officer signs in, sees the dossiers the counters sent, and decides on them. */
export function BackofficeScreen({ context, agent }: BackofficeScreenProps) {
  const strings = useStrings();
  const bridge = useBridge();
  const ids = useActionIds();
  const [signOutError, setSignOutError] = useState<AppError | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const officer = context.officer;
  const departmentId = officer?.departmentId ?? context.officers[0]?.departmentId ?? null;
  const departmentName = context.catalogue.departments.find((d) => d.id === departmentId)?.name ?? context.device?.name ?? strings.backoffice.department;
  const offline = !context.hubConnected || agent !== 'connected';

  const signOut = useCallback(() => {
    setSigningOut(true);
    void ids.invoke(bridge, 'backoffice:sign-out', {}).then((r) => {
      setSigningOut(false);
      setSignOutError(r.ok ? null : r.error);
    });
  }, [bridge]);

  return (
    <div className="bo">
      <header className="bo-header">
        <div className="bo-title">
          <p className="bo-kicker">{strings.backoffice.title}</p>
          <h1 data-testid="backoffice-department">{departmentName}</h1>
          {context.centre !== null && <p className="bo-centre">{context.centre.name}</p>}
        </div>
        {officer !== null && (
          <div className="bo-officer" data-testid="backoffice-officer">
            <span className="bo-officer-label">{strings.backoffice.signedInAs}</span>
            <span className="bo-officer-name">{officer.name}</span>
            <button type="button" className="bo-btn bo-btn-ghost bo-btn-small" disabled={offline || signingOut} onClick={signOut}>
              {strings.backoffice.signOut}
            </button>
          </div>
        )}
        <Clock timeZone={context.centre?.timeZone} className="clock bo-clock" />
      </header>
      {signOutError !== null && (
        <p className="bo-message bo-message-error bo-banner" role="alert">
          {describeError(strings, signOutError, true)}
        </p>
      )}
      {officer === null ? (
        <main className="bo-signin-wrap">
          <OfficerSignIn officers={context.officers} disabled={offline} />
        </main>
      ) : (
        <BackofficeDesk key={officer.id} context={context} officer={officer} />
      )}
      <StatusLine context={context} agent={agent} />
    </div>
  );
}

function BackofficeDesk({ context, officer }: { readonly context: TerminalContext; readonly officer: OfficerView }) {
  const strings = useStrings();
  const bridge = useBridge();
  const inbox = useInbox(bridge, context.hubConnected);
  const [openCode, setOpenCode] = useState<string | null>(null);
  const { markRead } = inbox;
  const baseTitle = context.centre?.name ?? strings.app.title;
  const unread = inbox.unread.size;

  // The tab's title counts what arrived unread, so an officer working in another window still sees it.
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${strings.backoffice.toast.arrived} — ${baseTitle}` : baseTitle;
  }, [unread, baseTitle, strings]);
  useEffect(
    () => () => {
      document.title = baseTitle;
    },
    [baseTitle],
  );

  const openDossier = useCallback(
    (code: string) => {
      setOpenCode(code);
      markRead(code);
    },
    [markRead],
  );

  const latest = openCode === null ? undefined : inbox.dossiers.find((d) => d.code === openCode);
  return (
    <main className="bo-main" data-officer={officer.id}>
      <InboxList inbox={inbox} openCode={openCode} timeZone={context.centre?.timeZone} onOpen={openDossier} />
      <section className="bo-view-wrap" aria-live="polite">
        {openCode === null ? (
          <p className="bo-pick">{strings.backoffice.view.pick}</p>
        ) : (
          <DossierView key={openCode} code={openCode} latestUpdate={latest?.updatedAt} context={context} onChanged={inbox.put} onClose={() => setOpenCode(null)} />
        )}
      </section>
      <ArrivalToasts toasts={inbox.toasts} onOpen={openDossier} onDismiss={inbox.dismiss} />
    </main>
  );
}
