import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../../main/agent/hub-client';
import { hubApiUrl } from '../../../main/agent/hub-endpoint';
import { commandId, tempDir } from '../../support/centre';
import { upOn } from '../../support/failover';
import { NGINX_MISSING, startNginx, type NginxFront } from '../../support/nginx';
import { startProvinceProcess, type ProvinceProcess } from '../../support/province-process';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('several centres behind one address');
if (NGINX_MISSING) console.warn(`several centres behind one address: ${NGINX_MISSING} — SKIPPED`);

const KIOSKS = {
  'hoan-kiem': { deviceId: 'hoan-kiem-kiosk-1', token: 'demo-hoan-kiem-kiosk-1-6057416de8c416ce' },
  'ba-dinh': { deviceId: 'ba-dinh-kiosk-1', token: 'demo-ba-dinh-kiosk-1-3c716d7c9ed973e9' },
} as const;

/**
 * Issue 13, "several centres behind one address": two real hub processes each serving the demo
 * province's centres on their own ports; ONE nginx (docs/nginx/province.conf.template) in front,
 * a path per centre (`/c/<centre id>/` → that centre's port on each process, prefix stripped).
 * Terminals are given `http://front/c/<centre id>`: the agent derives Socket.IO's path and its
 * REST base from it (main/agent/hub-endpoint.ts).
 */
describe.skipIf(POSTGRES_MISSING !== null || NGINX_MISSING !== null)('several centres behind one nginx, a path each', () => {
  let pgServer: PostgresInstance;
  let url: string;
  let tmp: ReturnType<typeof tempDir>;
  let one: ProvinceProcess;
  let two: ProvinceProcess;
  let front: NginxFront;
  const clients: HubClient[] = [];

  beforeAll(async () => {
    pgServer = await startPostgres();
    url = await pgServer.createDatabase('province');
    tmp = tempDir();
    [one, two] = await Promise.all([startProvinceProcess(url, path.join(tmp.dir, 'one'), 'hoan-kiem,ba-dinh'), startProvinceProcess(url, path.join(tmp.dir, 'two'), 'hoan-kiem,ba-dinh')]);
    const hostPort = (u: string) => new URL(u).host;
    front = await startNginx({
      prefixed: true,
      // Each centre's own process first, the other its backup: Hoàn Kiếm's is one, Ba Đình's two.
      centres: [
        { centreId: 'hoan-kiem', servers: [hostPort(one.urls.get('hoan-kiem')!), hostPort(two.urls.get('hoan-kiem')!)] },
        { centreId: 'ba-dinh', servers: [hostPort(two.urls.get('ba-dinh')!), hostPort(one.urls.get('ba-dinh')!)] },
      ],
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await front?.stop();
    for (const p of [one, two]) {
      if (!p || p.child.exitCode !== null || p.child.signalCode !== null) continue;
      const exited = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      await exited;
    }
    await pgServer?.stop();
    tmp?.remove();
  }, 60_000);

  it('each centre answers under its own prefix, over HTTP and Socket.IO; a ticket lands in its centre; one process killed, the terminals carry on through the front', async () => {
    // REST under the prefix (the agent's hubApiUrl): each path reaches its own centre's hub.
    for (const centreId of ['hoan-kiem', 'ba-dinh'] as const) {
      const res = await fetch(hubApiUrl(`${front.url}/c/${centreId}`, '/api/health'));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true });
    }
    // Nothing at the root: a centre is always named.
    expect((await fetch(`${front.url}/api/health`)).status).toBe(404);

    const tickets: { centre: string; id: number; number: number }[] = [];
    for (const centreId of ['hoan-kiem', 'ba-dinh'] as const) {
      const hubUrl = `${front.url}/c/${centreId}`;
      const client = new HubClient({ hubUrl, deviceId: KIOSKS[centreId].deviceId, token: KIOSKS[centreId].token, commandPatienceMs: 30_000, commandTimeoutMs: 5000 });
      client.start();
      clients.push(client);
      await upOn(client, hubUrl, performance.now(), 30_000);
      // The hello names this centre: the socket reached the right hub through the prefix.
      await expect.poll(() => client.current().hello?.centre.name ?? client.current().problem ?? '', { timeout: 10_000 }).toMatch(centreId === 'hoan-kiem' ? /Hoàn Kiếm/ : /Ba Đình/);
      const r = await client.command('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
      if (!r.ok) throw new Error(`${centreId}: ${r.error.kind} ${r.error.message}`);
      tickets.push({ centre: centreId, id: r.value.ticket.id, number: r.value.ticket.number });
    }

    // One process killed (Hoàn Kiếm's own): each centre's terminal carries on through the front —
    // Hoàn Kiếm's on its backup, Ba Đình's where it was, on its own process, never cut.
    let baDinhCut = false;
    clients[1]!.onChange((st) => {
      if (!st.connected) baDinhCut = true;
    });
    one.child.kill('SIGKILL');
    const since = performance.now();
    for (const [k, client] of clients.entries()) {
      const centre = k === 0 ? 'hoan-kiem' : 'ba-dinh';
      const r = await client.command('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
      if (!r.ok) throw new Error(`${centre} after the kill: ${r.error.kind} ${r.error.message}`);
      tickets.push({ centre, id: r.value.ticket.id, number: r.value.ticket.number });
    }
    console.log(`two centres behind one nginx: both answered again ${Math.round(performance.now() - since)} ms after one process was killed`);
    expect(baDinhCut, 'Ba Đình\'s terminal was on its own process, not the killed one').toBe(false);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const rows = (await db.query<{ id: string; centre_id: string; number: number }>('SELECT id::text, centre_id, number FROM tickets')).rows;
      for (const t of tickets) expect(rows.find((r) => Number(r.id) === t.id), `ticket ${t.id}`).toMatchObject({ centre_id: t.centre, number: t.number });
      expect(rows.length).toBe(tickets.length);
    } finally {
      await db.end();
    }
  }, 300_000);
});
