import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../../core/devices';
import { CommandRunner, type CommandContext, type CommandHandlers } from '../../../hub/commands/command-runner';
import { PgCommandLog } from '../../../hub/store/pg/pg-command-log';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { PgTicketRepository } from '../../../hub/store/pg/pg-ticket-repository';
import { appendEvents } from '../../../hub/store/pg/event-log';
import { migratePool } from '../../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { createPgPool } from '../../../hub/store/pg/pool';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

/**
 * What several hub processes writing one database at once must not break: a replayed command
 * runs once whichever process it reaches (the command runner logs a command's answer last, and the
 * second to log rolls back whole), and a centre's events are numbered without a gap in commit
 * order. Each runner or connection of the pool stands for a hub process's.
 */

warnIfPostgresMissing('pg-exactness');

const CONNECTIONS = 8;
const DAY = '2026-12-03';
const SERVICE = { id: 'ho-tich', numberFrom: 1001, numberTo: 9999 };

describe.skipIf(POSTGRES_MISSING !== null)('exact under concurrent writers (PostgreSQL)', () => {
  let server: PostgresInstance;
  let pool: pg.Pool;

  const KIOSK: DeviceInfo = { id: 'kiosk-1', role: 'kiosk', name: 'Ki-ốt 1', counterId: null, printer: null };

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

  /**
   * A hub process's command runner on the shared database: its own store over one connection of
   * the pool, the centre's real command log and ticket repository, and a ticket:issue handler that
   * takes its number as the queue does — held, when `hold` is given, until it resolves.
   */
  function runner(hold?: () => Promise<void>, published: unknown[] = []): CommandRunner {
    const store = new PgStore(pool);
    const tickets = new PgTicketRepository(store.sql, 'hoan-kiem');
    const handlers = {
      'ticket:issue': async (ctx: CommandContext, input: { serviceId: string }) => {
        const issued = await tickets.issueTicket(DAY, { ...SERVICE, id: input.serviceId }, ctx.now.toISOString(), ctx.device.id, 'normal');
        if (!issued.ok) ctx.fail(issued.error.kind, issued.error.message);
        await hold?.();
        // As the queue does: the event in flight (it goes in one statement with the answer), published after the commit.
        const event = ctx.inFlight(tickets.appendTicketEvent('ticket-issued', issued.value.ticket, ctx.now.toISOString()));
        ctx.afterCommit(() => void event.then((e) => published.push(e.seq)));
        return { ticket: issued.value.ticket, waitingAhead: issued.value.figures.waitingAhead, estimatedWaitMinutes: 0 };
      },
    } as unknown as CommandHandlers;
    return new CommandRunner({ store, log: new PgCommandLog(store.sql, 'hoan-kiem') }, () => new Date('2026-12-03T01:00:00.000Z'), handlers);
  }
  const lastNumber = async () => (await pool.query<{ last_number: number }>(`SELECT last_number FROM number_sequences WHERE centre_id = 'hoan-kiem'`)).rows[0]!.last_number;
  /** A handler's hold: `holding` once it is reached, and it goes on at `release()`. */
  function pause(): { hold: () => Promise<void>; holding: Promise<void>; release: () => void } {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const holding = new Promise<void>((resolve) => (reached = resolve));
    return { hold: () => (reached(), held), holding, release };
  }
  const issue = (r: CommandRunner, commandId: string) => r.submit(KIOSK, 'ticket:issue', { commandId, serviceId: SERVICE.id });

  it('the same 100 ticket:issue sent through 8 runners (hub processes) at once run once each: one number per command, the same answer to all 8', async () => {
    const seqs: unknown[] = [];
    const runners = Array.from({ length: CONNECTIONS }, () => runner(undefined, seqs));
    const ids = Array.from({ length: 100 }, (_, i) => `command-${String(i).padStart(3, '0')}`);
    // Each runner goes through all the ids, starting at a different place, so duplicates really overlap.
    const answers = await Promise.all(
      runners.map(async (r, worker) => {
        const mine = new Map<string, string>();
        for (let i = 0; i < ids.length; i++) {
          const id = ids[(i + worker * 13) % ids.length]!;
          mine.set(id, JSON.stringify(await issue(r, id)));
        }
        return mine;
      }),
    );
    for (const id of ids) expect(new Set(answers.map((a) => a.get(id))).size, id).toBe(1);
    const numbers = ids.map((id) => (JSON.parse(answers[0]!.get(id)!) as { ok: true; value: { ticket: { number: number } } }).value.ticket.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => 1001 + i));
    expect((await pool.query(`SELECT last_number FROM number_sequences WHERE centre_id = 'hoan-kiem'`)).rows).toEqual([{ last_number: 1100 }]);
    expect((await pool.query(`SELECT count(*) AS n FROM tickets WHERE centre_id = 'hoan-kiem'`)).rows).toEqual([{ n: 100 }]);
    expect((await pool.query(`SELECT count(*) AS n FROM commands WHERE result_json = '"claimed"'`)).rows).toEqual([{ n: 0 }]);
    // Each committed issue published its event once: seqs 1…100, numbers (not the strings a bigint[] would give), no gap.
    await expect.poll(() => seqs.length).toBe(100);
    expect([...seqs].sort((a, b) => (a as number) - (b as number))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  }, 120_000);

  it('a replay racing its original in another process: the one that logs its answer second rolls back whole (number and ticket) and answers the first answer', async () => {
    const before = await lastNumber();
    const { hold, holding, release } = pause();
    // A takes its number and stops before logging; B, the replay, must wait for A's number lock…
    const a = issue(runner(hold), 'cmd-race-1');
    await holding;
    const b = issue(runner(), 'cmd-race-1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const [first, second] = await Promise.all([a, b]);
    // …so A logs first; B took the next number, found A's answer when logging its own, and rolled back.
    expect(first).toMatchObject({ ok: true, value: { ticket: { number: before + 1 } } });
    expect(second).toEqual(first);
    expect(await lastNumber()).toBe(before + 1);
    expect((await pool.query(`SELECT count(*) AS n FROM tickets WHERE centre_id = 'hoan-kiem' AND number > $1`, [before])).rows).toEqual([{ n: 1 }]);
    // A replay long after runs the handler again, rolled back the same way: nothing moves.
    expect(await issue(runner(), 'cmd-race-1')).toEqual(first);
    expect(await lastNumber()).toBe(before + 1);
  }, 60_000);

  it('an answer logged by another transaction while the command runs (a delivery superseding it) wins: the command rolls back and answers it', async () => {
    const before = await lastNumber();
    const { hold, holding, release } = pause();
    const original = issue(runner(hold), 'cmd-superseded-1');
    await holding;
    // What NumberLeases.supersede does for an issue the hub never answered: the refusal is logged under its id.
    const refusal = JSON.stringify({ ok: false, error: { kind: 'conflict', message: 'Lượt lấy số này đã được phát vé số 1990 khi mất kết nối máy chủ.' } });
    const delivery = new PgStore(pool);
    const log = new PgCommandLog(delivery.sql, 'hoan-kiem');
    await delivery.transaction(async () => {
      expect(await log.find('cmd-superseded-1')).toBeNull();
      await log.record('cmd-superseded-1', KIOSK.id, 'ticket:issue', refusal, 'x', false);
    });
    release();
    expect(JSON.stringify(await original)).toBe(refusal);
    expect(await lastNumber()).toBe(before);
  }, 60_000);

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
    const hoanKiem = (await pool.query<{ seq: number }>(`SELECT last_event_seq AS seq FROM centres WHERE id = 'hoan-kiem'`)).rows[0]!.seq;
    expect(await transaction((client) => appendEvents(client, 'hoan-kiem', [{ at: 'x', type: 'counter-changed', counterId: 'quay-1' }]))).toEqual([hoanKiem + 1]);
    await expect(transaction((client) => appendEvents(client, 'hue', [{ at: 'x', type: 'counter-changed', counterId: 'quay-1' }]))).rejects.toThrow('unknown centre "hue"');
  }, 120_000);
});
