import type { PublicTicketView } from '../../core/public/ticket-view';
import { ticketPageAddress } from '../../core/public/page-address';
import { CallAlert } from './alert';
import { RatingPanel, ReminderForm } from './follow-ups';
import { STRINGS, type Lang } from './strings';

/**
 * The citizen's ticket page: one live stream (Server-Sent Events) from the hub, rendered with
 * plain DOM calls (no framework: the page must load fast on a weak phone). Only the token in the
 * address is needed; the hub sends this ticket's public view and nothing else.
 */
type Connection = 'connecting' | 'live' | 'reconnecting' | 'lost';

const LANG_KEY = 'motcua-phone-lang';
// Its own address, whatever path a front put before "/t/" (docs/province.md): the stream and the actions hang off it.
const address = ticketPageAddress(location.pathname);
const page = address?.page ?? '/t/';
const alert = new CallAlert();
let lang: Lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
let view: PublicTicketView | null = null;
let expired = false;
let connection: Connection = 'connecting';
let alertedFor: string | null = null;

const $ = (id: string) => document.getElementById(id)!;
// Built once: what the citizen types survives the live re-renders.
const reminderForm = new ReminderForm(page, () => STRINGS[lang], (remaining) => {
  if (view) view = { ...view, reminder: remaining, canRemind: false };
  render();
});
const ratingPanel = new RatingPanel(page, () => STRINGS[lang], () => {
  if (view) view = { ...view, rated: true, canRate: false };
  render();
});

function el(tag: string, className: string, text?: string, attrs: Record<string, string> = {}): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function render(): void {
  const s = STRINGS[lang];
  document.documentElement.lang = lang;
  document.title = s.title;
  $('brand').textContent = s.brand;
  const langButton = $('lang');
  langButton.textContent = s.switchTo;
  langButton.setAttribute('lang', s.switchLang);
  const sound = $('sound');
  sound.textContent = alert.soundOn ? s.soundOn : s.soundOff;
  // The label says what a tap does; its state shows in the colour too (no aria-pressed: the label already changes).
  sound.dataset['on'] = String(alert.soundOn);
  $('valid').textContent = view && !expired ? s.validUntil(view.day) : '';

  const main = $('main');
  const parts: HTMLElement[] = [];
  if (expired) {
    main.dataset['phase'] = 'expired';
    parts.push(el('h1', 'headline', s.expired), el('p', 'hint', s.expiredHint));
  } else if (!view) {
    main.dataset['phase'] = connection;
    parts.push(el('p', 'status', connection === 'lost' ? s.lost : s.connecting));
  } else {
    main.dataset['phase'] = view.phase;
    parts.push(el('p', 'label', s.yourNumber), el('p', 'number', String(view.number), { 'data-testid': 'phone-number' }), el('p', 'service', view.serviceName));
    switch (view.phase) {
      case 'waiting':
        parts.push(el('p', 'ahead', view.ahead === 0 ? s.next : s.ahead(view.ahead ?? 0), { 'data-testid': 'phone-ahead' }));
        parts.push(el('p', 'estimate', view.estimatedWaitMinutes === null ? s.noEstimate : s.estimate(view.estimatedWaitMinutes)));
        parts.push(el('p', 'hint', s.waitHint));
        if (view.reminder !== null) parts.push(el('p', 'notice', s.remindSet(view.reminder), { 'data-testid': 'phone-reminder' }));
        else if (view.canRemind && (view.ahead ?? 0) > 1) parts.push(reminderForm.render(view.ahead ?? 0));
        break;
      case 'called':
        parts.push(el('h1', 'call', s.called(view.number, view.counterLabel ?? '?'), { role: 'alert', 'data-testid': 'phone-call' }));
        parts.push(el('p', 'hint', s.calledHint));
        break;
      case 'serving':
        parts.push(el('p', 'ahead', s.serving(view.counterLabel ?? '?')));
        break;
      case 'done':
        parts.push(el('p', 'ahead', s.done));
        if (view.canRate) parts.push(ratingPanel.render());
        else if (view.rated) parts.push(el('p', 'notice', s.rateThanks, { 'data-testid': 'phone-rated' }));
        break;
      case 'missed':
        parts.push(el('p', 'ahead', s.missed));
        break;
      case 'cancelled':
        parts.push(el('p', 'ahead', s.cancelled));
        break;
    }
    if (connection === 'reconnecting' || connection === 'lost') parts.push(el('p', 'status', connection === 'lost' ? s.lost : s.reconnecting));
  }
  if (connection === 'lost') {
    const again = el('button', 'reload', s.reload, { type: 'button' });
    again.addEventListener('click', () => location.reload());
    parts.push(again);
  }
  main.replaceChildren(...parts);
}

function onTicket(next: PublicTicketView): void {
  view = next;
  // A call, or a recall (a new calledAt): ring once for each.
  if (next.phase === 'called' && next.calledAt && alertedFor !== next.calledAt) {
    alertedFor = next.calledAt;
    alert.ring();
  }
  render();
}

function connect(): void {
  const stream = new EventSource(`${page}/events`);
  stream.addEventListener('open', () => {
    connection = 'live';
    render();
  });
  stream.addEventListener('ticket', (e) => {
    connection = 'live';
    onTicket(JSON.parse((e as MessageEvent<string>).data) as PublicTicketView);
  });
  stream.addEventListener('expired', () => {
    expired = true;
    stream.close();
    render();
  });
  stream.addEventListener('error', () => {
    if (expired) return;
    // CLOSED: the hub refused the stream (an expired ticket, too many requests); the browser will not retry.
    connection = stream.readyState === EventSource.CLOSED ? 'lost' : 'reconnecting';
    render();
  });
}

$('lang').addEventListener('click', () => {
  lang = STRINGS[lang].switchLang;
  localStorage.setItem(LANG_KEY, lang);
  render();
});
$('sound').addEventListener('click', () => {
  if (alert.soundOn) {
    alert.disableSound();
    render();
  } else void alert.enableSound().then(render);
});

render();
connect();
