import type { BookingView, Catalogue, HoldAnswer, SlotsAnswer } from '../../core/booking/booking-api';
import type { BookingError, BookingErrorKind } from '../../core/booking/booking-refusals';
import { api } from './api';
import { STRINGS, type BookingStrings, type Lang } from './strings';

/**
 * The public booking page: service → day → slot (free places shown) → name and phone while the
 * slot is held → the confirmation with its code and QR; and cancel / change by code and phone.
 * Plain DOM, no framework (the page must load fast on a weak phone); the hub's JSON API decides
 * everything, the page only shows it.
 */
type Step =
  | { readonly kind: 'service' }
  | { readonly kind: 'day'; readonly serviceId: string }
  | { readonly kind: 'slot'; readonly serviceId: string; readonly date: string; readonly slots: SlotsAnswer['slots'] | null }
  | { readonly kind: 'form'; readonly hold: HoldAnswer; readonly deadline: number }
  | { readonly kind: 'done'; readonly booking: BookingView; readonly note?: 'cancelled' | 'moved' }
  | { readonly kind: 'manage' };

const LANG_KEY = 'motcua-booking-lang';
let lang: Lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
let catalogue: Catalogue | null = null;
let step: Step = { kind: 'service' };
let alertText = '';
/** While changing a booking: its code and phone; the slot chosen then moves it instead of booking anew. */
let moving: { code: string; phone: string } | null = null;
let countdown: number | undefined;
let cancelArmed = false;

const $ = (id: string) => document.getElementById(id)!;
const s = (): BookingStrings => STRINGS[lang];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}
function button(text: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}

const EN_ERRORS: Readonly<Record<BookingErrorKind, string>> = {
  'invalid-input': 'Please check what you entered.',
  'not-offered': 'This centre does not take online bookings.',
  'not-found': 'No booking with this code and phone number.',
  'slot-full': 'This time is full: please choose another.',
  'day-full': 'This service is fully booked on that day: please choose another day.',
  'cap-reached': 'This service has reached its daily limit on that day: please choose another day.',
  'person-limit': 'One booking per person per day: this phone number (or ID) already has one that day.',
  'hold-expired': 'The time held for you has run out: please choose a time again.',
  'slot-past': 'This time has passed: please choose a later one.',
  'closed-day': 'The centre is closed on that day.',
  'not-changeable': 'This booking can no longer be changed.',
  'rate-limited': 'Too many requests: please try again in a few minutes.',
};
/** Shows a refusal without redrawing the step: what the citizen typed stays in the form. */
function showError(error: BookingError): void {
  alertText = error.message === '' ? s().failed : lang === 'en' ? EN_ERRORS[error.kind] : error.message;
  if (!catalogue) return render();
  $('alert').textContent = alertText;
}
function go(next: Step): void {
  step = next;
  alertText = '';
  cancelArmed = false;
  render();
  $('main').querySelector<HTMLElement>('h1, h2')?.focus();
}

async function loadCatalogue(): Promise<void> {
  const r = await api<Catalogue>('catalogue');
  if (!r.ok) return showError(r.error);
  catalogue = r.value;
  render();
}
async function chooseDay(serviceId: string, date: string): Promise<void> {
  go({ kind: 'slot', serviceId, date, slots: null });
  const r = await api<SlotsAnswer>(`slots?serviceId=${encodeURIComponent(serviceId)}&date=${encodeURIComponent(date)}`);
  if (!r.ok) return showError(r.error);
  if (step.kind === 'slot' && step.date === date) go({ ...step, slots: r.value.slots });
}
async function chooseSlot(serviceId: string, date: string, slotStart: string): Promise<void> {
  const r = await api<HoldAnswer>('holds', { serviceId, date, slotStart });
  if (!r.ok) {
    showError(r.error);
    if (r.error.kind === 'slot-full') void chooseDay(serviceId, date).then(() => showError(r.error));
    return;
  }
  if (moving) {
    const m = await api<BookingView>('bookings/move', { ...moving, hold: r.value.hold });
    if (!m.ok) return showError(m.error);
    moving = null;
    return go({ kind: 'done', booking: m.value, note: 'moved' });
  }
  go({ kind: 'form', hold: r.value, deadline: Date.now() + r.value.seconds * 1000 });
}
async function release(hold: HoldAnswer): Promise<void> {
  await api('holds/release', { hold: hold.hold });
  void chooseDay(hold.serviceId, hold.date);
}
async function submitBooking(form: HTMLFormElement, hold: HoldAnswer): Promise<void> {
  const data = new FormData(form);
  const cccd = String(data.get('cccd') ?? '').trim();
  const r = await api<BookingView>('bookings', { hold: hold.hold, citizenName: String(data.get('name') ?? ''), phone: String(data.get('phone') ?? ''), ...(cccd ? { cccd } : {}) });
  if (!r.ok) {
    showError(r.error);
    if (r.error.kind === 'hold-expired') void chooseDay(hold.serviceId, hold.date).then(() => showError(r.error));
    return;
  }
  go({ kind: 'done', booking: r.value });
}
async function manage(form: HTMLFormElement, action: 'find' | 'cancel'): Promise<void> {
  const data = new FormData(form);
  const input = { code: String(data.get('code') ?? ''), phone: String(data.get('phone') ?? '') };
  const r = await api<BookingView>(`bookings/${action}`, input);
  if (!r.ok) return showError(r.error);
  go({ kind: 'done', booking: r.value, ...(action === 'cancel' ? { note: 'cancelled' as const } : {}) });
}

function heading(text: string): HTMLElement {
  return el('h1', { tabindex: '-1' }, text);
}
function field(id: string, label: string, attrs: Record<string, string>, hint?: string): HTMLElement {
  const input = el('input', { id, name: id, ...attrs, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) });
  return el('div', { class: 'field' }, el('label', { for: id }, label), input, ...(hint ? [el('p', { id: `${id}-hint`, class: 'hint' }, hint)] : []));
}
const serviceName = (id: string) => catalogue?.services.find((x) => x.id === id)?.name ?? id;
const clockOf = (iso: string) => new Date(iso).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false });

function view(): Node[] {
  const t = s();
  if (!catalogue) return [el('p', { class: 'status' }, alertText ? '' : t.loading), ...(alertText ? [button(t.retry, () => ((alertText = ''), void loadCatalogue()), { class: 'primary' })] : [])];
  switch (step.kind) {
    case 'service':
      return [heading(t.stepService), el('div', { class: 'choices' }, ...catalogue.services.map((x) => button(x.name, () => go({ kind: 'day', serviceId: x.id }), { class: 'choice', 'data-service': x.id })))];
    case 'day': {
      const serviceId = step.serviceId;
      return [
        button(t.back, () => go(moving ? { kind: 'manage' } : { kind: 'service' }), { class: 'back' }),
        heading(t.stepDay),
        el('p', { class: 'picked' }, serviceName(serviceId)),
        el('div', { class: 'choices days' }, ...catalogue.days.map((d) => (d.open ? button(t.day(d.date), () => void chooseDay(serviceId, d.date), { class: 'choice', 'data-date': d.date }) : el('button', { type: 'button', class: 'choice', disabled: '', 'data-date': d.date }, `${t.day(d.date)} · ${t.closed}`)))),
      ];
    }
    case 'slot': {
      const { serviceId, date, slots } = step;
      // Each slot: its time large, its free places under it; a full one cannot be chosen.
      const slotButton = (x: SlotsAnswer['slots'][number]) => {
        const b = el('button', { type: 'button', class: 'choice slot', 'data-slot': x.start, ...(x.free > 0 ? {} : { disabled: '' }) }, el('span', { class: 'time' }, x.start), el('span', { class: 'free' }, x.free > 0 ? t.free(x.free) : x.past ? t.past : t.full));
        if (x.free > 0) b.addEventListener('click', () => void chooseSlot(serviceId, date, x.start));
        return b;
      };
      return [
        button(t.back, () => go({ kind: 'day', serviceId }), { class: 'back' }),
        heading(t.stepSlot),
        el('p', { class: 'picked' }, `${serviceName(serviceId)} · ${t.day(date)}`),
        slots === null ? el('p', { class: 'status' }, t.loading) : el('div', { class: 'choices slots' }, ...slots.map(slotButton)),
        ...(slots !== null && !slots.some((x) => x.free > 0) ? [el('p', { class: 'status' }, t.noSlots)] : []),
      ];
    }
    case 'form': {
      const hold = step.hold;
      const form = el(
        'form',
        { class: 'details', novalidate: '' },
        field('name', t.name, { type: 'text', autocomplete: 'name', required: '', minlength: '2', maxlength: '100' }),
        field('phone', t.phone, { type: 'tel', autocomplete: 'tel', inputmode: 'tel', required: '', maxlength: '20' }, t.phoneHint),
        ...(catalogue.askCccd ? [field('cccd', t.cccd, { type: 'text', inputmode: 'numeric', maxlength: '14' }, t.cccdHint)] : []),
        el('button', { type: 'submit', class: 'primary' }, t.confirm),
      );
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        void submitBooking(form, hold);
      });
      return [
        heading(t.stepForm),
        el('p', { class: 'picked' }, `${serviceName(hold.serviceId)} · ${t.when(hold.slotStart, hold.date)}`),
        el('p', { class: 'held' }, t.held(hold.slotStart, hold.date, clockOf(hold.expiresAt)), ' ', el('strong', { id: 'left', 'aria-live': 'off' })),
        form,
        button(t.chooseAgain, () => void release(hold), { class: 'secondary' }),
      ];
    }
    case 'done': {
      const b = step.booking;
      const title = step.note === 'cancelled' ? t.cancelled : step.note === 'moved' ? t.moved : b.state === 'booked' ? t.booked : t.state[b.state];
      return [
        heading(title),
        el('p', { class: 'label' }, t.code),
        el('p', { class: 'code', 'data-testid': 'booking-code' }, b.code),
        ...(b.state === 'booked' ? [el('img', { class: 'qr', src: b.qr, alt: t.qrAlt(b.code), width: '220', height: '220' })] : []),
        el('p', { class: 'picked' }, serviceName(b.serviceId) || b.serviceName),
        el('p', { class: 'when' }, t.when(b.slotStart, b.date)),
        el('p', { class: 'state' }, `${t.state[b.state]} · ${t.who(b.initials, b.phone)}`),
        ...(b.state === 'booked' ? [el('p', { class: 'hint' }, t.bring)] : []),
        ...(b.state === 'booked'
          ? [
              el(
                'div',
                { class: 'actions' },
                button(t.move, () => {
                  moving = { code: b.code, phone: lastPhone };
                  go({ kind: 'day', serviceId: b.serviceId });
                }, { class: 'secondary' }),
                button(cancelArmed ? t.cancelSure : t.cancel, () => {
                  if (!cancelArmed) {
                    cancelArmed = true;
                    return render();
                  }
                  void api<BookingView>('bookings/cancel', { code: b.code, phone: lastPhone }).then((r) => (r.ok ? go({ kind: 'done', booking: r.value, note: 'cancelled' }) : showError(r.error)));
                }, { class: 'danger' }),
              ),
            ]
          : []),
        button(t.newBooking, () => go({ kind: 'service' }), { class: 'secondary' }),
      ];
    }
    case 'manage': {
      const form = el(
        'form',
        { class: 'details', novalidate: '' },
        field('code', t.code, { type: 'text', autocomplete: 'off', autocapitalize: 'characters', required: '', maxlength: '12' }),
        field('manage-phone', t.phone, { type: 'tel', autocomplete: 'tel', inputmode: 'tel', required: '', maxlength: '20', name: 'phone' }),
        el('button', { type: 'submit', class: 'primary' }, t.find),
      );
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        lastPhone = String(new FormData(form).get('phone') ?? '');
        void manage(form, 'find');
      });
      return [heading(t.manageTitle), el('p', { class: 'hint' }, t.manageHint), form];
    }
  }
}
/** The phone number the citizen used on this page (to cancel or change right after booking). */
let lastPhone = '';

function render(): void {
  const t = s();
  document.documentElement.lang = lang;
  document.title = t.title;
  $('brand').textContent = t.title;
  const langButton = $('lang');
  langButton.textContent = t.switchTo;
  langButton.setAttribute('lang', t.switchLang);
  const tabs = $('tabs');
  const managing = step.kind === 'manage' || moving !== null;
  tabs.replaceChildren(
    button(t.tabBook, () => ((moving = null), go({ kind: 'service' })), { class: 'tab', 'aria-current': managing ? 'false' : 'page' }),
    button(t.tabManage, () => ((moving = null), go({ kind: 'manage' })), { class: 'tab', 'aria-current': managing ? 'page' : 'false' }),
  );
  $('main').replaceChildren(...view());
  $('alert').textContent = alertText;
  tick();
}

/** The hold's countdown, every second while the form shows. */
function tick(): void {
  window.clearTimeout(countdown);
  if (step.kind !== 'form') return;
  const left = Math.max(0, step.deadline - Date.now());
  const out = document.getElementById('left');
  if (out) out.textContent = s().heldLeft(`${Math.floor(left / 60_000)}:${String(Math.floor((left % 60_000) / 1000)).padStart(2, '0')}`);
  countdown = window.setTimeout(tick, 1000);
}

// Keep the phone number typed in the booking form for cancel / change right after.
document.addEventListener('input', (e) => {
  const target = e.target as HTMLInputElement;
  if (target.name === 'phone') lastPhone = target.value;
});
$('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANG_KEY, lang);
  if (alertText) alertText = '';
  render();
});
render();
void loadCatalogue();
