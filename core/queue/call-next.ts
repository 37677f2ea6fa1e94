import type { QueueRules } from './rules';
import type { Counter, Ticket } from './types';

export interface CallContext {
  readonly now: Date;
  readonly rules: QueueRules;
  /** Today's tickets called at this counter, newest first (any state). */
  readonly calledHere: readonly Ticket[];
}

const waitedMs = (t: Ticket, now: Date) => now.getTime() - Date.parse(t.issuedAt);
const older = (a: Ticket, b: Ticket) => a.issuedAt < b.issuedAt || (a.issuedAt === b.issuedAt && a.id < b.id);
const oldest = (list: readonly Ticket[]) => list.reduce<Ticket | null>((best, t) => (best === null || older(t, best) ? t : best), null);

/** Waiting tickets this counter may call: its services, or transferred to it; not those transferred to another counter. */
export function callableAt(counter: Pick<Counter, 'id' | 'serviceIds'>, waiting: readonly Ticket[]): Ticket[] {
  return waiting.filter(
    (t) => t.state === 'waiting' && (t.assignedCounterId === counter.id || (t.assignedCounterId === null && counter.serviceIds.includes(t.serviceId))),
  );
}

/**
 * Which waiting ticket a counter calls next, in this order of rules:
 * 1. the guard: a ticket waiting longer than `maxWaitMinutes` goes first (the oldest of them);
 * 2. tickets transferred to this very counter (they have queued once already);
 * 3. priority or normal, counter-wide: a priority ticket after every `priorityRatio` normal calls
 *    (or when no normal one waits), so priority never jumps the whole queue;
 * 4. the service, when the counter has weights: the one furthest behind its share of today's calls here;
 * 5. the oldest ticket (ties by id, which grows with issue order).
 */
export function pickNext(counter: Pick<Counter, 'id' | 'serviceIds' | 'serviceWeights'>, waiting: readonly Ticket[], ctx: CallContext): Ticket | null {
  const candidates = callableAt(counter, waiting);
  if (candidates.length === 0) return null;

  const guardMs = ctx.rules.maxWaitMinutes * 60_000;
  const overdue = candidates.filter((t) => waitedMs(t, ctx.now) >= guardMs);
  if (overdue.length > 0) return oldest(overdue);

  const transferredHere = candidates.filter((t) => t.assignedCounterId === counter.id);
  if (transferredHere.length > 0) return oldest(transferredHere);

  const priority = candidates.filter((t) => t.priority !== 'normal');
  const normal = candidates.filter((t) => t.priority === 'normal');
  const pool =
    priority.length === 0 ? normal : normal.length === 0 || normalCallsSincePriority(ctx.calledHere) >= ctx.rules.priorityRatio ? priority : normal;
  return oldest(counter.serviceWeights ? inNeediestService(counter, pool, ctx.calledHere) : pool);
}

/** Consecutive normal calls at this counter since its last priority call (all of today's if none). */
export function normalCallsSincePriority(calledHere: readonly Ticket[]): number {
  const i = calledHere.findIndex((t) => t.priority !== 'normal');
  return i === -1 ? calledHere.length : i;
}

/** Smooth weighted sharing: the service with waiting tickets whose calls-so-far / weight is lowest. */
function inNeediestService(counter: Pick<Counter, 'serviceIds' | 'serviceWeights'>, candidates: readonly Ticket[], calledHere: readonly Ticket[]): Ticket[] {
  const weights = counter.serviceWeights ?? {};
  const waitingServices = counter.serviceIds.filter((s) => candidates.some((t) => t.serviceId === s));
  const served = (s: string) => calledHere.filter((t) => t.serviceId === s).length;
  const needIndex = (s: string) => served(s) / (weights[s] ?? 1);
  const chosen = waitingServices.reduce((best, s) => (needIndex(s) < needIndex(best) ? s : best), waitingServices[0]!);
  return candidates.filter((t) => t.serviceId === chosen);
}
