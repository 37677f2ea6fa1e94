import path from 'node:path';
import pgDriver from 'pg';
import { connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hello } from '../../../core/protocol/socket';
import type { QueueEvent } from '../../../core/queue/snapshot';
import { centreChannelPrefix } from '../../../hub/province-relay';
import { CentreListeners } from '../../../hub/store/pg/centre-listeners';
import { appendEvents } from '../../../hub/store/pg/event-log';
import { migratePool } from '../../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../../hub/store/pg/migrations';
import { PgStore } from '../../../hub/store/pg/pg-store';
import { createPgPool } from '../../../hub/store/pg/pool';
import type { CentreConfig } from '../../../kiosk-config/schema';
import { commandId, connectDevice, demoConfig, tempDir, tokenOf, type DeviceSocket } from '../../support/centre';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('the centre\'s listening processes');

const DISPLAYS = 6;

/** The demo centre with six displays. */
function config(): CentreConfig {
  const base = demoConfig();
  const display = base.devices.find((d) => d.id === 'display-1')!;
  const more = Array.from({ length: DISPLAYS - 1 }, (_, i) => ({ ...display, id: `display-${i + 2}`, name: `Màn hình ${i + 2}`, token: `demo-display-${i + 2}-7c1d9e2f4a6b8c0d` }));
  return { ...base, devices: [...base.devices, ...more] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pgDriverQuery(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pgDriver.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

describe.skipIf(POSTGRES_MISSING !== null)("the centre's listening processes (real PostgreSQL)", () => {
  let pg: PostgresInstance;

  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });

  describe('CentreListeners on the centre row', () => {
    let pool: pgDriver.Pool;
    beforeAll(async () => {
      pool = createPgPool(await pg.createDatabase('rows'), { max: 4 });
      await migratePool(pool, PG_MIGRATIONS);
      await pool.query(`INSERT INTO centres (id, name, created_at) VALUES ('hoan-kiem', 'Trung tâm Hoàn Kiếm', 'x')`);
    });
    afterAll(async () => {
      await pool?.end();
    });
    const listed = async () => (await pool.query<{ listeners: string[] }>(`SELECT listeners FROM centres WHERE id = 'hoan-kiem'`)).rows[0]!.listeners;
    const numbered = async (store: PgStore) => store.transaction(() => appendEvents(store.sql, 'hoan-kiem', [{ at: 'x', type: 'counter-changed', counterId: 'quay-1' }]));

    it('decides per event from the list its numbering saw: alone, with another process, after it left; unknown seqs go to all', async () => {
      // A name left by a crash: the process named so removes it when it starts.
      await pool.query(`UPDATE centres SET listeners = '{a:1,b:2}' WHERE id = 'hoan-kiem'`);
      const storeA = new PgStore(pool);
      const a = new CentreListeners(storeA.sql, 'hoan-kiem', 100);
      const storeB = new PgStore(pool);
      const b = new CentreListeners(storeB.sql, 'hoan-kiem', 100);
      a.start('a:1');
      await a.joined();
      expect(await listed()).toEqual(['b:2', 'a:1']);
      b.start('b:2');
      // b's stale name went at its start; a is alone.
      await expect.poll(listed).toEqual(['a:1']);
      const [alone] = await numbered(storeA);
      expect(a.othersNeed([alone!])).toBe(false);
      // Joined twice, listed once; numbered after b joined: to all.
      await Promise.all([b.joined(), b.joined()]);
      expect(await listed()).toEqual(['a:1', 'b:2']);
      const [shared] = await numbered(storeA);
      expect(a.othersNeed([shared!])).toBe(true);
      // b emptied: its name goes after the grace; a join within the grace keeps it.
      b.emptied();
      await sleep(30);
      await b.joined();
      await sleep(200);
      expect(await listed()).toEqual(['a:1', 'b:2']);
      b.emptied();
      await expect.poll(listed, { timeout: 5_000 }).toEqual(['a:1']);
      const [after] = await numbered(storeA);
      expect(a.othersNeed([after!, 999_999])).toBe(true); // one unknown seq in the batch: to all
      const [again] = await numbered(storeA);
      expect(a.othersNeed([again!])).toBe(false);
      await a.close();
      expect(await listed()).toEqual([]);
    });

    it("a join waits for the events being numbered: it is listed only after they commit, so they are in the snapshot read after it", async () => {
      const storeA = new PgStore(pool);
      const a = new CentreListeners(storeA.sql, 'hoan-kiem');
      a.start('a:1');
      const b = new CentreListeners(new PgStore(pool).sql, 'hoan-kiem');
      b.start('b:2');
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let numberedSeq = 0;
      // A's transaction numbers an event (the centre row locked) and stays open.
      const transaction = storeA.transaction(async () => {
        numberedSeq = (await appendEvents(storeA.sql, 'hoan-kiem', [{ at: 'x', type: 'counter-changed', counterId: 'quay-1' }]))[0]!;
        await held;
      });
      await expect.poll(() => numberedSeq).toBeGreaterThan(0);
      let listedB = false;
      const joining = b.joined().then(() => (listedB = true));
      await sleep(300);
      expect(listedB).toBe(false);
      // Numbered before B was listed: A keeps it to itself…
      expect(a.othersNeed([numberedSeq])).toBe(false);
      release();
      await transaction;
      await joining;
      // …and B, listed after its commit, reads it.
      expect((await pool.query<{ seq: number }>(`SELECT max(seq)::int AS seq FROM events WHERE centre_id = 'hoan-kiem'`)).rows[0]!.seq).toBe(numberedSeq);
      await Promise.all([a.close(), b.close()]);
    });
  });

  describe('two hub processes of one centre', () => {
    let tmp: ReturnType<typeof tempDir>;
    let a: HubProcess;
    let b: HubProcess;
    let listener: pgDriver.Client;
    let url: string;
    const sockets: DeviceSocket[] = [];
    const centre = config();
    /** Queue events the processes published to each other (the adapter's NOTIFYs). */
    let published = 0;

    beforeAll(async () => {
      url = await pg.createDatabase('province');
      tmp = tempDir();
      const args = ['--store', url, '--centre', 'demo'];
      [a, b] = await Promise.all([
        startHubProcess({ config: centre, dataDir: path.join(tmp.dir, 'a'), args, startTimeoutMs: 120_000 }),
        startHubProcess({ config: centre, dataDir: path.join(tmp.dir, 'b'), args, startTimeoutMs: 120_000 }),
      ]);
      listener = new pgDriver.Client({ connectionString: url });
      await listener.connect();
      listener.on('notification', (n) => {
        if (n.payload?.includes('queue:events')) published++;
      });
      await listener.query(`LISTEN "${centreChannelPrefix('demo')}#/"`);
    }, 240_000);

    afterAll(async () => {
      sockets.forEach((s) => s.close());
      await listener?.end();
      await Promise.all([a?.stop(), b?.stop()]);
      tmp?.remove();
    }, 60_000);

    /** A display whose frames are collected from its first moment, before its hello. */
    function display(hub: HubProcess, id: string): Promise<{ hello: Hello; seqs: number[] }> {
      const socket: DeviceSocket = connect(hub.url, { auth: { deviceId: id, token: tokenOf(centre, id) }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      const seqs: number[] = [];
      socket.on('queue:events', (events: QueueEvent[]) => seqs.push(...events.map((e) => e.seq)));
      return new Promise((resolve, reject) => {
        socket.once('session:hello', (hello) => resolve({ hello, seqs }));
        socket.once('connect_error', reject);
      });
    }

    it("a device is greeted only once its process is on the centre's list: while the centre's row is locked, no hello", async () => {
      const lock = new pgDriver.Client({ connectionString: url });
      await lock.connect();
      await lock.query('BEGIN');
      await lock.query(`SELECT 1 FROM centres WHERE id = 'demo' FOR UPDATE`);
      let greeted = false;
      const greeting = display(a, `display-${DISPLAYS}`).then((d) => ((greeted = true), d));
      await sleep(500);
      expect(greeted).toBe(false);
      await lock.query('COMMIT');
      await lock.end();
      expect((await greeting).hello.snapshot).toBeDefined();
      expect((await pgDriverQuery(url, `SELECT listeners FROM centres WHERE id = 'demo'`))[0]).toMatchObject({ listeners: [expect.stringMatching(new RegExp(`:${a.port}:[0-9a-f-]{36}$`))] });
    }, 60_000);

    it('alone, a process publishes its events to nobody; a display joining the other process mid-stream then hears every event after its snapshot', async () => {
      const { socket: kiosk } = await connectDevice(a.url, 'kiosk-1', tokenOf(centre, 'kiosk-1'));
      sockets.push(kiosk);
      const issue = async () => {
        const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.ticket;
      };
      for (let i = 0; i < 10; i++) await issue();
      await sleep(300);
      expect(published).toBe(0);

      // Tickets issued through A without a pause while displays join B one after another.
      let issuing = true;
      const stream = (async () => {
        while (issuing) await issue();
      })();
      const joined: { hello: Hello; seqs: number[] }[] = [];
      for (let i = 1; i <= DISPLAYS; i++) {
        await sleep(15 + ((i * 37) % 60));
        joined.push(await display(b, `display-${i}`));
      }
      await sleep(100);
      issuing = false;
      await stream;
      const last = (await connectDevice(a.url, 'kiosk-1', tokenOf(centre, 'kiosk-1'))).hello.snapshot.seq;
      for (const [i, d] of joined.entries()) {
        await expect.poll(() => d.seqs.at(-1), { timeout: 10_000, message: `display-${i + 1}` }).toBe(last);
        const from = d.hello.snapshot.seq;
        const live = [...new Set(d.seqs.filter((s) => s > from))].sort((x, y) => x - y);
        expect(live, `display-${i + 1}, greeted at seq ${from}`).toEqual(Array.from({ length: last - from }, (_, k) => from + k + 1));
      }
      // Once B listened, A published to it.
      expect(published).toBeGreaterThan(0);
    }, 120_000);
  });
});
