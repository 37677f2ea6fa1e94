import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warnIfPostgresMissing } from '../../support/postgres';
import { pgStoreUnderTest, startPgFixture, STORE_KINDS, type PgFixture } from './stores';

/**
 * CommandLog's contract on both stores (find, record, prune: what a replay answers), then what
 * only several PostgreSQL writers can do to it: a replay reaching another process while its
 * original still runs waits for it and answers the same, or runs when the original rolled back.
 */

warnIfPostgresMissing('command-log contract');

const answer = (n: number) => JSON.stringify({ ok: true, value: { ticket: { number: n } } });
const at = (day: number) => new Date(Date.UTC(2026, 11, day, 1)).toISOString();

describe.each(STORE_KINDS)('CommandLog contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('an unknown id finds nothing; a recorded one finds its first answer, inside a transaction or not', async () => {
      const s = await kind.fresh();
      const id = randomUUID();
      expect(await s.log.find(id)).toBeNull();
      await s.transaction(async () => {
        expect(await s.log.find(id)).toBeNull();
        await s.log.record(id, 'kiosk-1', 'ticket:issue', answer(1001), at(3), true);
      });
      const first = { deviceId: 'kiosk-1', name: 'ticket:issue', resultJson: answer(1001) };
      expect(await s.log.find(id)).toEqual(first);
      // The replay, as the runner runs it: found, not run again.
      expect(await s.transaction(() => s.log.find(id))).toEqual(first);
      // A refusal is an answer too.
      const refused = randomUUID();
      await s.transaction(() => s.log.record(refused, 'quay-1', 'counter:call-next', '{"ok":false,"error":{"kind":"not-found","message":"…"}}', at(3), false));
      expect((await s.log.find(refused))?.resultJson).toContain('not-found');
    });

    it('one answer per id: a second record is refused, a rolled-back record leaves nothing', async () => {
      const s = await kind.fresh();
      const id = randomUUID();
      await s.transaction(() => s.log.record(id, 'kiosk-1', 'ticket:issue', answer(1), at(3), true));
      await expect(s.transaction(() => s.log.record(id, 'kiosk-1', 'ticket:issue', answer(2), at(3), true))).rejects.toThrow();
      expect((await s.log.find(id))?.resultJson).toBe(answer(1));
      const lost = randomUUID();
      await expect(
        s.transaction(async () => {
          expect(await s.log.find(lost)).toBeNull();
          await s.log.record(lost, 'kiosk-1', 'ticket:issue', answer(3), at(3), true);
          throw new Error('the commit failed');
        }),
      ).rejects.toThrow('the commit failed');
      expect(await s.log.find(lost)).toBeNull();
    });

    it('an id looked up and not answered (an internal failure, a superseded issue that never ran) stays unknown after the commit', async () => {
      const s = await kind.fresh();
      const id = randomUUID();
      await s.transaction(async () => {
        expect(await s.log.find(id)).toBeNull();
        expect(await s.log.find(id)).toBeNull(); // looked up twice in one transaction
      });
      expect(await s.log.find(id)).toBeNull();
      await s.transaction(() => s.log.record(id, 'kiosk-1', 'ticket:issue', answer(7), at(3), true));
      expect((await s.log.find(id))?.resultJson).toBe(answer(7));
    });

    it('prune deletes the entries before the instant, in batches, and answers how many', async () => {
      const s = await kind.fresh();
      const old = Array.from({ length: 5_003 }, () => randomUUID());
      const kept = [randomUUID(), randomUUID()];
      await s.transaction(async () => {
        for (const id of old) await s.log.record(id, 'kiosk-1', 'ticket:issue', answer(1), at(1), true);
        await s.log.record(kept[0]!, 'kiosk-1', 'ticket:issue', answer(2), at(5), true);
        await s.log.record(kept[1]!, 'kiosk-1', 'ticket:issue', answer(3), at(9), true);
      });
      expect(await s.log.prune(at(5))).toBe(5_003);
      expect(await s.log.find(old[0]!)).toBeNull();
      expect(await s.log.find(old.at(-1)!)).toBeNull();
      expect((await s.log.find(kept[0]!))?.resultJson).toBe(answer(2));
      expect(await s.log.prune(at(5))).toBe(0);
      expect(await s.log.prune(at(10))).toBe(2);
    }, 120_000);
  });
});

describe.skipIf(STORE_KINDS[1]![1].missing !== null)('CommandLog on PostgreSQL: a replay racing its original through another connection', () => {
  let pg: PgFixture;
  beforeAll(async () => {
    pg = await startPgFixture(4);
    await pg.addCentre('hoan-kiem');
    await pg.addCentre('ba-dinh');
  }, 60_000);
  afterAll(() => pg?.close());

  /** The runner's steps for one write: the log first, then the work, then the answer. */
  function runOnce(s: ReturnType<typeof pgStoreUnderTest>, id: string, work: () => Promise<string>) {
    return s.transaction(async () => {
      const previous = await s.log.find(id);
      if (previous) return { ran: false, answer: previous.resultJson };
      const result = await work();
      await s.log.record(id, 'kiosk-1', 'ticket:issue', result, at(3), true);
      return { ran: true, answer: result };
    });
  }

  it('waits for the original and answers its committed answer without running', async () => {
    const s = pgStoreUnderTest(pg.store, 'hoan-kiem');
    const id = randomUUID();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let originalClaimed!: () => void;
    const claimed = new Promise<void>((resolve) => (originalClaimed = resolve));
    const original = runOnce(s, id, async () => {
      originalClaimed();
      await gate;
      return answer(1001);
    });
    await claimed;
    let replayDone = false;
    const replay = runOnce(s, id, async () => answer(1002)).finally(() => (replayDone = true));
    // The replay's lookup waits on the original's uncommitted claim.
    await expect.poll(async () => Number((await pg.pool.query("SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'")).rows[0].n), { timeout: 10_000 }).toBe(1);
    expect(replayDone).toBe(false);
    release();
    expect(await original).toEqual({ ran: true, answer: answer(1001) });
    expect(await replay).toEqual({ ran: false, answer: answer(1001) });
  });

  it('runs the replay when the original rolled back (nothing of it was decided)', async () => {
    const s = pgStoreUnderTest(pg.store, 'hoan-kiem');
    const id = randomUUID();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let originalClaimed!: () => void;
    const claimed = new Promise<void>((resolve) => (originalClaimed = resolve));
    const original = runOnce(s, id, async () => {
      originalClaimed();
      await gate;
      throw new Error('internal failure');
    });
    await claimed;
    const replay = runOnce(s, id, async () => answer(1002));
    release();
    await expect(original).rejects.toThrow('internal failure');
    expect(await replay).toEqual({ ran: true, answer: answer(1002) });
    expect((await s.log.find(id))?.resultJson).toBe(answer(1002));
  });

  it('a delivery superseding an issue still running elsewhere: the issue waits for it, then finds itself superseded', async () => {
    const s = pgStoreUnderTest(pg.store, 'ba-dinh');
    const issueId = randomUUID();
    const day = '2026-12-03';
    await s.transaction(() =>
      s.leases.insertLease({ day, serviceId: 'ho-tich', deviceId: 'kiosk-1', from: 1990, to: 1999, leasedAt: at(3), commandId: randomUUID() }),
    );
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let looked!: () => void;
    const lookedUp = new Promise<void>((resolve) => (looked = resolve));
    // NumberLeases.deliver: looks the superseded issue up (not found: never ran), records the offline ticket.
    const delivery = s.transaction(async () => {
      expect(await s.log.find(issueId)).toBeNull();
      looked();
      await gate;
      const holding = (await s.leases.leaseHolding(day, 'ho-tich', 1999))!;
      const ticketId = await s.leases.insertOfflineTicket(day, 'ho-tich', 1999, at(3), 'kiosk-1', 'normal');
      await s.leases.recordDelivery({
        ticketId, leaseId: holding.id, day, serviceId: 'ho-tich', number: 1999, reportedIssuedAt: at(3), deliveredAt: at(3), commandId: randomUUID(), supersedes: issueId, supersededTicketId: null,
      });
    });
    await lookedUp;
    // The late original ticket:issue, through another connection: the runner's lookup, then refuseSuperseded.
    const original = s.transaction(async () => {
      if (await s.log.find(issueId)) return 'replayed';
      return (await s.leases.supersededBy(issueId)) ? 'refused as superseded' : 'issued a second ticket';
    });
    release();
    await delivery;
    expect(await original).toBe('refused as superseded');
  });

  it('a centre\'s repositories see nothing of another centre', async () => {
    const a = pgStoreUnderTest(pg.store, 'hoan-kiem');
    const b = pgStoreUnderTest(pg.store, 'ba-dinh');
    const day = '2026-12-05';
    const ticket = await a.transaction(() => a.tickets.insertTicket(day, 'ho-tich', 1001, at(5), 'kiosk-1', 'normal'));
    await a.transaction(() => a.tickets.setCounterState('quay-1', { paused: true, pausedReason: 'Họp', clerkId: null }, at(5)));
    expect(await b.tickets.byId(ticket.id)).toBeNull();
    expect(await b.transaction(() => b.tickets.byId(ticket.id))).toBeNull();
    await expect(b.transaction(() => b.tickets.update({ ...ticket, state: 'cancelled' }))).rejects.toThrow('is not a ticket of centre "ba-dinh"');
    expect(await b.tickets.waitingCounts(day)).toEqual(new Map());
    expect(await b.tickets.numbering(day, 'ho-tich')).toEqual({ lastIssued: null, lowestLeased: null });
    expect(await b.tickets.counterStates()).toEqual(new Map());
    expect((await a.tickets.byId(ticket.id))?.state).toBe('waiting');
    // Ids are province-wide: ba-dinh learns the id is another centre's (a command answers forbidden), hoan-kiem that it is its own.
    expect(await b.tickets.heldElsewhere(ticket.id)).toBe(true);
    expect(await a.tickets.heldElsewhere(ticket.id)).toBe(false);
    expect(await b.tickets.heldElsewhere(ticket.id + 1000)).toBe(false);
    expect(await b.dossiers.ticketPlace(ticket.id)).toBe('elsewhere');
    expect(await a.dossiers.ticketPlace(ticket.id)).toBe('here');
    // Numbers are per centre: ba-dinh's first ticket of the day is 1001 as well.
    expect((await b.transaction(() => b.tickets.insertTicket(day, 'ho-tich', 1001, at(6), 'kiosk-9', 'normal'))).number).toBe(1001);
  });

  it('prune of one centre leaves the other centre\'s entries', async () => {
    const a = pgStoreUnderTest(pg.store, 'hoan-kiem');
    const b = pgStoreUnderTest(pg.store, 'ba-dinh');
    const [ia, ib] = [randomUUID(), randomUUID()];
    await a.transaction(() => a.log.record(ia, 'kiosk-1', 'ticket:issue', answer(1), at(1), true));
    await b.transaction(() => b.log.record(ib, 'kiosk-9', 'ticket:issue', answer(2), at(1), true));
    expect(await a.log.prune(at(2))).toBeGreaterThanOrEqual(1);
    expect(await a.log.find(ia)).toBeNull();
    expect((await b.log.find(ib))?.deviceId).toBe('kiosk-9');
  });
});
