import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pickNextFrom } from '../../core/queue/call-candidates';
import { pickNext } from '../../core/queue/call-next';
import { PRIORITY_CLASSES, TICKET_STATES, type Counter, type Ticket } from '../../core/queue/types';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { TicketRepository } from '../../hub/queue/ticket-repository';

/** mulberry32: every run replays the same queues. */
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

const SERVICES = ['ho-tich', 'dat-dai', 'chung-thuc', 'xay-dung'];
const COUNTER_IDS = ['quay-1', 'quay-2', 'quay-3'];
const DAY = '2026-11-22';
const T0 = Date.parse('2026-11-22T01:00:00.000Z');

const INSERT = `INSERT INTO tickets (id, day, service_id, number, state, issued_at, called_at, started_at, finished_at, counter_id, issued_by,
  priority, recalls, assigned_counter_id, first_called_at, clerk_id) VALUES (@id, @day, @serviceId, @number, @state, @issuedAt, @calledAt,
  @startedAt, @finishedAt, @counterId, @issuedBy, @priority, @recalls, @assignedCounterId, @firstCalledAt, @clerkId)`;

/**
 * A random floor: tickets of today and yesterday in every state, some transferred to a counter,
 * some called here (with priority classes), issue times with ties; ids not in issue order.
 */
function randomFloor(rnd: () => number): Ticket[] {
  const n = Math.floor(rnd() * 60);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const ids = Array.from({ length: n }, (_, i) => i + 1).sort(() => rnd() - 0.5);
  return ids.map((id, i) => {
    const state = rnd() < 0.6 ? 'waiting' : pick(TICKET_STATES);
    const called = state !== 'waiting' && state !== 'cancelled' ? new Date(T0 + Math.floor(rnd() * 40) * 60_000).toISOString() : null;
    return {
      id,
      serviceId: pick(SERVICES),
      number: 1000 + i,
      day: rnd() < 0.1 ? '2026-11-21' : DAY,
      state,
      // Whole minutes, so equal issue times happen and ties fall to the id.
      issuedAt: new Date(T0 + Math.floor(rnd() * 90) * 60_000).toISOString(),
      calledAt: called,
      firstCalledAt: called ?? (state === 'waiting' && rnd() < 0.1 ? new Date(T0).toISOString() : null),
      startedAt: null,
      finishedAt: null,
      counterId: called ? pick(COUNTER_IDS) : null,
      issuedBy: 'kiosk-1',
      priority: rnd() < 0.35 ? pick(PRIORITY_CLASSES.slice(1)) : 'normal',
      recalls: 0,
      assignedCounterId: state === 'waiting' && rnd() < 0.15 ? pick(COUNTER_IDS) : null,
      clerkId: null,
    } satisfies Ticket;
  });
}

describe('call-next through the indexed candidates', () => {
  it('picks the same ticket as the full-list rule on 1,500 random floors', () => {
    const rnd = random(20261122);
    let compared = 0;
    let picked = 0;
    for (let round = 0; round < 500; round++) {
      const db = new BetterSqlite3(':memory:');
      migrate(db, MIGRATIONS);
      const repo = new TicketRepository(db);
      const tickets = randomFloor(rnd);
      const insert = db.prepare(INSERT);
      for (const t of tickets) insert.run(t);
      for (const counterId of COUNTER_IDS) {
        const serviceIds = SERVICES.filter(() => rnd() < 0.6);
        if (serviceIds.length === 0) serviceIds.push(SERVICES[0]!);
        const counter: Counter = {
          id: counterId, label: counterId, name: counterId, serviceIds,
          ...(rnd() < 0.5 ? { serviceWeights: Object.fromEntries(serviceIds.map((s) => [s, 1 + Math.floor(rnd() * 4)])) } : {}),
        };
        const rules = { priorityRatio: Math.floor(rnd() * 4), maxWaitMinutes: 5 + Math.floor(rnd() * 90), noShowAfterRecalls: 0 };
        const now = new Date(T0 + Math.floor(rnd() * 150) * 60_000);
        const waiting = tickets.filter((t) => t.day === DAY && t.state === 'waiting').sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id - b.id));
        const calledHere = tickets
          .filter((t) => t.day === DAY && t.counterId === counterId && t.firstCalledAt !== null)
          .sort((a, b) => (a.firstCalledAt! > b.firstCalledAt! ? -1 : a.firstCalledAt! < b.firstCalledAt! ? 1 : b.id - a.id));
        const expected = pickNext(counter, waiting, { now, rules, calledHere });
        const actual = pickNextFrom(counter, repo.callCandidates(DAY, counter, rules.priorityRatio), { now, rules });
        expect(actual?.id ?? null, `round ${round}, ${counterId}`).toBe(expected?.id ?? null);
        compared += 1;
        if (expected) picked += 1;
      }
      db.close();
    }
    expect(compared).toBe(1500);
    // The floors are varied enough that most comparisons pick someone (not all nulls).
    expect(picked).toBeGreaterThan(1000);
  });
});
