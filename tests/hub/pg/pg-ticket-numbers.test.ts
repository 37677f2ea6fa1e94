import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../core/result';
import { migratePool } from '../../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { createPgPool } from '../../../hub/store/pg/pool';
import { allocateTicketNumber, leaseNumberBlock, type NumberKey } from '../../../hub/store/pg/ticket-numbers';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('pg-ticket-numbers');

const DAY = '2026-12-03';
const CONNECTIONS = 8;

describe.skipIf(POSTGRES_MISSING !== null)('ticket numbers on PostgreSQL under concurrent writers', () => {
  let server: PostgresInstance;
  let pool: pg.Pool;

  /** One allocation as a command would do it: its own transaction, rolled back when refused. */
  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<Result<T>>): Promise<Result<T>> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query(result.ok ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  const issue = (key: NumberKey) =>
    inTransaction(async (client) => {
      const number = await allocateTicketNumber(client, key);
      if (number.ok) {
        await client.query(`INSERT INTO tickets (centre_id, day, service_id, number, state, issued_at, issued_by) VALUES ($1, $2, $3, $4, 'waiting', 'x', 'kiosk-1')`, [
          key.centreId,
          key.day,
          key.service.id,
          number.value,
        ]);
      }
      return number;
    });

  beforeAll(async () => {
    server = await startPostgres();
    pool = createPgPool(server.url, { max: CONNECTIONS });
    await migratePool(pool, PG_MIGRATIONS);
    await pool.query(`INSERT INTO centres (id, name, created_at) VALUES ('hoan-kiem', 'Trung tâm Hoàn Kiếm', 'x'), ('ba-dinh', 'Trung tâm Ba Đình', 'x')`);
  });
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  it('8 connections issue 2,000 numbers of one service at once: 1001…3000, no duplicate, no gap', async () => {
    const key: NumberKey = { centreId: 'hoan-kiem', day: DAY, service: { id: 'ho-tich', numberFrom: 1001, numberTo: 3999 } };
    const perWorker = 2000 / CONNECTIONS;
    const started = performance.now();
    const issued = (
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          const mine: number[] = [];
          for (let i = 0; i < perWorker; i++) {
            const r = await issue(key);
            if (!r.ok) throw new Error(r.error.message);
            mine.push(r.value);
          }
          return mine;
        }),
      )
    ).flat();
    const ms = performance.now() - started;
    console.info(`pg-ticket-numbers: 2,000 numbers over ${CONNECTIONS} connections in ${Math.round(ms)} ms (${Math.round(2000 / (ms / 1000))}/s)`);
    expect(issued).toHaveLength(2000);
    expect(new Set(issued).size).toBe(2000);
    expect(Math.min(...issued)).toBe(1001);
    expect(Math.max(...issued)).toBe(3000);
    const { rows } = await pool.query(`SELECT count(*) AS n, min(number) AS lo, max(number) AS hi FROM tickets WHERE centre_id = 'hoan-kiem' AND service_id = 'ho-tich'`);
    expect(rows).toEqual([{ n: 2000, lo: 1001, hi: 3000 }]);
    expect((await pool.query(`SELECT last_number FROM number_sequences WHERE centre_id = 'hoan-kiem' AND service_id = 'ho-tich'`)).rows).toEqual([{ last_number: 3000 }]);
  }, 120_000); // 2,000 transactions taking turns on one row: seconds, more on a busy CI machine

  it('numbers are per centre: the same service of another centre starts at its own 1001', async () => {
    const key: NumberKey = { centreId: 'ba-dinh', day: DAY, service: { id: 'ho-tich', numberFrom: 1001, numberTo: 3999 } };
    expect(await issue(key)).toEqual({ ok: true, value: 1001 });
    expect(await issue({ ...key, day: '2026-12-04' })).toEqual({ ok: true, value: 1001 }); // and per day
  });

  it('numbers and kiosk leases taken at once from a small block never meet: the block is shared exactly, then refused as exhausted', async () => {
    const key: NumberKey = { centreId: 'ba-dinh', day: DAY, service: { id: 'dat-dai', numberFrom: 2001, numberTo: 2100 } };
    const online: number[] = [];
    const leases: { from: number; to: number }[] = [];
    let refusals = 0;
    let commands = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, worker) => {
        // Workers 0–5 issue numbers, 6–7 lease blocks of 5, until the block is gone.
        for (;;) {
          if (worker < 6) {
            const r = await issue(key);
            if (!r.ok) break;
            online.push(r.value);
          } else {
            const commandId = `lease-${worker}-${++commands}`;
            const r = await inTransaction((client) => leaseNumberBlock(client, key, { deviceId: `kiosk-${worker}`, count: 5, leasedAt: 'x', commandId }));
            if (!r.ok) {
              expect(r.error.kind).toBe('exhausted');
              break;
            }
            leases.push(r.value);
          }
        }
        refusals++;
      }),
    );
    expect(refusals).toBe(CONNECTIONS);
    const leased = leases.flatMap(({ from, to }) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
    expect(leases.length).toBeGreaterThan(0);
    expect(online.length).toBeGreaterThan(0);
    // Online numbers are the bottom of the block without a gap, the leases its top; together exactly 2001–2100.
    expect([...online].sort((a, b) => a - b)).toEqual(Array.from({ length: online.length }, (_, i) => 2001 + i));
    expect([...online, ...leased].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => 2001 + i));
    // The refused attempts were rolled back: the sequence stands at the last number really issued.
    expect((await pool.query(`SELECT last_number FROM number_sequences WHERE centre_id = 'ba-dinh' AND day = $1 AND service_id = 'dat-dai'`, [DAY])).rows).toEqual([
      { last_number: Math.max(...online) },
    ]);
  });
});
