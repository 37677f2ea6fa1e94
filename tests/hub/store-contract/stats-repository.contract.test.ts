import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../hub/db/open-database';
import { asyncOf, type Async } from '../../../hub/store/async-of';
import { PgStatsRepository } from '../../../hub/store/pg/pg-stats-repository';
import { StatsRepository } from '../../../hub/stats/stats-repository';
import { StatsService } from '../../../hub/stats/stats-service';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { startPgFixture, type PgFixture, type Twin } from './stores';

/**
 * StatsRepository's contract on both stores: the same tickets and ratings give the same facts
 * (waits and service times to the millisecond) and the same idle gaps (a transferred ticket's
 * latest call, an overlap counted as 0), the range's days only; on PostgreSQL one centre's only.
 */

warnIfPostgresMissing('stats contract');

interface TicketSeed {
  readonly day: string;
  readonly number: number;
  readonly state: string;
  readonly issued: string;
  readonly firstCalled?: string;
  readonly called?: string;
  readonly started?: string;
  readonly finished?: string;
  readonly counter?: string;
  readonly clerk?: string;
  readonly rating?: number;
}

const at = (hms: string, day = '2026-12-03') => `${day}T${hms}Z`;
const SEED: readonly TicketSeed[] = [
  { day: '2026-12-03', number: 1001, state: 'done', issued: at('02:00:00.000'), firstCalled: at('02:05:00.000'), called: at('02:05:00.000'), started: at('02:06:00.000'), finished: at('02:16:30.500'), counter: 'c1', clerk: 'k1', rating: 4 },
  { day: '2026-12-03', number: 1002, state: 'done', issued: at('02:01:00.000'), firstCalled: at('02:20:00.000'), called: at('02:20:00.000'), started: at('02:20:10.000'), finished: at('02:30:00.000'), counter: 'c1', clerk: 'k1', rating: 2 },
  { day: '2026-12-03', number: 1003, state: 'waiting', issued: at('02:02:00.000') },
  // First called at c2 at 02:10, transferred to c1 and called there at 02:31: the idle gap counts from that call.
  { day: '2026-12-03', number: 1004, state: 'done', issued: at('02:03:00.000'), firstCalled: at('02:10:00.000'), called: at('02:31:00.000'), started: at('02:31:05.000'), finished: at('02:40:00.000'), counter: 'c1', clerk: 'k1' },
  { day: '2026-12-03', number: 1005, state: 'no-show', issued: at('02:04:00.000'), firstCalled: at('02:45:00.000'), called: at('02:45:00.000'), finished: at('02:47:00.000'), counter: 'c2', clerk: 'k2' },
  { day: '2026-12-03', number: 1006, state: 'done', issued: at('02:40:00.000'), firstCalled: at('02:50:00.000'), called: at('02:50:00.000'), started: at('02:50:00.000'), finished: at('02:55:00.000'), counter: 'c2', clerk: 'k2' },
  // Called before the previous one finished: a gap of 0, not negative.
  { day: '2026-12-03', number: 1007, state: 'serving', issued: at('02:41:00.000'), firstCalled: at('02:54:00.000'), called: at('02:54:00.000'), started: at('02:54:30.000'), counter: 'c2', clerk: 'k2' },
  { day: '2026-12-04', number: 1001, state: 'done', issued: at('02:00:00.000', '2026-12-04'), firstCalled: at('02:01:00.000', '2026-12-04'), called: at('02:01:00.000', '2026-12-04'), started: at('02:01:00.000', '2026-12-04'), finished: at('02:02:00.000', '2026-12-04'), counter: 'c1', clerk: 'k1' },
];

const TICKET_COLUMNS = 'day, service_id, number, state, issued_at, first_called_at, called_at, started_at, finished_at, counter_id, clerk_id, issued_by';
const values = (t: TicketSeed) => [t.day, 'ho-tich', t.number, t.state, t.issued, t.firstCalled ?? null, t.called ?? null, t.started ?? null, t.finished ?? null, t.counter ?? null, t.clerk ?? null, 'kiosk-1'];

interface Kind {
  readonly kind: 'sqlite' | 'postgres';
  readonly missing: string | null;
  setup(): Promise<void>;
  /** A store holding SEED (PostgreSQL: in centre `centre`, and one more ticket in another centre). */
  seeded(): Promise<Async<StatsRepository>>;
  teardown(): Promise<void>;
}

const open: Database[] = [];
const sqliteKind: Kind = {
  kind: 'sqlite',
  missing: null,
  async setup() {},
  async seeded() {
    const db = openDatabase(':memory:');
    open.push(db);
    const insert = db.prepare(`INSERT INTO tickets (${TICKET_COLUMNS}) VALUES (${TICKET_COLUMNS.split(',').map(() => '?').join(', ')})`);
    const rate = db.prepare(`INSERT INTO ratings (ticket_id, day, service_id, counter_id, clerk_id, rating, rated_at, rated_by) VALUES (?, ?, 'ho-tich', ?, ?, ?, ?, 'kiosk-1')`);
    for (const t of SEED) {
      const id = Number(insert.run(...values(t)).lastInsertRowid);
      if (t.rating) rate.run(id, t.day, t.counter ?? null, t.clerk ?? null, t.rating, t.finished!);
    }
    return asyncOf(new StatsRepository(db));
  },
  async teardown() {
    for (const db of open.splice(0)) db.close();
  },
};

let fixture: PgFixture | undefined;
let centres = 0;
const postgresKind: Kind = {
  kind: 'postgres',
  missing: POSTGRES_MISSING,
  async setup() {
    fixture = await startPgFixture(2);
  },
  async seeded() {
    const centre = `centre-${++centres}`;
    const other = `centre-${++centres}`;
    await fixture!.addCentre(centre);
    await fixture!.addCentre(other);
    const insert = async (centreId: string, t: TicketSeed) => {
      const r = await fixture!.pool.query<{ id: string }>(`INSERT INTO tickets (centre_id, ${TICKET_COLUMNS}) VALUES ($1, ${TICKET_COLUMNS.split(',').map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`, [centreId, ...values(t)]);
      if (t.rating) {
        await fixture!.pool.query(`INSERT INTO ratings (centre_id, ticket_id, day, service_id, counter_id, clerk_id, rating, rated_at, rated_by) VALUES ($1, $2, $3, 'ho-tich', $4, $5, $6, $7, 'kiosk-1')`, [centreId, r.rows[0]!.id, t.day, t.counter ?? null, t.clerk ?? null, t.rating, t.finished]);
      }
    };
    // Another centre's ticket of the same day, counter and clerk names: never in this centre's figures.
    await insert(other, { ...SEED[0]!, number: 1001, rating: 1, finished: at('02:06:30.000') });
    for (const t of SEED) await insert(centre, t);
    return new PgStatsRepository(fixture!.store.sql, centre);
  },
  async teardown() {
    await fixture?.close();
  },
};

const RANGE = { from: '2026-12-03', to: '2026-12-03' };

describe.each([
  ['sqlite', sqliteKind],
  ['postgres', postgresKind],
] as const)('StatsRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it("gives each ticket of the range's days with its wait, service time and rating, in issue order", async () => {
      const repo = await kind.seeded();
      const facts = await repo.ticketFacts(RANGE);
      expect(facts.map((f) => [f.day, f.state, f.counterId, f.clerkId, f.waitSeconds, f.serviceSeconds, f.rating])).toEqual([
        ['2026-12-03', 'done', 'c1', 'k1', 300, 630.5, 4],
        ['2026-12-03', 'done', 'c1', 'k1', 1140, 590, 2],
        ['2026-12-03', 'waiting', null, null, null, null, null],
        ['2026-12-03', 'done', 'c1', 'k1', 420, 535, null],
        ['2026-12-03', 'no-show', 'c2', 'k2', 2460, null, null],
        ['2026-12-03', 'done', 'c2', 'k2', 600, 300, null],
        ['2026-12-03', 'serving', 'c2', 'k2', 780, null, null],
      ]);
      expect(facts[0]).toEqual({ day: '2026-12-03', issuedAt: '2026-12-03T02:00:00.000Z', serviceId: 'ho-tich', counterId: 'c1', clerkId: 'k1', state: 'done', waitSeconds: 300, serviceSeconds: 630.5, rating: 4 });
      expect(await repo.ticketFacts({ from: '2026-12-03', to: '2026-12-04' })).toHaveLength(8);
      expect(await repo.ticketFacts({ from: '2026-12-05', to: '2026-12-06' })).toEqual([]);
    });

    it("gives each counter's and clerk's idle gaps: from the previous finish to the call here, never negative", async () => {
      const repo = await kind.seeded();
      const gaps = (await repo.idleGaps(RANGE)).map((g) => `${g.by}:${g.key}:${g.seconds}`).sort();
      expect(gaps).toEqual(['clerk:k1:209.5', 'clerk:k1:60', 'clerk:k2:0', 'clerk:k2:180', 'counter:c1:209.5', 'counter:c1:60', 'counter:c2:0', 'counter:c2:180']);
    });

    it('the service builds the same report from it', async () => {
      const repo = await kind.seeded();
      const stats = new StatsService({
        repo,
        services: [{ id: 'ho-tich', name: 'Hộ tịch' }] as never,
        counters: [{ id: 'c1', name: 'Quầy 1' }, { id: 'c2', name: 'Quầy 2' }] as never,
        clerks: [{ id: 'k1', name: 'Lê Thu Hà' }, { id: 'k2', name: 'Bùi Thị Thu' }],
        timeZone: 'Asia/Ho_Chi_Minh',
        clock: () => new Date('2026-12-03T10:00:00Z'),
      });
      const report = await stats.report(RANGE);
      expect(report.groups.service).toHaveLength(1);
      expect(report.groups.service[0]).toMatchObject({ key: 'ho-tich', label: 'Hộ tịch' });
      expect(report.groups.counter.map((g) => g.label)).toEqual(['Quầy 1', 'Quầy 2']);
    });
  });
});

// The compile-time half of the contract.
const twin = (_stats: Twin<StatsRepository> = null as unknown as PgStatsRepository) => undefined;
void twin;
