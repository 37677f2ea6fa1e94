import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubClient } from '../../../main/agent/hub-client';
import type { CentreConfig } from '../../../kiosk-config/schema';
import { commandId, DEMO_CLERKS, demoConfig, tempDir } from '../../support/centre';
import { failoverTerminal, figures, upOn } from '../../support/failover';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('failover: kill -9 of a hub process');

/** The hub processes' output, kept for a failing run. */
const LOGS = process.env.MOTCUA_TEST_LOGS ?? tmpdir();

/** The demo centre with a second kiosk. */
function twoKioskConfig(): CentreConfig {
  const config = demoConfig();
  const kiosk = config.devices.find((d) => d.id === 'kiosk-1')!;
  return { ...config, devices: [...config.devices, { ...kiosk, id: 'kiosk-2', name: 'Kiosk 2', token: 'demo-kiosk-2-5b1e7c3a9d2f4e60' }] };
}

interface Acked {
  readonly device: string;
  readonly command: string;
  readonly ticketId: number;
  readonly serviceId: string;
  readonly number: number;
  readonly afterKill: boolean;
}

/**
 * Issue 13, "kill -9 of one hub process under load": two real `motcua hub --store postgres://…`
 * processes of one centre; real terminals (the agent's HubClient) given both addresses, issuing
 * and calling tickets in a loop; the process they are all on is killed with SIGKILL.
 */
describe.skipIf(POSTGRES_MISSING !== null)('kill -9 of the hub process the terminals are on', () => {
  let pgServer: PostgresInstance;
  let url: string;
  let tmp: ReturnType<typeof tempDir>;
  let a: HubProcess;
  let b: HubProcess;
  const clients: HubClient[] = [];
  const config = twoKioskConfig();

  beforeAll(async () => {
    pgServer = await startPostgres();
    url = await pgServer.createDatabase('province');
    tmp = tempDir();
    const args = ['--store', url, '--centre', 'demo'];
    const t0 = performance.now();
    [a, b] = await Promise.all([
      startHubProcess({ config, dataDir: path.join(tmp.dir, 'a'), args, startTimeoutMs: 180_000, logFile: path.join(LOGS, 'hub-a.log') }),
      startHubProcess({ config, dataDir: path.join(tmp.dir, 'b'), args, startTimeoutMs: 180_000, logFile: path.join(LOGS, 'hub-b.log') }),
    ]);
    console.log(`two hub processes up in ${Math.round(performance.now() - t0)} ms`);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all([a?.stop(), b?.stop()]);
    await pgServer?.stop();
    tmp?.remove();
  }, 60_000);

  it('each terminal is up on the other process within 5 s; every acknowledged ticket is in the database, no number twice; the commands in flight complete', async () => {
    const addresses = [a.url, b.url];
    const kiosks = ['kiosk-1', 'kiosk-2'].map((id) => ({ id, client: failoverTerminal(config, id, addresses) }));
    const counters = (['counter-1', 'counter-3'] as const).map((id) => ({ id, client: failoverTerminal(config, id, addresses) }));
    clients.push(...kiosks.map((k) => k.client), ...counters.map((c) => c.client));
    for (const t of [...kiosks, ...counters]) await upOn(t.client, a.url, performance.now(), 30_000);
    console.log('terminals up on process A');
    for (const c of counters) {
      const counterId = c.id === 'counter-1' ? 'quay-1' : 'quay-3';
      const { clerkId, pin } = DEMO_CLERKS[counterId];
      expect(await c.client.command('counter:sign-in', { commandId: commandId(), counterId, clerkId, pin })).toMatchObject({ ok: true });
    }

    const acked: Acked[] = [];
    const calls: { device: string; ticketId: number; afterKill: boolean }[] = [];
    const failures: string[] = [];
    let killed = false;
    let running = true;
    /** Commands on the wire when the process died: they must complete after the failover. */
    const inFlight = new Map<string, { device: string; atKill: boolean }>();

    const kioskLoop = async (device: string, client: HubClient, serviceId: string) => {
      while (running) {
        const id = commandId();
        inFlight.set(id, { device, atKill: false });
        const r = await client.command('ticket:issue', { commandId: id, serviceId });
        inFlight.delete(id);
        if (!r.ok) failures.push(`${device} ticket:issue: ${r.error.kind} ${r.error.message}`);
        else acked.push({ device, command: id, ticketId: r.value.ticket.id, serviceId, number: r.value.ticket.number, afterKill: killed });
      }
    };
    const counterLoop = async (device: string, client: HubClient, counterId: string) => {
      while (running) {
        const id = commandId();
        inFlight.set(id, { device, atKill: false });
        const r = await client.command('counter:call-next', { commandId: id, counterId });
        inFlight.delete(id);
        if (r.ok) {
          calls.push({ device, ticketId: r.value.ticket.id, afterKill: killed });
          for (const step of ['ticket:start', 'ticket:complete'] as const) {
            const done = await client.command(step, { commandId: commandId(), ticketId: r.value.ticket.id });
            if (!done.ok) failures.push(`${device} ${step}: ${done.error.kind} ${done.error.message}`);
          }
        } else if (r.error.kind === 'not-found' || r.error.kind === 'conflict') {
          // Nothing waiting for this counter just now: an answer, not a fault.
          await new Promise((res) => setTimeout(res, 20));
        } else failures.push(`${device} counter:call-next: ${r.error.kind} ${r.error.message}`);
      }
    };
    const loops = [
      kioskLoop('kiosk-1', kiosks[0]!.client, 'ho-tich'),
      kioskLoop('kiosk-2', kiosks[1]!.client, 'chung-thuc'),
      counterLoop('counter-1', counters[0]!.client, 'quay-1'),
      counterLoop('counter-3', counters[1]!.client, 'quay-3'),
    ];

    await expect.poll(() => acked.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(40);
    console.log(`${acked.length} acknowledged, killing process A`);
    expect(failures.join('\n')).toBe('');
    for (const f of inFlight.values()) f.atKill = true;
    const inFlightAtKill = [...inFlight.entries()].map(([id, f]) => ({ id, device: f.device }));
    const since = performance.now();
    const reconnects = [...kiosks, ...counters].map((t) => upOn(t.client, b.url, since, 30_000).then((ms) => ({ device: t.id, ms })));
    console.log(`killing ${a.pid}; B is ${b.pid}`);
    await a.kill9();
    console.log('A exited');
    killed = true;
    const measured = await Promise.all(reconnects);
    console.log('all up on process B');

    // Load goes on through process B until every terminal has been answered there again.
    const ackedBefore = acked.filter((x) => !x.afterKill).length;
    await expect.poll(() => kiosks.every((k) => acked.some((x) => x.afterKill && x.device === k.id)) && counters.every((c) => calls.some((x) => x.afterKill && x.device === c.id)), { timeout: 60_000, interval: 50 }).toBe(true);
    await expect.poll(() => acked.length - ackedBefore, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(40);
    running = false;
    await Promise.all(loops);

    const ms = measured.map((m) => m.ms);
    console.log(`kill -9 failover: ${measured.map((m) => `${m.device} ${Math.round(m.ms)} ms`).join(', ')}; p50 ${figures(ms).p50} ms, max ${figures(ms).max} ms; ${acked.length} tickets acknowledged (${ackedBefore} before the kill), ${calls.length} calls; ${inFlightAtKill.length} commands on the wire at the kill`);
    expect(failures.join('\n')).toBe('');
    // Issue 13's figure: within 5 s (the rotation moves at once; the hub's credential check is one query).
    for (const m of measured) expect(m.ms, m.device).toBeLessThan(5000);
    // The commands on the wire at the kill completed (each loop went on past its command only once answered ok).
    expect(inFlightAtKill.length).toBeGreaterThan(0);
    expect([...inFlight.keys()].filter((id) => inFlightAtKill.some((k) => k.id === id))).toEqual([]);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const rows = (await db.query<{ id: string; service_id: string; number: number; day: string }>("SELECT id::text, service_id, number, day FROM tickets WHERE centre_id = 'demo'")).rows;
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      // Every acknowledged ticket is there, with the number the kiosk was told.
      for (const t of acked) expect(byId.get(t.ticketId), `${t.device} ticket ${t.ticketId}`).toMatchObject({ service_id: t.serviceId, number: t.number });
      // No number twice: not among the answers, not in the database.
      expect(new Set(acked.map((t) => `${t.serviceId} ${t.number}`)).size).toBe(acked.length);
      expect(new Set(rows.map((r) => `${r.day} ${r.service_id} ${r.number}`)).size).toBe(rows.length);
      // Each command the terminals sent ran once: one ticket per acknowledged issue, none from a replay.
      const issuedByKiosks = (await db.query<{ n: string }>("SELECT count(*)::text AS n FROM tickets WHERE centre_id = 'demo' AND issued_by IN ('kiosk-1','kiosk-2')")).rows[0]?.n;
      expect(Number(issuedByKiosks)).toBe(acked.length);
      // Every call was acknowledged against a ticket that is done now.
      const done = (await db.query<{ id: string; state: string }>("SELECT id::text, state FROM tickets WHERE centre_id = 'demo' AND counter_id IS NOT NULL")).rows;
      for (const c of calls) expect(done.find((r) => Number(r.id) === c.ticketId)?.state, `call of ${c.ticketId}`).toBe('done');
    } finally {
      await db.end();
    }
  }, 300_000);
});
