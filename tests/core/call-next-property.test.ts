import { describe, expect, it } from 'vitest';
import { pickNext } from '../../core/queue/call-next';
import { PRIORITY_CLASSES, type Counter, type Ticket } from '../../core/queue/types';

/** A small seeded generator (mulberry32): every run replays the same scenarios. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['ho-tich', 'dat-dai', 'chung-thuc'];

interface Outcome {
  readonly maxWaitMin: number;
  readonly callsOverGuardWithOlderOverdueWaiting: number;
  readonly numbers: number[];
  /** Priority calls made by the ratio rule (not the guard) before enough normal calls, while a normal ticket waited. */
  readonly earlyPriorityCalls: number;
}

/**
 * A simulated day: arrivals at random (any mix of services and priority classes), counters
 * calling as they become free, each service taking 2–8 minutes. Returns what the rules must hold.
 */
function simulate(seed: number, ratio: number, guard: number, counters: readonly Counter[], arrivalsPerMinute: number): Outcome {
  const rnd = random(seed);
  const day = Date.parse('2026-11-22T00:30:00.000Z');
  const waiting: Ticket[] = [];
  const calledHere = new Map<string, Ticket[]>(counters.map((c) => [c.id, []]));
  const freeAt = new Map<string, number>(counters.map((c) => [c.id, 0]));
  let id = 0;
  let maxWaitMin = 0;
  let violations = 0;
  let earlyPriorityCalls = 0;
  const numbers: number[] = [];
  // Arrivals in the first 200 minutes (Bernoulli per 1/10 minute); the day runs until the queue is empty.
  for (let minute = 0; minute < 2000 && (minute < 200 || waiting.length > 0); minute++) {
    if (minute < 200) {
      let arrivals = 0;
      for (let tenth = 0; tenth < 10; tenth++) if (rnd() < arrivalsPerMinute / 10) arrivals += 1;
      for (let k = 0; k < arrivals; k++) {
        id += 1;
        const prio = rnd() < 0.3 ? PRIORITY_CLASSES[1 + Math.floor(rnd() * 4)]! : 'normal';
        waiting.push({
          id, serviceId: SERVICES[Math.floor(rnd() * SERVICES.length)]!, number: 1000 + id, day: '2026-11-22', state: 'waiting',
          issuedAt: new Date(day + minute * 60_000 + k).toISOString(), calledAt: null, firstCalledAt: null, startedAt: null, finishedAt: null,
          counterId: null, issuedBy: 'kiosk-1', priority: prio, recalls: 0, assignedCounterId: null, clerkId: null,
        });
      }
    }
    const now = new Date(day + minute * 60_000 + 999);
    for (const c of counters) {
      if ((freeAt.get(c.id) ?? 0) > minute) continue;
      const here = calledHere.get(c.id)!;
      const t = pickNext(c, waiting, { now, rules: { priorityRatio: ratio, maxWaitMinutes: guard, noShowAfterRecalls: 0 }, calledHere: here });
      if (!t) continue;
      const waited = (now.getTime() - Date.parse(t.issuedAt)) / 60_000;
      // The guard: if anyone this counter may call is overdue, the one called is the longest-waiting of them.
      const overdue = waiting.filter((w) => c.serviceIds.includes(w.serviceId) && (now.getTime() - Date.parse(w.issuedAt)) / 60_000 >= guard);
      if (overdue.length > 0 && overdue.some((o) => o.issuedAt < t.issuedAt)) violations += 1;
      const normalWaiting = waiting.some((w) => w.priority === 'normal' && c.serviceIds.includes(w.serviceId));
      let normalSince = 0;
      for (const h of here) {
        if (h.priority !== 'normal') break;
        normalSince += 1;
      }
      if (overdue.length === 0 && t.priority !== 'normal' && normalWaiting && normalSince < ratio) earlyPriorityCalls += 1;
      maxWaitMin = Math.max(maxWaitMin, waited);
      waiting.splice(waiting.indexOf(t), 1);
      here.unshift({ ...t, state: 'called', counterId: c.id, firstCalledAt: now.toISOString() });
      numbers.push(t.number);
      freeAt.set(c.id, minute + 2 + Math.floor(rnd() * 7));
    }
  }
  expect(waiting, 'everyone is called by the end of the day').toEqual([]);
  return { maxWaitMin, callsOverGuardWithOlderOverdueWaiting: violations, numbers, earlyPriorityCalls };
}

describe('queue rules under any mix of arrivals (seeded property test)', () => {
  const counters: Counter[] = [
    { id: 'quay-1', label: '1', name: 'Quầy 1', serviceIds: ['ho-tich', 'chung-thuc'] },
    { id: 'quay-2', label: '2', name: 'Quầy 2', serviceIds: ['dat-dai', 'ho-tich'], serviceWeights: { 'dat-dai': 2, 'ho-tich': 1 } },
    { id: 'quay-3', label: '3', name: 'Quầy 3', serviceIds: ['chung-thuc', 'dat-dai', 'ho-tich'] },
  ];

  it('even overloaded: calls the longest-waiting overdue ticket first, priority only by the ratio, no number twice, nobody left', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const ratio = seed % 5; // 0..4
      const guard = 20 + (seed % 4) * 10; // 20..50 minutes
      const load = 0.3 + (seed % 6) * 0.1; // 0.3..0.8 arrivals a minute, against a capacity of about 0.6
      const o = simulate(seed, ratio, guard, counters, load);
      expect(o.callsOverGuardWithOlderOverdueWaiting, `seed ${seed}`).toBe(0);
      expect(o.earlyPriorityCalls, `seed ${seed}`).toBe(0);
      expect(new Set(o.numbers).size, `seed ${seed}: numbers repeat`).toBe(o.numbers.length);
    }
  });

  it('when the counters keep up, nobody waits past the guard by more than one service time', () => {
    for (let seed = 100; seed < 140; seed++) {
      const guard = 30;
      // 0.25 a minute against a capacity of about 0.6: overdue tickets are rare and never pile up.
      const o = simulate(seed, seed % 4, guard, counters, 0.25);
      // A counter is busy at most 8 minutes; an overdue ticket goes to the next counter that frees up.
      expect(o.maxWaitMin, `seed ${seed}`).toBeLessThanOrEqual(guard + 8);
    }
  });
});
