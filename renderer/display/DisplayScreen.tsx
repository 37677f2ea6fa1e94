import type { CounterState } from '../../core/queue/snapshot';
import type { TerminalContext } from '../../core/protocol/bridge';
import { isActiveAtCounter } from '../../core/queue/ticket-state';
import type { Counter, Ticket } from '../../core/queue/types';
import type { AgentStatus } from '../bridge/terminal-link';
import { useStrings, addRoleStrings } from '../i18n/strings';
import { Clock } from '../shared/Clock';
import { formatTicketNumber } from '../shared/format';
import { HubBanner } from '../shared/HubState';
import { StatusLine } from '../shared/StatusLine';
import './display.css';
import { useCallAnnouncer } from './use-call-announcer';
import { DISPLAY_STRINGS } from '../i18n/for-display';

// This role's words join the shared ones before its screen draws (renderer/i18n/strings.tsx).
addRoleStrings(DISPLAY_STRINGS);

/** Calls shown in the "Vừa gọi" column (the snapshot keeps up to RECENT_CALLS); display.css sizes rows for this many. */
const RECENT_SHOWN = 6;

interface DisplayScreenProps {
  readonly context: TerminalContext;
  readonly agent: AgentStatus;
}

/** How tightly the counter cards are packed: a centre has anything from 2 to 20 counters. */
function densityOf(counters: number): 'few' | 'some' | 'many' {
  return counters <= 3 ? 'few' : counters <= 6 ? 'some' : 'many';
}

/** A call is the same call only if the same ticket was called at the same moment (a recall is a new call). */
function callKey(ticket: Ticket): string {
  return `${ticket.id}@${ticket.calledAt ?? ''}`;
}

/** The waiting-room TV: read from across the room, live from every push. */
export function DisplayScreen({ context, agent }: DisplayScreenProps) {
  const strings = useStrings();
  const snapshot = context.snapshot;
  const newest = snapshot?.recentCalls[0] ?? null;
  const counterLabel = (id: string | null): string => context.counters.find((c) => c.id === id)?.label ?? id ?? '';
  const voice = useCallAnnouncer(context);

  return (
    <div className="display">
      <header className="d-header">
        <h1 className="d-centre">{context.centre?.name ?? ''}</h1>
        <Clock timeZone={context.centre?.timeZone} withSeconds className="clock d-clock" />
      </header>
      <HubBanner context={context} agent={agent} audience="display" />

      <main className="d-main">
        <div className="d-left">
          {newest !== null ? (
            <section key={callKey(newest)} className="d-now d-flash" aria-live="assertive" data-testid="display-now">
              <div className="d-now-cell">
                <span className="d-now-word">{strings.display.nowCalling}</span>
                <span className="d-now-number">{formatTicketNumber(newest.number)}</span>
              </div>
              <span className="d-now-arrow" aria-hidden="true">
                →
              </span>
              <div className="d-now-cell">
                <span className="d-now-word">{strings.display.toCounter}</span>
                <span className="d-now-counter">{strings.display.counterLabel(counterLabel(newest.counterId))}</span>
              </div>
            </section>
          ) : (
            <section className="d-now d-now-empty" data-testid="display-now">
              <span className="d-now-empty-title">{strings.display.noCallsYet}</span>
              <span className="d-now-empty-hint">{strings.display.takeNumberHint}</span>
            </section>
          )}

          <ul className={`d-counters d-counters-${densityOf(context.counters.length)}`}>
            {context.counters.map((counter) => (
              <CounterCard
                key={counter.id}
                counter={counter}
                ticket={snapshot?.counters[counter.id] ?? null}
                newest={newest !== null && snapshot?.counters[counter.id]?.id === newest.id}
                state={snapshot?.counterStates[counter.id]}
                serviceName={(id) => context.services.find((s) => s.id === id)?.name ?? ''}
              />
            ))}
          </ul>
        </div>

        <section className="d-recent" aria-labelledby="d-recent-title" data-testid="display-recent">
          <h2 id="d-recent-title">{strings.display.recentCalls}</h2>
          <ol>
            {(snapshot?.recentCalls ?? []).slice(0, RECENT_SHOWN).map((call, i) => (
              <li key={callKey(call)} className={i === 0 ? 'd-recent-newest d-slide-in' : undefined}>
                <span className="d-recent-number">{formatTicketNumber(call.number)}</span>
                <span className="d-recent-arrow" aria-hidden="true">
                  →
                </span>
                <span className="d-recent-counter">{strings.display.counterLabel(counterLabel(call.counterId))}</span>
              </li>
            ))}
          </ol>
        </section>
      </main>

      <footer className="d-waiting" data-testid="display-waiting">
        <span className="d-waiting-title">{strings.display.waitingTitle}</span>
        <ul>
          {context.services.map((service) => (
            <li key={service.id}>
              <span className="d-waiting-name">{service.name}</span>
              <span className="d-waiting-count">{strings.display.waitingPeople(snapshot?.waiting[service.id] ?? 0)}</span>
            </li>
          ))}
        </ul>
        {voice.status === 'blocked' && (
          <button type="button" className="d-sound-unlock" onClick={voice.unlock} data-testid="display-sound-unlock">
            {strings.display.enableSound}
          </button>
        )}
      </footer>
      <StatusLine context={context} agent={agent} />
    </div>
  );
}

interface CounterCardProps {
  readonly counter: Counter;
  readonly ticket: Ticket | null;
  readonly newest: boolean;
  readonly state: CounterState | undefined;
  readonly serviceName: (id: string) => string;
}

function CounterCard({ counter, ticket, newest, state, serviceName }: CounterCardProps) {
  const strings = useStrings();
  const active = ticket !== null && isActiveAtCounter(ticket.state) ? ticket : null;
  if (state?.paused && active === null) {
    return (
      <li className="d-counter d-counter-idle d-counter-paused" data-counter-id={counter.id}>
        <span className="d-counter-label">{strings.display.counterLabel(counter.label)}</span>
        <span className="d-counter-number d-counter-number-idle">{strings.display.paused}</span>
        <span className="d-counter-service">{state.pausedReason ?? ''}</span>
      </li>
    );
  }
  return (
    <li className={`d-counter${newest ? ' d-counter-newest' : ''}${active === null ? ' d-counter-idle' : ''}`} data-counter-id={counter.id}>
      <span className="d-counter-label">{strings.display.counterLabel(counter.label)}</span>
      {active !== null ? (
        <>
          <span key={callKey(active)} className="d-counter-number d-flash-soft">
            {formatTicketNumber(active.number)}
          </span>
          <span className="d-counter-service">{serviceName(active.serviceId)}</span>
        </>
      ) : (
        <>
          <span className="d-counter-number d-counter-number-idle">—</span>
          <span className="d-counter-service">{ticket === null ? strings.display.idle : strings.display.ready}</span>
        </>
      )}
    </li>
  );
}
