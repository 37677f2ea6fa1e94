import path from 'node:path';
import pgDriver from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTicketToken } from '../../../hub/public/ticket-tokens';
import type { CentreConfig } from '../../../kiosk-config/schema';
import { commandId, connectCounter, connectDevice, demoConfig, tempDir, tokenOf, type DeviceSocket } from '../../support/centre';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('the one-statement ticket:issue');

/** The stored form of an answer the one statement logged (hub/queue/issue-answer.ts). */
const STORED = '{"issued":%';
/** A service with a block small enough to use up: 5001–5020. */
const SMALL = 'chung-thuc';

/** The demo centre with a public address (tickets get links), a second kiosk, and a small block for SMALL. */
function config(): CentreConfig {
  const base = demoConfig();
  const kiosk = base.devices.find((d) => d.id === 'kiosk-1')!;
  return {
    ...base,
    hub: { ...base.hub, publicBaseUrl: 'https://motcua.hoankiem.example.gov.vn' },
    services: base.services.map((s) => (s.id === SMALL ? { ...s, numberFrom: 5001, numberTo: 5020 } : s)),
    devices: [...base.devices, { ...kiosk, id: 'kiosk-2', name: 'Kiosk 2', token: 'demo-kiosk-2-5b1e7c3a9d2f4e60' }],
  };
}

type IssueAnswer = { ok: true; value: { ticket: { id: number; number: number; serviceId: string }; waitingAhead: number; estimatedWaitMinutes: number | null; trackingUrl?: string } } | { ok: false; error: { kind: string; message: string } };

/**
 * `ticket:issue` on PostgreSQL as ONE statement (hub/store/pg/pg-issue-alone.ts), through two real
 * hub processes of one centre: the guard on the numbering row keeps numbers exact whichever process
 * or lease wrote last, the answer's inputs are logged with it and rebuilt for a replay in either
 * process, and the ticket's public link is stored in the same statement.
 */
describe.skipIf(POSTGRES_MISSING !== null)('the one-statement ticket:issue (two hub processes, real PostgreSQL)', () => {
  let pg: PostgresInstance;
  let tmp: ReturnType<typeof tempDir>;
  let a: HubProcess;
  let b: HubProcess;
  let db: pgDriver.Pool;
  const sockets: DeviceSocket[] = [];
  const centre = config();

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('province');
    tmp = tempDir();
    const args = ['--store', url, '--centre', 'demo'];
    [a, b] = await Promise.all([
      startHubProcess({ config: centre, dataDir: path.join(tmp.dir, 'a'), args, startTimeoutMs: 120_000 }),
      startHubProcess({ config: centre, dataDir: path.join(tmp.dir, 'b'), args, startTimeoutMs: 120_000 }),
    ]);
    db = new pgDriver.Pool({ connectionString: url, max: 2 });
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await db?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await pg?.stop();
    tmp?.remove();
  }, 60_000);

  const kiosk = async (hub: HubProcess, id: 'kiosk-1' | 'kiosk-2') => {
    const { socket } = await connectDevice(hub.url, id, tokenOf(centre, id));
    sockets.push(socket);
    return socket;
  };
  const issue = async (k: DeviceSocket, serviceId: string, id = commandId()) => (await k.emitWithAck('ticket:issue', { commandId: id, serviceId })) as IssueAnswer;
  const stored = async (id: string) => (await db.query<{ result_json: string; ok: number }>('SELECT result_json, ok FROM commands WHERE command_id = $1', [id])).rows[0];

  it('logs the answer it gave as its inputs; a replay through either process answers exactly that, and nothing is issued twice', async () => {
    const [k1, k2] = [await kiosk(a, 'kiosk-1'), await kiosk(b, 'kiosk-2')];
    // The day's first ticket of the service creates its numbering row (the transactional way); the next ones are one statement.
    expect(await issue(k1, 'ho-tich')).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });
    const id = commandId();
    const first = await issue(k1, 'ho-tich', id);
    expect(first).toMatchObject({ ok: true, value: { ticket: { number: 1002, serviceId: 'ho-tich' }, waitingAhead: 1 } });
    const row = await stored(id);
    expect(row!.result_json.startsWith('{"issued":'), row!.result_json).toBe(true);
    expect(row!.ok).toBe(1);
    // Its inputs: the counters serving the service by the configuration, none paused.
    const inputs = (JSON.parse(row!.result_json) as { issued: { serving: string[]; paused: string[]; waitingAhead: number } }).issued;
    expect(inputs.serving).toEqual(centre.counters.filter((c) => c.serviceIds.includes('ho-tich')).map((c) => c.id));
    expect(inputs).toMatchObject({ paused: [], waitingAhead: 1 });
    // The public link was stored in the same statement: its token finds this ticket.
    if (!first.ok) throw new Error('unreachable');
    const token = new URL(first.value.trackingUrl!).pathname.split('/').pop()!;
    expect((await db.query('SELECT ticket_id::int AS ticket_id FROM ticket_public_tokens WHERE token_hash = $1', [hashTicketToken(token)])).rows).toEqual([{ ticket_id: first.value.ticket.id }]);
    // The same command again, through A and through B (the kiosk reconnected to the other process): the first answer, byte for byte.
    expect(JSON.stringify(await issue(k1, 'ho-tich', id))).toBe(JSON.stringify(first));
    const k1OnB = await connectDevice(b.url, 'kiosk-1', tokenOf(centre, 'kiosk-1'));
    sockets.push(k1OnB.socket);
    expect(JSON.stringify(await issue(k1OnB.socket, 'ho-tich', id))).toBe(JSON.stringify(first));
    // The same id from another device is someone else's command: conflict, as for any logged answer.
    expect(await issue(k2, 'ho-tich', id)).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect((await db.query(`SELECT count(*)::int AS n FROM tickets WHERE service_id = 'ho-tich'`)).rows).toEqual([{ n: 2 }]);
  }, 60_000);

  it('kiosks on both processes in turn: each process finds the row moved by the other, judges again and stays exact — one statement each after the first', async () => {
    const [k1, k2] = [await kiosk(a, 'kiosk-1'), await kiosk(b, 'kiosk-2')];
    const ids: string[] = [];
    const numbers: number[] = [];
    for (let i = 0; i < 12; i++) {
      const id = commandId();
      ids.push(id);
      const answer = await issue(i % 3 === 0 ? k2 : k1, 'dat-dai', id);
      if (!answer.ok) throw new Error(answer.error.message);
      numbers.push(answer.value.ticket.number);
    }
    const from = centre.services.find((s) => s.id === 'dat-dai')!.numberFrom;
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => from + i));
    const rows = await db.query<{ command_id: string }>('SELECT command_id FROM commands WHERE command_id = ANY($1) AND result_json LIKE $2', [ids, STORED]);
    // All but the day's first, which created the numbering row in a transaction.
    expect(rows.rows.map((r) => r.command_id).sort()).toEqual(ids.slice(1).sort());
  }, 60_000);

  it("a kiosk's lease through the other process moves the row: online numbers stop below it, and the block used up is refused exhausted", async () => {
    const [k1, k2] = [await kiosk(a, 'kiosk-1'), await kiosk(b, 'kiosk-2')];
    // A knows the row (its first issue created it, its second was one statement).
    expect(await issue(k1, SMALL)).toMatchObject({ ok: true, value: { ticket: { number: 5001 } } });
    expect(await issue(k1, SMALL)).toMatchObject({ ok: true, value: { ticket: { number: 5002 } } });
    // Kiosk 2 leases the top ten through B: 5011–5020.
    const lease = await k2.emitWithAck('ticket:lease-numbers', { commandId: commandId(), serviceId: SMALL, count: 10 });
    expect(lease).toMatchObject({ ok: true, value: { lease: { from: 5011, to: 5020 } } });
    expect((await db.query(`SELECT last_number, lowest_leased FROM number_sequences WHERE service_id = $1`, [SMALL])).rows).toEqual([{ last_number: 5002, lowest_leased: 5011 }]);
    // A, its view of the row out of date, goes on from 5003 to 5010 and then refuses.
    const numbers: number[] = [];
    let refusal: IssueAnswer | undefined;
    for (let i = 0; i < 10 && !refusal; i++) {
      const answer = await issue(k1, SMALL);
      if (answer.ok) numbers.push(answer.value.ticket.number);
      else refusal = answer;
    }
    expect(numbers).toEqual([5003, 5004, 5005, 5006, 5007, 5008, 5009, 5010]);
    expect(refusal).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
    expect(await issue(k2, SMALL)).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
    // The refusal wrote nothing: the row stands where the last ticket left it.
    expect((await db.query(`SELECT last_number, lowest_leased FROM number_sequences WHERE service_id = $1`, [SMALL])).rows).toEqual([{ last_number: 5010, lowest_leased: 5011 }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM tickets WHERE service_id = $1 AND number >= 5011`, [SMALL])).rows).toEqual([{ n: 0 }]);
  }, 60_000);

  it('a paused counter is in the stored inputs, and the estimate rebuilt for a replay is the one first given', async () => {
    const [k1] = [await kiosk(a, 'kiosk-1')];
    const { socket: counter } = await connectCounter(a.url, 'counter-1');
    sockets.push(counter);
    const counterId = centre.devices.find((d) => d.id === 'counter-1')!.counterId!;
    const serviceId = centre.counters.find((c) => c.id === counterId)!.serviceIds[0]!;
    expect(await counter.emitWithAck('counter:pause', { commandId: commandId(), counterId, reason: 'Nghỉ trưa' })).toMatchObject({ ok: true });
    await issue(k1, serviceId);
    const id = commandId();
    const first = await issue(k1, serviceId, id);
    expect(first.ok).toBe(true);
    const inputs = (JSON.parse((await stored(id))!.result_json) as { issued: { paused: string[] } }).issued;
    expect(inputs.paused).toEqual([counterId]);
    expect(await counter.emitWithAck('counter:resume', { commandId: commandId(), counterId })).toMatchObject({ ok: true });
    expect(JSON.stringify(await issue(k1, serviceId, id))).toBe(JSON.stringify(first));
  }, 60_000);
});
