import type { QueueRules } from './rules';
import type { Counter, Ticket } from './types';

/**
 * The few tickets the call rules ever look at, instead of the whole queue: the oldest of each
 * class per service, the oldest transferred here, and this counter's call tallies. A repository
 * fills it with indexed queries, so calling next costs the same with 10 or 20,000 waiting.
 */
export interface CallCandidates {
  /** The oldest waiting ticket transferred to this counter, or null. */
  readonly transferredHere: Ticket | null;
  /** For each service of the counter: its oldest unassigned waiting priority and normal tickets. */
  readonly heads: readonly ServiceHeads[];
  /** Consecutive normal calls here since the last priority call; any value ≥ the ratio may be given as the ratio. */
  readonly normalCallsSincePriority: number;
  /** Today's calls here per service (only read when the counter has weights). */
  readonly callsByService: ReadonlyMap<string, number>;
}

export interface ServiceHeads {
  readonly serviceId: string;
  readonly priority: Ticket | null;
  readonly normal: Ticket | null;
}

const older = (a: Ticket, b: Ticket) => a.issuedAt < b.issuedAt || (a.issuedAt === b.issuedAt && a.id < b.id);
const oldestOf = (list: readonly (Ticket | null)[]) => list.reduce<Ticket | null>((best, t) => (t !== null && (best === null || older(t, best)) ? t : best), null);

/**
 * The same rules as `pickNext` (core/queue/call-next.ts, which states them over the full list),
 * over the candidates: the oldest callable ticket is overdue exactly when any is, and within one
 * service and class the oldest is the only one a rule can pick.
 */
export function pickNextFrom(counter: Pick<Counter, 'id' | 'serviceIds' | 'serviceWeights'>, c: CallCandidates, ctx: { readonly now: Date; readonly rules: QueueRules }): Ticket | null {
  const first = oldestOf([c.transferredHere, ...c.heads.flatMap((h) => [h.priority, h.normal])]);
  if (first === null) return null;
  if (ctx.now.getTime() - Date.parse(first.issuedAt) >= ctx.rules.maxWaitMinutes * 60_000) return first;
  if (c.transferredHere !== null) return c.transferredHere;

  const anyPriority = c.heads.some((h) => h.priority !== null);
  const anyNormal = c.heads.some((h) => h.normal !== null);
  const usePriority = anyPriority && (!anyNormal || c.normalCallsSincePriority >= ctx.rules.priorityRatio);
  const pool = c.heads.map((h) => ({ serviceId: h.serviceId, head: usePriority ? h.priority : h.normal }));
  if (!counter.serviceWeights) return oldestOf(pool.map((p) => p.head));

  // Smooth weighted sharing, as in pickNext: the service with a ticket in the pool whose calls-so-far / weight is lowest.
  const weights = counter.serviceWeights;
  const needIndex = (s: string) => (c.callsByService.get(s) ?? 0) / (weights[s] ?? 1);
  const waitingServices = counter.serviceIds.filter((s) => pool.some((p) => p.serviceId === s && p.head !== null));
  const chosen = waitingServices.reduce((best, s) => (needIndex(s) < needIndex(best) ? s : best), waitingServices[0]!);
  return oldestOf(pool.filter((p) => p.serviceId === chosen).map((p) => p.head));
}
