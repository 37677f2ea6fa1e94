import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredCounterState } from '../../../hub/queue/ticket-rows';
import { PgTicketRepository } from '../../../hub/store/pg/pg-ticket-repository';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { startPgFixture, type PgFixture } from '../store-contract/stores';

/**
 * One counter changed through two hub processes at the same instant (a pause sent to one, a
 * clerk's sign-in to the other): the queue service reads the counter's state to change it
 * (counterState) and writes it back whole, so the second read must wait for the first change's
 * commit, or the second write puts back what the first one changed.
 */

warnIfPostgresMissing('pg-counter-state');

const AT = '2026-12-03T01:00:00.000Z';
const NEVER_CHANGED: StoredCounterState = { paused: false, pausedReason: null, clerkId: null };

describe.skipIf(POSTGRES_MISSING !== null)('one counter changed by two transactions at once (PostgreSQL)', () => {
  let pg: PgFixture;
  let repo: PgTicketRepository;

  beforeAll(async () => {
    pg = await startPgFixture(4);
    await pg.addCentre('hoan-kiem');
    repo = new PgTicketRepository(pg.store.sql, 'hoan-kiem');
  }, 60_000);
  afterAll(() => pg?.close());

  it('a pause and a sign-in at once: the second read waits for the first change and both stay', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstRead!: () => void;
    const read = new Promise<void>((resolve) => (firstRead = resolve));
    const pause = pg.store.transaction(async () => {
      const state = (await repo.counterState('quay-1')) ?? NEVER_CHANGED;
      firstRead();
      await held;
      await repo.setCounterState('quay-1', { ...state, paused: true, pausedReason: 'Nghỉ trưa' }, AT);
    });
    await read;
    let secondRead: StoredCounterState | null | 'waiting' = 'waiting';
    const signIn = pg.store.transaction(async () => {
      const state = (await repo.counterState('quay-1')) ?? NEVER_CHANGED;
      secondRead = state;
      await repo.setCounterState('quay-1', { ...state, clerkId: 'can-bo-1' }, AT);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondRead).toBe('waiting');
    release();
    await Promise.all([pause, signIn]);
    expect(secondRead).toEqual({ paused: true, pausedReason: 'Nghỉ trưa', clerkId: null });
    expect((await repo.counterStates()).get('quay-1')).toEqual({ paused: true, pausedReason: 'Nghỉ trưa', clerkId: 'can-bo-1' });
    // Outside a transaction the read takes no lock: another centre's counter of the same id is apart.
    expect(await new PgTicketRepository(pg.store.sql, 'ba-dinh').counterState('quay-1')).toBeNull();
  });
});
