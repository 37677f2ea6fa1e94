import path from 'node:path';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEvent } from '../../../core/queue/snapshot';
import { commandId, connectDevice, onQueueEvent, tempDir, type DeviceSocket } from '../../support/centre';
import { startProvinceProcess, type ProvinceProcess } from '../../support/province-process';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('several centres in one hub process');

const TOKENS = {
  'hoan-kiem-kiosk-1': 'demo-hoan-kiem-kiosk-1-6057416de8c416ce',
  'hoan-kiem-man-hinh-1': 'demo-hoan-kiem-man-hinh-1-887d7bb77d7bf0ef',
  'ba-dinh-kiosk-1': 'demo-ba-dinh-kiosk-1-3c716d7c9ed973e9',
  'ba-dinh-man-hinh-1': 'demo-ba-dinh-man-hinh-1-18dbfa78d60e3b5a',
  'tp-ha-noi-kiosk-1': 'demo-tp-ha-noi-kiosk-1-25a22b23cca6de9f',
  'tp-ha-noi-may-quay-1': 'demo-tp-ha-noi-may-quay-1-a8898719644bf391',
  'hoan-kiem-may-quay-1': 'demo-hoan-kiem-may-quay-1-b840df41163ff4a2',
  // Sở Tư pháp's back office: an agency's device, not a centre's.
  'xu-ly-so-tu-phap': 'demo-xu-ly-so-tu-phap-822ac25d288774dc',
} as const;

/**
 * Several centres in one hub process (issue 13): two real processes each serving all three centres
 * of the demo province on one private PostgreSQL. Each centre has its own port, numbering and
 * rooms; a centre's events cross to the other process; another centre hears nothing.
 */
describe.skipIf(POSTGRES_MISSING !== null)('several centres in one hub process', () => {
  let pg: PostgresInstance;
  let tmp: ReturnType<typeof tempDir>;
  let one: ProvinceProcess;
  let two: ProvinceProcess;
  let dbUrl: string;
  const sockets: DeviceSocket[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('province');
    tmp = tempDir();
    dbUrl = url;
    // Process one with the smallest pool: its three centres share one command connection.
    [one, two] = await Promise.all([startProvinceProcess(url, path.join(tmp.dir, 'one'), 'all', undefined, ['--pool-size', '1']), startProvinceProcess(url, path.join(tmp.dir, 'two'), 'all')]);
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    for (const p of [one, two]) {
      if (!p) continue;
      const exited = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      await exited;
    }
    await pg?.stop();
    tmp?.remove();
  }, 60_000);

  const open = async (url: string, id: keyof typeof TOKENS) => {
    const c = await connectDevice(url, id, TOKENS[id]);
    sockets.push(c.socket);
    return c;
  };

  it('prints every centre of the province with an address of its own', () => {
    expect([...one.urls.keys()]).toEqual(['tp-ha-noi', 'hoan-kiem', 'ba-dinh']);
    expect(new Set(one.urls.values()).size).toBe(3);
  });

  it("each centre numbers its own queue; a centre's events reach its display on the other process and no other centre's", async () => {
    const hkDisplay = (await open(two.urls.get('hoan-kiem')!, 'hoan-kiem-man-hinh-1')).socket;
    const bdDisplay = (await open(two.urls.get('ba-dinh')!, 'ba-dinh-man-hinh-1')).socket;
    const hkHeard: QueueEvent[] = [];
    const bdHeard: QueueEvent[] = [];
    onQueueEvent(hkDisplay, (e) => hkHeard.push(e));
    onQueueEvent(bdDisplay, (e) => bdHeard.push(e));

    // Both centres have a "ho-tich" service; each numbers it from its own first number.
    const hkKiosk = (await open(one.urls.get('hoan-kiem')!, 'hoan-kiem-kiosk-1')).socket;
    const bdKiosk = (await open(one.urls.get('ba-dinh')!, 'ba-dinh-kiosk-1')).socket;
    const hk1 = await hkKiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    const hk2 = await hkKiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    const bd1 = await bdKiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    expect(hk1.ok && hk2.ok && bd1.ok).toBe(true);
    if (!hk1.ok || !hk2.ok || !bd1.ok) return;
    expect(hk2.value.ticket.number).toBe(hk1.value.ticket.number + 1);
    expect(bd1.value.ticket.number).toBe(hk1.value.ticket.number);

    // Issued through process one; heard on process two by that centre's display only.
    const issued = (events: QueueEvent[]) => events.flatMap((e) => (e.kind === 'ticket' && e.type === 'ticket-issued' ? [e.ticket.number] : []));
    await expect.poll(() => issued(hkHeard), { timeout: 15_000 }).toEqual([hk1.value.ticket.number, hk2.value.ticket.number]);
    await expect.poll(() => issued(bdHeard), { timeout: 15_000 }).toEqual([bd1.value.ticket.number]);

    // A device of one centre is unknown at another centre's address.
    await expect(connectDevice(one.urls.get('ba-dinh')!, 'hoan-kiem-kiosk-1', TOKENS['hoan-kiem-kiosk-1'])).rejects.toThrow();
  }, 60_000);

  it('a process opens --pool-size connections for commands and two for the live events, however many centres it serves', async () => {
    const kiosks = await Promise.all((['tp-ha-noi', 'hoan-kiem', 'ba-dinh'] as const).map(async (centre) => (await open(one.urls.get(centre)!, `${centre}-kiosk-1`)).socket));
    const db = new PgClient({ connectionString: dbUrl });
    await db.connect();
    try {
      // Its backends, by the application name the pool gives them (hub/centre-hubs.ts).
      const connections = async () =>
        Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1", [`motcua-hub 3 centres pid ${one.child.pid}`])).rows[0]!.n);
      let most = 0;
      const watching = (async () => {
        for (let k = 0; k < 200; k++) {
          most = Math.max(most, await connections());
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      // The three centres issue at once, again and again: with a connection per centre (as before) they would hold 3 + 2.
      const answers = await Promise.all(kiosks.flatMap((k) => Array.from({ length: 15 }, () => k.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dat-dai' }))));
      await watching;
      expect(answers.every((a) => a.ok)).toBe(true);
      most = Math.max(most, await connections());
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(3);
    } finally {
      await db.end();
    }
  }, 60_000);

  it("an agency's back office, connected at any centre's address, hears of a dossier received at another centre on the other process; that centre's counters hear it, another centre's do not", async () => {
    // Sở Tư pháp's device at Ba Đình's address on process two (Ba Đình does not even receive its procedures).
    const agency = (await open(two.urls.get('ba-dinh')!, 'xu-ly-so-tu-phap')).socket;
    const agencyHeard: { dossier?: { code?: string; departmentId?: string } }[] = [];
    agency.on('dossier:event', (e) => agencyHeard.push(e as (typeof agencyHeard)[number]));
    const hkCounter = (await open(one.urls.get('hoan-kiem')!, 'hoan-kiem-may-quay-1')).socket;
    const hkHeard: unknown[] = [];
    hkCounter.on('dossier:event', (e) => hkHeard.push(e));

    // Thành phố Hà Nội's counter on process one receives 2.000488, whose competent agency is Sở Tư pháp.
    const kiosk = (await open(one.urls.get('tp-ha-noi')!, 'tp-ha-noi-kiosk-1')).socket;
    const counter = (await open(one.urls.get('tp-ha-noi')!, 'tp-ha-noi-may-quay-1')).socket;
    const counterHeard: unknown[] = [];
    counter.on('dossier:event', (e) => counterHeard.push(e));
    expect(await counter.emitWithAck('counter:sign-in', { commandId: commandId(), counterId: 'quay-1', clerkId: 'pham-thi-huong', pin: '1111' })).toMatchObject({ ok: true });
    expect(await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'tu-phap' })).toMatchObject({ ok: true });
    expect(await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' })).toMatchObject({ ok: true });
    const received = await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: '2.000488', applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, documents: [], feePaid: 0 });
    expect(received, JSON.stringify(received)).toMatchObject({ ok: true });
    if (!received.ok) return;
    const code = (received.value as { dossier: { code: string } }).dossier.code;
    await expect.poll(() => agencyHeard.map((e) => e.dossier?.code), { timeout: 15_000 }).toContain(code);
    expect(agencyHeard.find((e) => e.dossier?.code === code)?.dossier?.departmentId).toBe('so-tu-phap');
    await expect.poll(() => counterHeard.length, { timeout: 15_000 }).toBeGreaterThan(0);
    // Give Hoàn Kiếm's counter as long again: it hears nothing of another centre's counters.
    await new Promise((r) => setTimeout(r, 1500));
    expect(hkHeard).toEqual([]);
  }, 60_000);
});
