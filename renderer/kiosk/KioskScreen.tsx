import { dossierCodeFromScan } from '../../core/dossiers/dossier-code';
import type { TerminalContext } from '../../core/protocol/bridge';
import { missingCase } from '../../core/result';
import type { AgentStatus } from '../bridge/terminal-link';
import { useBridgeEvent } from '../bridge/use-bridge-event';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings, addRoleStrings } from '../i18n/strings';
import { Clock } from '../shared/Clock';
import { describeError } from '../shared/describe-error';
import { StatusLine } from '../shared/StatusLine';
import { useCountdown } from '../shared/use-countdown';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { ticketEntryOf } from '../../core/queue/ticket-entry';
import './kiosk.css';
import './home-doors.css';
import { PriorityChoice, type DeclaredPriority } from './PriorityChoice';
import { ServiceTiles } from './ServiceTiles';
import { useIdleHome } from './use-idle-home';
import { useKioskLockdown } from './use-kiosk-lockdown';
import { KioskAccessBar } from './KioskAccessBar';
import { useKioskAccess } from './use-kiosk-access';
import { guidanceClipBase, useKioskGuidance } from './use-kiosk-guidance';
import { useTakeTicket } from './use-take-ticket';
import { useWalkInClosed } from './use-walk-in-closed';
import { KIOSK_STRINGS } from '../i18n/for-kiosk';

// This role's words join the shared ones before its screen draws (renderer/i18n/strings.tsx).
addRoleStrings(KIOSK_STRINGS);

const FAILED_SECONDS = 15;

/*
 * What the home screen opens (the booking check-in, the dossier lookup, the search with its
 * on-screen keyboard) and the ticket once issued are chunks of their own, so the first screen
 * needs less (budget: ≤ 100 kB gzip, bench/role-bundles.ts); they are fetched while the home
 * screen waits (prefetchPanels).
 */
const loadResult = () => import('./TicketResult');
const loadCheckIn = () => import('./AppointmentCheckIn');
const loadLookup = () => import('./DossierLookup');
const loadSearch = () => import('./ServiceSearch');
const TicketResult = lazy(() => loadResult().then((m) => ({ default: m.TicketResult })));
const AppointmentCheckIn = lazy(() => loadCheckIn().then((m) => ({ default: m.AppointmentCheckIn })));
const DossierLookup = lazy(() => loadLookup().then((m) => ({ default: m.DossierLookup })));
const ServiceSearch = lazy(() => loadSearch().then((m) => ({ default: m.ServiceSearch })));

/** Fetches the panels once the home screen is up and the page is idle, so a tap does not wait for them. */
function prefetchPanels(): () => void {
  const load = () => void Promise.all([loadResult(), loadCheckIn(), loadLookup(), loadSearch()]).catch(() => {});
  const timer = setTimeout(load, 1000);
  return () => clearTimeout(timer);
}

// Its own chunk: the rating screen is fetched when a citizen first opens it, not with the home screen.
const KioskRating = lazy(() => import('./KioskRating').then((m) => ({ default: m.KioskRating })));

interface KioskScreenProps {
  readonly context: TerminalContext;
  readonly agent: AgentStatus;
}

/** The citizen's touchscreen: choose a service, get a number. */
export function KioskScreen({ context, agent }: KioskScreenProps) {
  const strings = useStrings();
  const bridge = useBridge();
  const { phase, take, home } = useTakeTicket(bridge);
  const { largeText, toggleLargeText, guidance, toggleGuidance } = useKioskAccess();
  const [clipBase] = useState(guidanceClipBase);
  const [priority, setPriority] = useState<DeclaredPriority>('normal');
  const [checkingIn, setCheckingIn] = useState(false);
  const [lookingUp, setLookingUp] = useState(false);
  const [searching, setSearching] = useState(false);
  const [rating, setRating] = useState(false);
  // A booking slip scanned on a serial scanner opens the check-in with its code; scans that came
  // before this screen appeared are not replayed, and each scan is used once.
  // One that comes while a ticket is being taken waits for the home screen.
  const [heardScan, setHeardScan] = useState<{ code: string; seq: number } | null>(null);
  useBridgeEvent('scan', setHeardScan);
  const usedScan = useRef<number | null>(null);
  const [freshScan, setFreshScan] = useState<{ code: string; seq: number } | null>(null);
  useEffect(() => {
    const scan = heardScan;
    if (!scan || scan.seq === usedScan.current || phase.kind !== 'home') return;
    usedScan.current = scan.seq;
    setFreshScan(scan);
    // A ticket's QR (or any scan while the rating screen is open) is a rating; a receipt's QR (or any
    // scan while the lookup is open) is a dossier lookup; the rest are booking codes.
    const entry = ticketEntryOf(scan.code);
    const rate = rating || (!lookingUp && entry !== null && entry.kind !== 'number');
    const lookup = !rate && (lookingUp || dossierCodeFromScan(scan.code) !== null);
    setRating(rate);
    setLookingUp(lookup);
    setCheckingIn(!rate && !lookup);
  }, [heardScan, phase.kind, lookingUp, rating]);
  useKioskLockdown();
  useEffect(prefetchPanels, []);
  // The result and failure screens count down by themselves; the check-in keypad and a chosen
  // priority on the home screen go back after the configured idle time.
  useIdleHome(phase.kind === 'home' && (checkingIn || lookingUp || searching || rating || priority !== 'normal'), () => {
    setCheckingIn(false);
    setRating(false);
    setSearching(false);
    setLookingUp(false);
    setFreshScan(null);
    setPriority('normal');
  });
  // Without the hub the kiosk still issues from its leased numbers; only the services whose
  // numbers ran out (and what needs the hub: bookings, dossier lookup) wait for it.
  const agentDown = agent !== 'connected';
  const hubAway = !context.hubConnected;
  const numbersLeft = context.kiosk?.numbersLeft ?? {};
  const noNumbers = hubAway ? new Set(context.services.filter((x) => (numbersLeft[x.id] ?? 0) === 0).map((x) => x.id)) : new Set<string>();
  const canIssue = !agentDown && noNumbers.size < context.services.length;
  const offline = agentDown || hubAway;
  const closed = useWalkInClosed(context.services, context.centre?.timeZone ?? 'Asia/Ho_Chi_Minh', context.snapshot?.day ?? null, phase);

  useKioskGuidance(
    phase.kind !== 'home' ? phase.kind : lookingUp ? 'lookup' : checkingIn ? 'checkIn' : searching ? 'search' : 'home',
    guidance,
    clipBase,
  );

  let body;
  switch (phase.kind) {
    case 'home':
      body = rating ? (
        <Suspense fallback={<p className="k-lookup-busy" role="status">{strings.kiosk.rateLooking}</p>}>
          <KioskRating bridge={bridge} disabled={offline} onHome={() => {
              setRating(false);
              setFreshScan(null);
            }} scan={freshScan} />
        </Suspense>
      ) : lookingUp ? (
        <DossierLookup bridge={bridge} disabled={offline} onHome={() => {
            setLookingUp(false);
            setFreshScan(null);
          }} scan={freshScan} />
      ) : checkingIn ? (
        <AppointmentCheckIn bridge={bridge} disabled={offline} onHome={() => {
            setCheckingIn(false);
            setFreshScan(null);
          }} scan={freshScan} />
      ) : searching ? (
        <ServiceSearch
          services={context.services}
          waiting={hubAway ? null : (context.snapshot?.waiting ?? null)}
          disabled={!canIssue}
          unavailable={noNumbers}
          closed={closed}
          onTake={(service) => {
            setSearching(false);
            take(service, priority);
            setPriority('normal');
          }}
          onHome={() => setSearching(false)}
        />
      ) : (
        <>
          {!canIssue && (
            <div className="k-banner" role="alert" data-testid="kiosk-offline">
              {strings.kiosk.offlineBanner}
            </div>
          )}
          <div className="k-home-actions">
            <button type="button" className="k-appointment-button" data-testid="kiosk-appointment" disabled={offline} onClick={() => setCheckingIn(true)}>
              <span>{strings.appointment.button}</span>
              <span className="k-appointment-hint">{strings.appointment.buttonHint}</span>
            </button>
            <button type="button" className="k-appointment-button k-lookup-button" data-testid="kiosk-lookup-open" disabled={offline} onClick={() => setLookingUp(true)}>
              <span>{strings.kiosk.lookupButton}</span>
              <span className="k-appointment-hint">{strings.kiosk.lookupButtonHint}</span>
            </button>
            <button type="button" className="k-appointment-button k-search-button" data-testid="kiosk-search-open" onClick={() => setSearching(true)}>
              <span>{strings.kioskHelp.search.button}</span>
              <span className="k-appointment-hint">{strings.kioskHelp.search.buttonHint}</span>
            </button>
            <button type="button" className="k-appointment-button k-rate-button" data-testid="kiosk-rate-open" disabled={offline} onClick={() => setRating(true)}>
              <span>{strings.kiosk.rateButton}</span>
              <span className="k-appointment-hint">{strings.kiosk.rateButtonHint}</span>
            </button>
          </div>
          {/* Before the tiles: a citizen with a priority right chooses it first, and it stays on screen however many services there are. */}
          <PriorityChoice value={priority} onChange={setPriority} disabled={!canIssue} />
          <h2 className="k-prompt">{strings.kiosk.prompt}</h2>
          <ServiceTiles
            services={context.services}
            // The queue counts are stale while the hub is away: none rather than wrong ones.
            waiting={hubAway ? null : (context.snapshot?.waiting ?? null)}
            disabled={!canIssue}
            unavailable={noNumbers}
            closed={closed}
            onTake={(service) => {
              take(service, priority);
              setPriority('normal');
            }}
          />
          {canIssue && context.printer?.health === 'offline' && <p className="k-printer-warning">{strings.kiosk.printerWarning}</p>}
        </>
      );
      break;
    case 'printing':
      body = (
        <section className="k-printing" role="status" data-testid="kiosk-printing">
          <div className="spinner spinner-large" aria-hidden="true" />
          <p className="k-printing-title">{strings.kiosk.printing}</p>
          <p className="k-printing-service">{phase.service.name}</p>
          <p className="k-printing-hint">{strings.kiosk.pleaseWait}</p>
        </section>
      );
      break;
    case 'issued':
      body = <TicketResult key={phase.output.ticket.id} output={phase.output} onDone={home} />;
      break;
    case 'failed':
      body = <TakeFailed service={phase.service.name} message={describeError(strings, phase.error, true)} onBack={home} />;
      break;
    default:
      return missingCase(phase);
  }

  return (
    <div className={largeText ? 'kiosk k-large' : 'kiosk'} data-phase={phase.kind}>
      <header className="k-header">
        <h1 className="k-centre">{context.centre?.name ?? ''}</h1>
        {hubAway && !agentDown && (
          // For staff: small, in the corner; the citizen's path looks the same as online.
          <span className="k-offline-pill" data-testid="kiosk-offline-indicator" title={context.hubProblem ?? undefined}>
            {strings.kiosk.offlineIndicator(context.kiosk?.pending ?? 0)}
          </span>
        )}
        {!hubAway && (context.kiosk?.failed.length ?? 0) > 0 && (
          // Offline tickets the hub refused (or of a day that is over) stay until staff look at them.
          <span className="k-offline-pill" data-testid="kiosk-offline-failed" title={context.kiosk?.failed.map((f) => `${f.number}: ${f.message}`).join('\n')}>
            {strings.kiosk.offlineFailed(context.kiosk?.failed.length ?? 0)}
          </span>
        )}
        <Clock timeZone={context.centre?.timeZone} className="clock k-clock" />
      </header>
      <KioskAccessBar largeText={largeText} onToggleLargeText={toggleLargeText} guidance={clipBase === null ? undefined : { on: guidance, toggle: toggleGuidance }} />
      <main className="k-main">
        <Suspense fallback={null}>{body}</Suspense>
      </main>
      {/* Issuing offline, the header's small mark is the staff's signal: no red bar in front of the citizen. */}
      {!(hubAway && canIssue) && <StatusLine context={context} agent={agent} />}
    </div>
  );
}

function TakeFailed({ service, message, onBack }: { readonly service: string; readonly message: string; readonly onBack: () => void }) {
  const strings = useStrings();
  const left = useCountdown(FAILED_SECONDS, onBack);
  return (
    <section className="k-failed" role="alert" data-testid="kiosk-failed">
      <p className="k-failed-title">{strings.kiosk.failedTitle}</p>
      <p className="k-failed-service">{service}</p>
      <p className="k-failed-message">{message}</p>
      <p className="k-failed-hint">{strings.kiosk.failedHint}</p>
      <button type="button" className="k-done" onClick={onBack}>
        {strings.kiosk.back}
      </button>
      <p className="k-countdown">{strings.kiosk.backIn(left)}</p>
    </section>
  );
}
