import type { QueueSnapshot } from '../queue/snapshot';
import type { Counter, Ticket } from '../queue/types';
import { planCallAnnouncement } from './call-announcement';

/**
 * A call is one ticket called at one moment. Calling the same ticket again (a recall) gives it
 * a new `calledAt`, so it is a new call and is spoken again; a ticket that merely changes state
 * (serving, done) keeps its `calledAt` and stays silent.
 */
export function callKey(ticket: Ticket): string {
  return `${ticket.id}@${ticket.calledAt ?? ''}`;
}

/**
 * At most this many calls are announced from one update. After a long disconnection the
 * display may receive many calls at once; reading them all out minutes late would only send
 * people to counters that have moved on.
 */
export const MAX_CALLS_PER_UPDATE = 3;

/**
 * The calls in `next` that were not in `previous`, oldest first (the order they are spoken).
 * Only the calls newer than every call the display already knew count: `recentCalls` is newest
 * first, so they are the run before the first known call. The first snapshot a display sees,
 * and the first of a new day, announce nothing: those calls happened before it was listening.
 */
export function newCallsBetween(previous: QueueSnapshot | null, next: QueueSnapshot | null, limit = MAX_CALLS_PER_UPDATE): readonly Ticket[] {
  if (previous === null || next === null || previous.day !== next.day) return [];
  const known = new Set(previous.recentCalls.map(callKey));
  const fresh: Ticket[] = [];
  for (const ticket of next.recentCalls) {
    if (known.has(callKey(ticket))) break;
    if (ticket.calledAt !== null && ticket.counterId !== null) fresh.push(ticket);
  }
  return fresh.slice(0, limit).reverse();
}

/** One call to speak: its key (see callKey), the sentence, and the clips that say it. */
export interface CallToAnnounce {
  readonly key: string;
  readonly text: string;
  readonly clips: readonly string[];
}

/**
 * What a display must say after an update: the new calls, planned with their counter's label.
 * A call whose counter is unknown or whose label cannot be spoken is left out and reported —
 * it is still shown on screen, but the number is never read without the counter.
 */
export function announcementsBetween(
  previous: QueueSnapshot | null,
  next: QueueSnapshot | null,
  counters: readonly Counter[],
): { readonly calls: readonly CallToAnnounce[]; readonly problems: readonly string[] } {
  const calls: CallToAnnounce[] = [];
  const problems: string[] = [];
  for (const ticket of newCallsBetween(previous, next)) {
    const counter = counters.find((c) => c.id === ticket.counterId);
    if (counter === undefined) {
      problems.push(`counter "${ticket.counterId ?? ''}" is not in the centre's list: its calls are shown but not spoken`);
      continue;
    }
    const plan = planCallAnnouncement(ticket.number, counter.label);
    if (plan.ok) calls.push({ key: callKey(ticket), text: plan.value.text, clips: plan.value.clips });
    else problems.push(plan.error.message);
  }
  return { calls, problems };
}
