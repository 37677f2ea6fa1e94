import { z } from 'zod';
import type { CommandOutput } from '../../core/protocol/commands';
import type { Counter, Ticket } from '../../core/queue/types';
import { ok } from '../../core/result';
import { estimateWaitMinutes } from '../../core/queue/wait-estimate';
import { toTicket, type TicketRow, type WaitFigures } from './ticket-rows';

/**
 * What a new ticket's answer is made from. The transactional issue builds the answer at once; the
 * one-statement issue on PostgreSQL (hub/store/pg/pg-issue-alone.ts) logs THESE as the command's
 * answer — the statement counts the figures as it inserts the ticket, so the answer cannot be
 * written before it — and the command log rebuilds the same answer from them for a replay
 * (storedIssueAnswer). Inputs, not the estimate: core's rule is applied in one place.
 */
export interface IssueAnswerInputs {
  readonly ticket: Ticket;
  /** Waiting tickets of its service issued before it. */
  readonly waitingAhead: number;
  /** The counters serving its service (the centre's configuration when it was issued). */
  readonly servingCounters: readonly string[];
  /** Of the centre's counters, those paused when it was issued. */
  readonly pausedCounters: readonly string[];
  /** The service's most recent service durations in minutes, newest first. */
  readonly recentMinutes: readonly number[];
  readonly trackingUrl?: string;
}

/** A new ticket's answer: those waiting ahead and core's estimate from the open counters of its service. */
export function issueAnswer(i: IssueAnswerInputs): CommandOutput<'ticket:issue'> {
  const open = i.servingCounters.filter((id) => !i.pausedCounters.includes(id)).length;
  return {
    ticket: i.ticket,
    waitingAhead: i.waitingAhead,
    estimatedWaitMinutes: estimateWaitMinutes(i.waitingAhead, i.recentMinutes, open),
    ...(i.trackingUrl ? { trackingUrl: i.trackingUrl } : {}),
  };
}

/** The counters of the configuration serving a service. */
export function servingCounters(counters: readonly Counter[], serviceId: string): string[] {
  return counters.filter((c) => c.serviceIds.includes(serviceId)).map((c) => c.id);
}

/** The inputs from the repositories' wait figures (the transactional issue's). */
export function inputsFromFigures(ticket: Ticket, counters: readonly Counter[], figures: WaitFigures, trackingUrl?: string): IssueAnswerInputs {
  return {
    ticket,
    waitingAhead: figures.waitingAhead,
    servingCounters: servingCounters(counters, ticket.serviceId),
    pausedCounters: [...figures.counterStates].filter(([, s]) => s.paused).map(([id]) => id),
    recentMinutes: figures.recentMinutes,
    ...(trackingUrl ? { trackingUrl } : {}),
  };
}

/**
 * The stored form's prefix: `{"issued":{…}}` (ok = 1). Nothing else the logs hold starts so — every
 * other answer is a Result, `{"ok":…}`.
 */
export const STORED_ISSUE_PREFIX = '{"issued":';

const StoredIssueSchema = z.object({
  issued: z.object({
    ticket: z.custom<TicketRow>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'number'),
    waitingAhead: z.number().int().nonnegative(),
    serving: z.array(z.string()),
    paused: z.array(z.string()),
    minutes: z.array(z.number()),
    trackingUrl: z.string().nullable(),
  }),
});

/**
 * A logged answer as the terminal first heard it: a stored form (above) rebuilt into the Result
 * JSON, any other text as it is. An unreadable stored form is an error, not an answer.
 */
export function loggedAnswerJson(stored: string): string {
  if (!stored.startsWith(STORED_ISSUE_PREFIX)) return stored;
  const parsed = StoredIssueSchema.safeParse(JSON.parse(stored));
  if (!parsed.success) throw new Error(`a stored ticket:issue answer is unreadable: ${parsed.error.message}`);
  const i = parsed.data.issued;
  const answer = issueAnswer({
    ticket: toTicket(i.ticket),
    waitingAhead: i.waitingAhead,
    servingCounters: i.serving,
    pausedCounters: i.paused,
    recentMinutes: i.minutes,
    ...(i.trackingUrl ? { trackingUrl: i.trackingUrl } : {}),
  });
  return JSON.stringify(ok(answer));
}
