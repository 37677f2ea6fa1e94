import type { TerminalContext } from '../../core/protocol/bridge';
import { isActiveAtCounter } from '../../core/queue/ticket-state';
import type { Counter, Service, Ticket } from '../../core/queue/types';
import type { AgentStatus } from '../bridge/terminal-link';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings, addRoleStrings } from '../i18n/strings';
import { Clock } from '../shared/Clock';
import { describeError } from '../shared/describe-error';
import { formatIsoTime, formatTicketNumber } from '../shared/format';
import { FullScreenMessage } from '../shared/FullScreenMessage';
import { HubBanner } from '../shared/HubState';
import { StatusLine } from '../shared/StatusLine';
import { useCallback, useState } from 'react';
import './counter.css';
import { PauseControl } from './PauseControl';
import { RatingPanel } from './RatingPanel';
import { SignInPanel } from './SignInPanel';
import { TransferPanel } from './TransferPanel';
import { ticketAtCounter } from './current-ticket';
import { CounterTabs, useCounterTabs } from './dossier/CounterTabs';
import { DossierDesks } from './dossier/DossierDesks';
import { DossierFeed } from './dossier/DossierFeed';
import { useCounterCommands, type CommandOutcome, type CounterCommand } from './use-counter-commands';
import { COUNTER_STRINGS } from '../i18n/for-counter';

// This role's words join the shared ones before its screen draws (renderer/i18n/strings.tsx).
addRoleStrings(COUNTER_STRINGS);

interface CounterScreenProps {
  readonly context: TerminalContext;
  readonly agent: AgentStatus;
}

/** The clerk's screen: who is at my counter, what to press next, who is waiting. */
export function CounterScreen({ context, agent }: CounterScreenProps) {
  const strings = useStrings();
  const counterId = context.device?.counterId ?? null;
  const counter = context.counters.find((c) => c.id === counterId);
  if (counter === undefined) {
    return (
      <>
        <FullScreenMessage title={strings.counter.notAssigned} tone="problem" />
        <StatusLine context={context} agent={agent} />
      </>
    );
  }
  return <CounterDesk key={counter.id} context={context} agent={agent} counter={counter} />;
}

function CounterDesk({ context, agent, counter }: CounterScreenProps & { readonly counter: Counter }) {
  const strings = useStrings();
  const bridge = useBridge();
  const { busy, answered, outcome, callNext, act, transfer, pause, resume, signIn, signOut } = useCounterCommands(bridge);
  const [transferring, setTransferring] = useState(false);
  const desk = useCounterTabs();
  // The ticket whose rating panel the citizen finished with or skipped: it is not shown again.
  const [ratingClosedFor, setRatingClosedFor] = useState<number | null>(null);
  const counterState = context.snapshot?.counterStates[counter.id];
  const recallsNeeded = context.rules?.noShowAfterRecalls ?? 0;
  const needsClerk = context.clerks.length > 0 && !counterState?.clerk;
  const served = counter.serviceIds.map((id) => context.services.find((s) => s.id === id) ?? { id, name: id });
  const serviceName = (id: string): string => context.services.find((s) => s.id === id)?.name ?? id;
  const timeZone = context.centre?.timeZone;

  const ticket = ticketAtCounter(context.snapshot, counter.id, answered);
  const active = ticket !== null && isActiveAtCounter(ticket.state) ? ticket : null;
  const waitingTotal = served.reduce((sum, s) => sum + (context.snapshot?.waiting[s.id] ?? 0), 0);
  const offline = !context.hubConnected || agent !== 'connected';
  const disabled = offline || busy !== null;

  const toRate = answered?.state === 'done' && answered.counterId === counter.id && answered.id !== ratingClosedFor ? answered : null;
  const closeRating = useCallback(() => setRatingClosedFor(toRate?.id ?? null), [toRate?.id]);

  // A press the hub has not answered yet is being sent again (same id): say so on the button pressed.
  const pending = context.sending === null ? strings.counter.working : context.sending.resending ? strings.hubState.resending(1) : strings.hubState.waitingToResend(1);
  const label = (command: CounterCommand, text: string): string => (busy === command ? pending : text);

  return (
    <div className="counter">
      <header className="c-header">
        <div className="c-badge" aria-label={strings.counter.counterLabel(counter.label)}>
          <span className="c-badge-word">{strings.counter.badgeWord}</span>
          <span className="c-badge-label">{counter.label}</span>
        </div>
        <div className="c-title">
          <h1>{counter.name}</h1>
          <p>
            {strings.counter.services}: {served.map((s) => s.name).join(' · ')}
          </p>
        </div>
        {counterState?.clerk && (
          <div className="c-clerk" data-testid="counter-clerk">
            <span>{counterState.clerk.name}</span>
            <button type="button" className="c-btn c-btn-ghost c-btn-small" disabled={disabled} onClick={signOut}>
              {strings.counter.signOut}
            </button>
          </div>
        )}
        {!needsClerk && <PauseControl state={counterState} disabled={disabled} onPause={pause} onResume={resume} />}
        <Clock timeZone={timeZone} className="clock c-clock" />
      </header>
      <HubBanner context={context} agent={agent} audience="counter" />

      {!needsClerk && <CounterTabs tab={desk.tab} onChoose={desk.choose} />}
      <main className="c-main" hidden={!needsClerk && desk.tab !== 'queue'}>
        <section className="c-current" aria-labelledby="c-current-label" data-testid="counter-current">
          <p id="c-current-label" className="c-section-label">
            {strings.counter.currentTicket}
          </p>
          {needsClerk ? (
            <SignInPanel clerks={context.clerks} disabled={disabled} onSignIn={signIn} />
          ) : active !== null ? (
            <ActiveTicket ticket={active} serviceName={serviceName(active.serviceId)} timeZone={timeZone} />
          ) : (
            <div className="c-ticket c-ticket-none">
              <p className="c-none">{strings.counter.noTicket}</p>
              {ticket !== null && (
                <p className="c-last">{strings.counter.lastFinished(ticket.number, strings.ticketState(ticket.state))}</p>
              )}
            </div>
          )}

          <div className="c-actions">
            {active === null && !needsClerk && (
              <button type="button" className="c-btn c-btn-primary c-btn-wide" disabled={disabled || counterState?.paused === true} onClick={callNext}>
                {label('counter:call-next', strings.counter.callNext)}
              </button>
            )}
            {active?.state === 'called' && (
              <>
                <button type="button" className="c-btn c-btn-primary" disabled={disabled} onClick={() => act('counter:start', active.id)}>
                  {label('counter:start', strings.counter.start)}
                </button>
                <button type="button" className="c-btn c-btn-secondary" disabled={disabled} onClick={() => act('counter:recall', active.id)}>
                  {label('counter:recall', strings.counter.recall(active.recalls))}
                </button>
                <button
                  type="button"
                  className="c-btn c-btn-secondary"
                  disabled={disabled || active.recalls < recallsNeeded}
                  title={active.recalls < recallsNeeded ? strings.counter.noShowAfter(recallsNeeded) : undefined}
                  onClick={() => act('counter:no-show', active.id)}
                >
                  {label('counter:no-show', strings.counter.noShow)}
                </button>
              </>
            )}
            {active?.state === 'serving' && (
              <>
                <button type="button" className="c-btn c-btn-success c-btn-wide" disabled={disabled} onClick={() => act('counter:complete', active.id)}>
                  {label('counter:complete', strings.counter.complete)}
                </button>
                <button type="button" className="c-btn c-btn-secondary" disabled={disabled} onClick={() => setTransferring(true)}>
                  {label('counter:transfer', strings.counter.transfer)}
                </button>
              </>
            )}
          </div>
          {active?.state === 'called' && active.recalls < recallsNeeded && <p className="c-hint">{strings.counter.noShowAfter(recallsNeeded)}</p>}
          {transferring && active !== null && (
            <TransferPanel
              ticket={active}
              services={context.services}
              counters={context.counters}
              here={counter}
              disabled={disabled}
              onCancel={() => setTransferring(false)}
              onTransfer={(target) => {
                setTransferring(false);
                transfer(active.id, target);
              }}
            />
          )}
          <Outcome outcome={outcome} waitingTotal={waitingTotal} />
        </section>

        <aside className="c-waiting" aria-labelledby="c-waiting-title" data-testid="counter-waiting">
          <h2 id="c-waiting-title">{strings.counter.waitingTitle}</h2>
          <ul>
            {served.map((s: Pick<Service, 'id' | 'name'>) => (
              <li key={s.id} data-service-id={s.id}>
                <span className="c-waiting-name">{s.name}</span>
                <span className="c-waiting-count">{context.snapshot?.waiting[s.id] ?? 0}</span>
              </li>
            ))}
          </ul>
          <p className="c-waiting-total">{strings.counter.waitingTotal(waitingTotal)}</p>
          <DossierFeed feed={context.dossierFeed} onOpen={desk.openDossier} />
        </aside>
      </main>
      {!needsClerk && (
        <DossierDesks
          context={context}
          tab={desk.tab}
          opening={desk.opening}
          ticket={active}
          onReturned={() => {
            if (active?.state === 'serving') act('counter:complete', active.id);
          }}
        />
      )}
      {toRate !== null && <RatingPanel key={toRate.id} ticket={toRate} counterName={counter.name} onClose={closeRating} />}
      <StatusLine context={context} agent={agent} />
    </div>
  );
}

function ActiveTicket({ ticket, serviceName, timeZone }: { readonly ticket: Ticket; readonly serviceName: string; readonly timeZone: string | undefined }) {
  const strings = useStrings();
  return (
    <div className={`c-ticket c-ticket-${ticket.state}`}>
      <p className="c-number" data-testid="counter-number">
        {formatTicketNumber(ticket.number)}
      </p>
      <div className="c-ticket-facts">
        <p className="c-service">{serviceName}</p>
        <p className={`c-state c-state-${ticket.state}`} data-testid="counter-state">
          {strings.ticketState(ticket.state)}
        </p>
        {ticket.calledAt !== null && <p className="c-called-at">{strings.counter.calledAt(formatIsoTime(ticket.calledAt, strings.locale, timeZone))}</p>}
      </div>
    </div>
  );
}

function Outcome({ outcome, waitingTotal }: { readonly outcome: CommandOutcome; readonly waitingTotal: number }) {
  const strings = useStrings();
  switch (outcome.kind) {
    case 'none':
      return null;
    case 'nobody-waiting':
      // Someone may have taken a number since: then the note no longer holds.
      return waitingTotal === 0 ? (
        <p className="c-message c-message-info" role="status">
          {strings.counter.nobodyWaiting}
        </p>
      ) : null;
    case 'failed':
      return (
        <p className="c-message c-message-error" role="alert">
          <strong>{strings.counter.failed}:</strong> {describeError(strings, outcome.error, true)}
        </p>
      );
  }
}
