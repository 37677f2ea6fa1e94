import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubClient } from '../../../main/agent/hub-client';
import { commandId, demoConfig, tempDir } from '../../support/centre';
import { failoverTerminal, upOn } from '../../support/failover';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('failover: the database restarted');

/**
 * Issue 13, "the database restarted": a real hub process on a private PostgreSQL, a kiosk (the
 * agent's HubClient) issuing tickets in a loop; PostgreSQL is halted (immediate shutdown, as a
 * crash) and started again. Meanwhile commands answer the typed hub-unavailable; the terminal
 * keeps its command and sends it again (same commandId); everything resumes without restarting
 * the hub; nothing acknowledged is lost.
 */
describe.skipIf(POSTGRES_MISSING !== null)('the database restarted under a hub process', () => {
  let pgServer: PostgresInstance;
  let url: string;
  let tmp: ReturnType<typeof tempDir>;
  let hub: HubProcess;
  let kiosk: HubClient | undefined;
  const config = demoConfig();

  beforeAll(async () => {
    pgServer = await startPostgres();
    url = await pgServer.createDatabase('province');
    tmp = tempDir();
    hub = await startHubProcess({ config, dataDir: path.join(tmp.dir, 'hub'), args: ['--store', url, '--centre', 'demo'], startTimeoutMs: 180_000, logFile: path.join(process.env.MOTCUA_TEST_LOGS ?? tmpdir(), 'hub-db-restart.log') });
  }, 240_000);

  afterAll(async () => {
    await kiosk?.close();
    await hub?.stop();
    await pgServer?.stop();
    tmp?.remove();
  }, 60_000);

  it('commands answer hub-unavailable while it is away; the kiosk keeps its command, and after the restart it completes; nothing acknowledged lost', async () => {
    const client = (kiosk = failoverTerminal(config, 'kiosk-1', [hub.url], 120_000));
    await upOn(client, hub.url, performance.now(), 30_000);
    const pid = hub.pid;

    const acked: { id: number; number: number; command: string; afterRestart: boolean }[] = [];
    const failures: string[] = [];
    let restarted = false;
    let running = true;
    const kinds = new Set<string>();
    client.onChange((s) => {
      if (s.problemKind) kinds.add(s.problemKind);
    });
    let onTheWire = '';
    let firstAfterRestart = 0;
    const loop = (async () => {
      while (running) {
        const id = commandId();
        onTheWire = id;
        const r = await client.command('ticket:issue', { commandId: id, serviceId: 'ho-tich' });
        if (r.ok) {
          if (restarted && firstAfterRestart === 0) firstAfterRestart = performance.now();
          acked.push({ id: r.value.ticket.id, number: r.value.ticket.number, command: id, afterRestart: restarted });
        }
        else {
          failures.push(`${r.error.kind}: ${r.error.message}`);
          // A fast refusal must not starve the event loop (the hub's output, the poll below).
          await new Promise((res) => setTimeout(res, 20));
        }
      }
    })();
    await expect.poll(() => acked.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(20);

    console.log(`${acked.length} acknowledged; halting PostgreSQL`);
    await pgServer.halt();
    const haltedAtMs = performance.now();
    console.log('halted');
    const haltedAt = acked.length;
    const keptCommand = onTheWire;
    // A command sent once (no patience) is answered at once with the typed refusal, in Vietnamese.
    const once = await client.command('ticket:issue', { commandId: commandId(), serviceId: 'chung-thuc' }, { patienceMs: 0 });
    expect(once).toMatchObject({ ok: false, error: { kind: 'hub-unavailable' } });
    if (!once.ok) expect(once.error.message).toMatch(/cơ sở dữ liệu|máy chủ|tạm thời/i);
    // The loop's command is kept: the terminal shows hub-unavailable and that it is sending again.
    await expect.poll(() => kinds.has('hub-unavailable') && client.current().sending !== null, { timeout: 20_000, interval: 50 }).toBe(true);
    await new Promise((r) => setTimeout(r, 3000));
    expect(acked.length).toBe(haltedAt);

    const restartStarted = performance.now();
    await pgServer.restart();
    const restartedAt = performance.now();
    console.log('restarted');
    restarted = true;
    await expect.poll(() => acked.filter((x) => x.afterRestart).length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(20);
    const resumedMs = Math.round(performance.now() - restartStarted);
    running = false;
    await loop;
    const firstMs = Math.round(firstAfterRestart - restartedAt);
    console.log(`database restart: ${haltedAt} tickets before the halt, ${acked.length - haltedAt} after; database away ${Math.round(restartedAt - haltedAtMs)} ms (restart itself ${Math.round(restartedAt - restartStarted)} ms); the kept command answered ${firstMs} ms after the server accepted connections again, it and 20 more within ${resumedMs} ms of the restart starting`);
    // The command on the wire through the outage is the first answered after it, under its own commandId.
    expect(acked.find((x) => x.afterRestart)?.command).toBe(keptCommand);

    expect(failures).toEqual([]);
    expect(client.current().problemKind ?? null).toBeNull();
    // The same hub process, never restarted.
    expect(hub.pid).toBe(pid);
    expect(acked.length - haltedAt).toBeGreaterThanOrEqual(20);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const rows = (await db.query<{ id: string; service_id: string; number: number }>("SELECT id::text, service_id, number FROM tickets WHERE centre_id = 'demo'")).rows;
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      for (const t of acked) expect(byId.get(t.id), `ticket ${t.id}`).toMatchObject({ service_id: 'ho-tich', number: t.number });
      // Once each (the kept command ran once), no number twice; the refused one-shot left nothing.
      expect(rows.length).toBe(acked.length);
      expect(new Set(rows.map((r) => `${r.service_id} ${r.number}`)).size).toBe(rows.length);
    } finally {
      await db.end();
    }
  }, 300_000);
});
