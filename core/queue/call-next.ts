import type { Counter, Ticket } from './types';

/**
 * Which waiting ticket a counter calls next: among the services the counter serves,
 * the oldest issued first (ties broken by id, which grows with issue order).
 */
export function pickNext(counter: Pick<Counter, 'serviceIds'>, waiting: readonly Ticket[]): Ticket | null {
  let best: Ticket | null = null;
  for (const t of waiting) {
    if (t.state !== 'waiting' || !counter.serviceIds.includes(t.serviceId)) continue;
    if (best === null || t.issuedAt < best.issuedAt || (t.issuedAt === best.issuedAt && t.id < best.id)) best = t;
  }
  return best;
}
