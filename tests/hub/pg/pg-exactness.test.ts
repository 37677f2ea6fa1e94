import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCommand, completeCommand } from '../../../hub/store/pg/command-claims';
import { appendEvents } from '../../../hub/store/pg/event-log';
import { migratePool } from '../../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { createPgPool } from '../../../hub/store/pg/pool';
import { allocateTicketNumber } from '../../../hub/store/pg/ticket-numbers';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

/**
 * What several hub processes writing one database at once must not break: a replayed command
 * runs once whichever process it reaches, and a centre's events are numbered without a gap in
 * commit order. Each connection of the pool stands for a hub process's connection.
 */

warnIfPostgresMissing('pg-exactness');

const CONNECTIONS = 8;
const DAY = '2026-12-03';
const SERVICE = { id: 'ho-tich', numberFrom: 1001, numberTo: 9999 };

describe.skipIf(POSTGRES_MISSING !== null)('exact under concurrent writers (PostgreSQL)', () => {
  let server: PostgresInstance;
  let pool: pg.Pool;

  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  beforeAll(async () => {
    server = await startPostgres();
    pool = createPgPool(server.url, { max: CONNECTIONS + 1 });
    await migratePool(pool, PG_MIGRATIONS);
    await pool.query(`INSERT INTO centres (id, name, created_at) VALUES ('hoan-kiem', 'Trung tâm Hoàn Kiếm', 'x'), ('ba-dinh', 'Trung tâm Ba Đình', 'x')`);
  });
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  it('the same 100 commands sent through 8 connections at once run once each: one number per command, the same answer to all 8', async () => {
    /** A ticket:issue as the runner will run it: claim, work, answer, commit — or the first run's answer. */
    const run = (commandId: string) =>
      transaction(async (client) => {
        const claim = await claimCommand(client, { commandId, centreId: 'hoan-kiem', deviceId: 'kiosk-1', name: 'ticket:issue', at: '2026-12-03T01:00:00.000Z' });
        if (!claim.claimed) return claim.previous.resultJson;
        const number = await allocateTicketNumber(client, { centreId: 'hoan-kiem', day: DAY, service: SERVICE });
        if (!number.ok) throw new Error(number.error.message);
        const answer = JSON.stringify({ ok: true, value: { number: number.value } });
        await completeCommand(client, commandId, answer, true);
        return answer;
      });
    const ids = Array.from({ length: 100 }, (_, i) => `cmd-${String(i).padStart(3, '0')}`);
    // Each connection goes through all the ids, starting at a different place, so duplicates really overlap.
    const answers = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, worker) => {
        const mine = new Map<string, string>();
        for (let i = 0; i < ids.length; i++) {
          const id = ids[(i + worker * 13) % ids.length]!;
          mine.set(id, await run(id));
        }
        return mine;
      }),
    );
    for (const id of ids) expect(new Set(answers.map((a) => a.get(id))).size, id).toBe(1);
    const numbers = ids.map((id) => (JSON.parse(answers[0]!.get(id)!) as { value: { number: number } }).value.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => 1001 + i));
    expect((await pool.query(`SELECT last_number FROM number_sequences WHERE centre_id = 'hoan-kiem'`)).rows).toEqual([{ last_number: 1100 }]);
    expect((await pool.query(`SELECT count(*) AS n FROM commands WHERE result_json = '"claimed"'`)).rows).toEqual([{ n: 0 }]);
  }, 120_000);

  it('a claim whose transaction rolls back leaves the command to its replay', async () => {
    const claim = { commandId: 'cmd-rolled-back', centreId: 'hoan-kiem', deviceId: 'kiosk-1', name: 'ticket:issue', at: 'x' };
    await expect(
      transaction(async (client) => {
        expect(await claimCommand(client, claim)).toEqual({ claimed: true });
        throw new Error('the handler failed inside');
      }),
    ).rejects.toThrow('the handler failed inside');
    const replay = await transaction(async (client) => {
      const outcome = await claimCommand(client, claim);
      if (outcome.claimed) await completeCommand(client, claim.commandId, '{"ok":false,"error":{"kind":"conflict","message":"…"}}', false);
      return outcome;
    });
    expect(replay).toEqual({ claimed: true });
    expect(await transaction((client) => claimCommand(client, claim))).toEqual({
      claimed: false,
      previous: { deviceId: 'kiosk-1', name: 'ticket:issue', resultJson: '{"ok":false,"error":{"kind":"conflict","message":"…"}}', ok: false },
    });
  });

  it('events of one centre written by 8 connections at once: 1…N without a gap, and a reader never sees a hole', async () => {
    let writing = true;
    let reads = 0;
    const holes: string[] = [];
    // A display's view: at any instant, the committed events of the centre are exactly 1…max(seq).
    const reader = (async () => {
      while (writing) {
        const { rows } = await pool.query<{ n: number; top: number | null }>(`SELECT count(*) AS n, max(seq) AS top FROM events WHERE centre_id = 'ba-dinh'`);
        reads++;
        if ((rows[0]!.top ?? 0) !== rows[0]!.n) holes.push(`${rows[0]!.n} events up to seq ${rows[0]!.top}`);
      }
    })();
    const written = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, worker) => {
        const seqs: number[] = [];
        for (let i = 0; i < 60; i++) {
          const count = 1 + ((worker + i) % 3);
          const events = Array.from({ length: count }, () => ({ at: 'x', type: 'counter-changed', counterId: `quay-${worker}` }));
          seqs.push(...(await transaction((client) => appendEvents(client, 'ba-dinh', events))));
        }
        return seqs;
      }),
    );
    writing = false;
    await reader;
    const all = written.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(reads).toBeGreaterThan(0);
    expect(holes).toEqual([]);
    // The other centre's numbering is its own.
    expect(await transaction((client) => appendEvents(client, 'hoan-kiem', [{ at: 'x', type: 'counter-changed', counterId: 'quay-1' }]))).toEqual([1]);
    await expect(transaction((client) => appendEvents(client, 'hue', [{ at: 'x', type: 'counter-changed', counterId: 'quay-1' }]))).rejects.toThrow('unknown centre "hue"');
  }, 120_000);
});
