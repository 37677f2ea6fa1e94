import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextLeaseBlock } from '../../../core/queue/numbering';
import type { Service } from '../../../core/queue/types';
import { OUTSTANDING_BLOCKS } from '../../../hub/queue/number-leases';
import { POSTGRES_MISSING, warnIfPostgresMissing } from '../../support/postgres';
import { pgStoreUnderTest, startPgFixture, type PgFixture, type StoreUnderTest } from '../store-contract/stores';

/**
 * Kiosks leasing and counters' online issues of one service at once through 8 connections, with
 * NumberLeases' steps over the PostgreSQL repositories: no number both leased and issued, no two
 * leases overlapping, and a kiosk's outstanding cap holding even when its requests race.
 */

warnIfPostgresMissing('pg-leases-concurrency');

const CONNECTIONS = 8;
const DAY = '2026-12-03';
const BLOCK = 10;
const SERVICE: Pick<Service, 'id' | 'numberFrom' | 'numberTo'> = { id: 'dat-dai', numberFrom: 2001, numberTo: 2400 };
const AT = '2026-12-03T01:00:00.000Z';

/** NumberLeases.lease's steps: the outstanding cap, then a block below the lowest lease. */
function lease(s: StoreUnderTest, deviceId: string): Promise<{ from: number; to: number } | 'cap' | 'exhausted'> {
  return s.transaction(async () => {
    const outstanding = (await s.leases.leasedTo(DAY, SERVICE.id, deviceId)) - (await s.leases.deliveredTo(DAY, SERVICE.id, deviceId));
    if (outstanding >= OUTSTANDING_BLOCKS * BLOCK) return 'cap';
    const { lastIssued, lowestLeased } = await s.tickets.numbering(DAY, SERVICE.id);
    const block = nextLeaseBlock(SERVICE, lastIssued, lowestLeased, BLOCK);
    if (!block.ok) return 'exhausted';
    await s.leases.insertLease({ day: DAY, serviceId: SERVICE.id, deviceId, ...block.value, leasedAt: AT, commandId: randomUUID() });
    return block.value;
  });
}

/** ticket:issue's step (the repository's issueTicket: the number taken, then judged by core's rule); a refusal commits nothing. */
function issue(s: StoreUnderTest): Promise<number | 'exhausted'> {
  return s.transaction(async () => {
    const issued = await s.tickets.issueTicket(DAY, SERVICE, AT, 'quay-1', 'normal');
    return issued.ok ? issued.value.ticket.number : 'exhausted';
  });
}

describe.skipIf(POSTGRES_MISSING !== null)('leases and issues of one service from 8 connections at once (PostgreSQL)', () => {
  let pg: PgFixture;

  beforeAll(async () => {
    pg = await startPgFixture(CONNECTIONS + 1);
    await pg.addCentre('hoan-kiem');
    await pg.addCentre('ba-dinh');
  }, 60_000);
  afterAll(() => pg?.close());

  it('until the block runs out: every number is issued or leased at most once, and the two never meet', async () => {
    const s = pgStoreUnderTest(pg.store, 'hoan-kiem');
    const results = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, w) => {
        const issued: number[] = [];
        const leased: { from: number; to: number }[] = [];
        // Half the connections are counters issuing, half are kiosks leasing (each its own device, delivering nothing).
        for (let round = 0; ; round++) {
          if (w % 2 === 0) {
            const n = await issue(s);
            if (n === 'exhausted') break;
            issued.push(n);
          } else {
            const block = await lease(s, `kiosk-${w}-${round}`);
            if (block === 'exhausted') break;
            if (block !== 'cap') leased.push(block);
          }
        }
        return { issued, leased };
      }),
    );
    const numbers = [...results.flatMap((r) => r.issued), ...results.flatMap((r) => r.leased.flatMap((b) => Array.from({ length: b.to - b.from + 1 }, (_, i) => b.from + i)))];
    // Every number of the block went exactly once (the last lease may be shorter than BLOCK).
    expect(numbers.length).toBe(SERVICE.numberTo - SERVICE.numberFrom + 1);
    expect(new Set(numbers).size).toBe(numbers.length);
    const online = results.flatMap((r) => r.issued).sort((a, b) => a - b);
    expect(online).toEqual(Array.from({ length: online.length }, (_, i) => SERVICE.numberFrom + i));
    expect(online.length).toBeGreaterThan(0);
    expect(results.some((r) => r.leased.length > 0)).toBe(true);
  }, 180_000);

  it(`one kiosk's lease requests racing through 8 connections: at most ${OUTSTANDING_BLOCKS} blocks while it delivers nothing`, async () => {
    const s = pgStoreUnderTest(pg.store, 'ba-dinh');
    const answers = await Promise.all(Array.from({ length: CONNECTIONS }, () => lease(s, 'kiosk-1')));
    expect(answers.filter((a) => a !== 'cap').length).toBe(OUTSTANDING_BLOCKS);
    expect(answers.filter((a) => a === 'cap').length).toBe(CONNECTIONS - OUTSTANDING_BLOCKS);
    expect(await s.leases.leasedTo(DAY, SERVICE.id, 'kiosk-1')).toBe(OUTSTANDING_BLOCKS * BLOCK);
  }, 60_000);
});
