import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickNextFrom } from '../../../core/queue/call-candidates';
import { DEFAULT_QUEUE_RULES } from '../../../core/queue/rules';
import { transition } from '../../../core/queue/ticket-state';
import type { Counter, Service, Ticket } from '../../../core/queue/types';
import { PgTicketRepository } from '../../../hub/store/pg/pg-ticket-repository';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { startPgFixture, type PgFixture } from '../store-contract/stores';

/**
 * Eight counters of one centre calling the next citizen of one service at once, each through its
 * own connection (as if each reached another hub process): every ticket is called exactly once,
 * no counter ever holds two, and the centre's events stay numbered 1…N. Then eight issuers at once
 * while the counters call: no number twice, none skipped.
 */

warnIfPostgresMissing('pg-call-next-concurrency');

const CONNECTIONS = 8;
const TICKETS = 240;
const DAY = '2026-12-03';
const SERVICE: Pick<Service, 'id' | 'numberFrom' | 'numberTo'> = { id: 'ho-tich', numberFrom: 1001, numberTo: 1999 };
const counters: Pick<Counter, 'id' | 'serviceIds'>[] = Array.from({ length: CONNECTIONS }, (_, i) => ({ id: `quay-${i + 1}`, serviceIds: [SERVICE.id] }));
const iso = (ms: number) => new Date(Date.UTC(2026, 11, 3, 1) + ms).toISOString();

describe.skipIf(POSTGRES_MISSING !== null)('call-next from 8 connections at once (PostgreSQL)', () => {
  let pg: PgFixture;
  let repo: PgTicketRepository;

  beforeAll(async () => {
    pg = await startPgFixture(CONNECTIONS + 1);
    await pg.addCentre('hoan-kiem');
    repo = new PgTicketRepository(pg.store.sql, 'hoan-kiem');
  }, 60_000);
  afterAll(() => pg?.close());

  const issue = (at: string) =>
    pg.store.transaction(async () => {
      const issued = await repo.issueTicket(DAY, SERVICE, at, 'kiosk-1', 'normal');
      if (!issued.ok) throw new Error(issued.error.message);
      const { ticket } = issued.value;
      await repo.appendTicketEvent('ticket-issued', ticket, at);
      return ticket;
    });

  /** The queue service's call-next, then the clerk finishing the ticket, in one transaction each. */
  const callNext = (counter: (typeof counters)[number], at: string) =>
    pg.store.transaction(async (): Promise<Ticket | null> => {
      const active = await repo.activeAtCounter(DAY, counter.id);
      if (active) throw new Error(`${counter.id} already has ticket ${active.number}`);
      const next = pickNextFrom(counter, await repo.callCandidates(DAY, counter, DEFAULT_QUEUE_RULES.priorityRatio), { now: new Date(at), rules: DEFAULT_QUEUE_RULES });
      if (!next) return null;
      const state = transition(next.state, 'call');
      if (!state.ok) throw new Error(state.error.message);
      const ticket = await repo.update({ ...next, state: state.value, calledAt: at, firstCalledAt: next.firstCalledAt ?? at, counterId: counter.id, assignedCounterId: null });
      await repo.appendTicketEvent('ticket-called', ticket, at);
      return ticket;
    });
  const finish = (ticket: Ticket, at: string) =>
    pg.store.transaction(async () => {
      const current = (await repo.byId(ticket.id))!;
      await repo.update({ ...current, state: 'done', startedAt: at, finishedAt: at });
    });

  /** Each counter calls and finishes until the queue is empty for it (and `stillIssuing` is over). */
  const drain = (stillIssuing: () => boolean) =>
    Promise.all(
      counters.map(async (counter) => {
        const mine: number[] = [];
        for (let i = 0; ; i++) {
          // Read before calling: an empty queue only ends the drain if no issue could commit after the call looked.
          const issuingOver = !stillIssuing();
          const ticket = await callNext(counter, iso(60_000 + i));
          if (!ticket) {
            if (issuingOver) return mine;
            await new Promise((resolve) => setTimeout(resolve, 2));
            continue;
          }
          mine.push(ticket.id);
          await finish(ticket, iso(60_000 + i));
        }
      }),
    );

  it(`${TICKETS} waiting tickets, 8 counters calling at once: each ticket called exactly once, by one counter`, async () => {
    const issued: Ticket[] = [];
    for (let i = 0; i < TICKETS; i++) issued.push(await issue(iso(i)));
    const started = performance.now();
    const byCounter = await drain(() => false);
    const ms = performance.now() - started;
    // A figure for the report, not an assertion (the machine is shared): call + finish, two transactions per ticket.
    console.info(`pg-call-next: ${TICKETS} calls and finishes over ${CONNECTIONS} connections in ${Math.round(ms)} ms (${Math.round((2 * TICKETS) / (ms / 1000))} transactions/s)`);
    const called = byCounter.flat();
    expect(called.length).toBe(TICKETS);
    expect(new Set(called).size).toBe(TICKETS);
    expect(new Set(called)).toEqual(new Set(issued.map((t) => t.id)));
    // Work was shared: the connections really ran side by side.
    expect(byCounter.filter((mine) => mine.length > 0).length).toBeGreaterThan(1);
    const { rows } = await pg.pool.query<{ ticket_id: number; n: number }>(
      `SELECT ticket_id, count(*) AS n FROM events WHERE centre_id = 'hoan-kiem' AND type = 'ticket-called' GROUP BY ticket_id HAVING count(*) <> 1`,
    );
    expect(rows).toEqual([]);
    const done = await pg.pool.query<{ n: number }>(`SELECT count(*) AS n FROM tickets WHERE centre_id = 'hoan-kiem' AND state = 'done'`);
    expect(done.rows[0]!.n).toBe(TICKETS);
    const seqs = await pg.pool.query<{ n: number; top: number }>(`SELECT count(*) AS n, max(seq) AS top FROM events WHERE centre_id = 'hoan-kiem'`);
    expect(seqs.rows[0]).toEqual({ n: 2 * TICKETS, top: 2 * TICKETS });
    expect(await repo.lastSeq()).toBe(2 * TICKETS);
  }, 180_000);

  it('8 issuers and 8 counters at once: numbers without a duplicate or a gap, every ticket called once', async () => {
    const before = await repo.numbering(DAY, SERVICE.id);
    let issuing = true;
    const issuers = Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, w) => {
        const numbers: number[] = [];
        for (let i = 0; i < 20; i++) numbers.push((await issue(iso(120_000 + w * 100 + i))).number);
        return numbers;
      }),
    ).finally(() => (issuing = false));
    const [numbers, byCounter] = await Promise.all([issuers, drain(() => issuing)]);
    const all = numbers.flat().sort((a, b) => a - b);
    const first = before.lastIssued! + 1;
    expect(all).toEqual(Array.from({ length: 160 }, (_, i) => first + i));
    const called = byCounter.flat();
    expect(called.length).toBe(160);
    expect(new Set(called).size).toBe(160);
    const waiting = await repo.waitingCounts(DAY);
    expect(waiting.get(SERVICE.id) ?? 0).toBe(0);
  }, 180_000);
});
