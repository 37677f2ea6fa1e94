import { REMINDER_DEFAULT, REMINDER_MAX, REMINDER_MIN } from '../../core/public/reminder-limits';
import { RATING_COMMENT_MAX, RATING_LEVELS, type RatingLevel } from '../../core/stats/rating-levels';
import type { PhoneStrings } from './strings';

/**
 * The ticket page's two follow-ups: "nhắc tôi khi còn N người" while the ticket waits (when the
 * centre sends messages) and the rating once it is served. Their nodes are built once and kept
 * across renders, so what the citizen types survives the live updates.
 */
export interface Answer {
  readonly ok: boolean;
  readonly message: string;
}

/**
 * POST to the page's own routes (`page`: the page's path, "<prefix>/t/<token>", so a front's path
 * prefix is kept); the hub answers {ok, value} | {ok:false, error} (or an HTML page for 404/410/429).
 */
export async function postAction(page: string, what: 'remind' | 'rate', body: unknown, s: PhoneStrings): Promise<Answer> {
  try {
    const res = await fetch(`${page}/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (String(res.headers.get('content-type')).startsWith('application/json')) {
      const answer = (await res.json()) as { ok: true } | { ok: false; error: { message: string } };
      return answer.ok ? { ok: true, message: '' } : { ok: false, message: answer.error.message };
    }
    return { ok: false, message: s.failed(res.status) };
  } catch {
    return { ok: false, message: s.failed(0) };
  }
}

function node<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export class ReminderForm {
  readonly root = node('form', { class: 'panel remind', 'aria-labelledby': 'remind-title', novalidate: '' });
  private readonly title = node('h2', { id: 'remind-title' });
  private readonly intro = node('p', { class: 'panel-intro' });
  private readonly phoneLabel = node('label', { for: 'remind-phone' });
  private readonly phone = node('input', { id: 'remind-phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel', placeholder: '0912 345 678', maxlength: '30', required: '' });
  private readonly countLabel = node('label', { for: 'remind-count' });
  private readonly count = node('select', { id: 'remind-count' });
  private readonly consent = node('input', { id: 'remind-consent', type: 'checkbox', required: '' });
  private readonly consentText = node('span');
  private readonly send = node('button', { type: 'submit', class: 'primary' });
  private readonly status = node('p', { class: 'form-status', role: 'status' });
  private maxShown = 0;
  private busy = false;

  constructor(
    /** The page's path, "<prefix>/t/<token>" (core/public/page-address.ts). */
    private readonly page: string,
    private readonly strings: () => PhoneStrings,
    private readonly done: (remaining: number) => void,
  ) {
    const consentLabel = node('label', { class: 'consent', for: 'remind-consent' });
    consentLabel.append(this.consent, this.consentText);
    this.root.append(this.title, this.intro, this.phoneLabel, this.phone, this.countLabel, this.count, consentLabel, this.send, this.status);
    this.root.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
  }

  /** The form for a ticket with `ahead` people before it: N from 1 to ahead − 1 (at most 10). */
  render(ahead: number): HTMLElement {
    const s = this.strings();
    this.title.textContent = s.remindTitle;
    this.intro.textContent = s.remindIntro;
    this.phoneLabel.textContent = s.remindPhone;
    this.countLabel.textContent = s.remindCount;
    this.consentText.textContent = s.remindConsent;
    this.send.textContent = this.busy ? s.sending : s.remindSend;
    const max = Math.max(REMINDER_MIN, Math.min(REMINDER_MAX, ahead - 1));
    const chosen = Number(this.count.value) || Math.min(REMINDER_DEFAULT, max);
    if (max !== this.maxShown || this.count.options.length === 0 || this.count.options[0]!.textContent !== s.remindPeople(1)) {
      this.maxShown = max;
      this.count.replaceChildren(...Array.from({ length: max }, (_, i) => node('option', { value: String(i + 1) }, s.remindPeople(i + 1))));
      this.count.value = String(Math.min(chosen, max));
    }
    return this.root;
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    const s = this.strings();
    this.busy = true;
    this.send.disabled = true;
    // A second try must not keep the first one's error (its colour, or a reader taking it for the answer).
    this.status.dataset['kind'] = 'busy';
    this.status.textContent = s.sending;
    const remaining = Number(this.count.value);
    const answer = await postAction(this.page, 'remind', { phone: this.phone.value, remaining, consent: this.consent.checked }, s);
    this.busy = false;
    this.send.disabled = false;
    this.send.textContent = s.remindSend;
    this.status.textContent = answer.ok ? '' : answer.message;
    this.status.dataset['kind'] = answer.ok ? 'ok' : 'error';
    if (answer.ok) this.done(remaining);
  }
}

export class RatingPanel {
  readonly root = node('form', { class: 'panel rate', 'aria-labelledby': 'rate-title', novalidate: '' });
  private readonly title = node('h2', { id: 'rate-title' });
  private readonly levels = new Map<RatingLevel, HTMLButtonElement>();
  private readonly commentLabel = node('label', { for: 'rate-comment' });
  private readonly comment = node('textarea', { id: 'rate-comment', rows: '2', maxlength: String(RATING_COMMENT_MAX) });
  private readonly send = node('button', { type: 'submit', class: 'primary' });
  private readonly status = node('p', { class: 'form-status', role: 'status' });
  private chosen: RatingLevel | null = null;
  private busy = false;

  constructor(
    /** The page's path, "<prefix>/t/<token>" (core/public/page-address.ts). */
    private readonly page: string,
    private readonly strings: () => PhoneStrings,
    private readonly done: () => void,
  ) {
    const group = node('div', { class: 'levels', role: 'group', 'aria-labelledby': 'rate-title' });
    // Best first: the row reads from "Rất hài lòng" down.
    for (const level of [...RATING_LEVELS].reverse()) {
      const b = node('button', { type: 'button', class: `level level-${level}`, 'aria-pressed': 'false', 'data-level': String(level) });
      b.addEventListener('click', () => {
        this.chosen = level;
        for (const [l, x] of this.levels) x.setAttribute('aria-pressed', String(l === level));
      });
      this.levels.set(level, b);
      group.append(b);
    }
    this.root.append(this.title, group, this.commentLabel, this.comment, this.send, this.status);
    this.root.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
  }

  render(): HTMLElement {
    const s = this.strings();
    this.title.textContent = s.rateTitle;
    for (const [level, b] of this.levels) b.textContent = s.ratingNames[level];
    this.commentLabel.textContent = s.rateComment;
    this.send.textContent = this.busy ? s.sending : s.rateSend;
    return this.root;
  }

  private async submit(): Promise<void> {
    const s = this.strings();
    if (this.busy) return;
    if (this.chosen === null) {
      this.status.textContent = s.rateChoose;
      this.status.dataset['kind'] = 'error';
      return;
    }
    this.busy = true;
    this.send.disabled = true;
    this.status.dataset['kind'] = 'busy';
    this.status.textContent = s.sending;
    const comment = this.comment.value.trim();
    const answer = await postAction(this.page, 'rate', { rating: this.chosen, ...(comment ? { comment } : {}) }, s);
    this.busy = false;
    this.send.disabled = false;
    this.send.textContent = s.rateSend;
    this.status.textContent = answer.ok ? '' : answer.message;
    this.status.dataset['kind'] = answer.ok ? 'ok' : 'error';
    if (answer.ok) this.done();
  }
}
