import { existsSync } from 'node:fs';
import path from 'node:path';
import pgDriver from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEvent } from '../../../core/queue/snapshot';
import { verifyCentreChains } from '../../../hub/store/pg/chain-verify';
import type { CentreConfig } from '../../../kiosk-config/schema';
import { commandId, connectCounter, connectDevice, DEMO_CLERKS, demoConfig, onQueueEvent, tempDir, tokenOf, type DeviceSocket } from '../../support/centre';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('two hub processes on one PostgreSQL');

/** The demo centre with a second kiosk, so each process has a kiosk of its own. */
function twoKioskConfig(): CentreConfig {
  const config = demoConfig();
  const kiosk = config.devices.find((d) => d.id === 'kiosk-1')!;
  return { ...config, devices: [...config.devices, { ...kiosk, id: 'kiosk-2', name: 'Kiosk 2', token: 'demo-kiosk-2-5b1e7c3a9d2f4e60' }] };
}

/** A second centre of the province: the demo centre's floor with device ids, tokens, counter ids and a dossier code prefix of its own. */
function secondCentreConfig(): CentreConfig {
  const config = demoConfig();
  return {
    ...config,
    centre: { ...config.centre, name: 'Trung tâm thứ hai' },
    dossierCodePrefix: 'HB',
    counters: config.counters.map((c) => ({ ...c, id: `b-${c.id}` })),
    devices: config.devices.map((d) => ({ ...d, id: `${d.id}-b`, ...(d.token ? { token: `${d.token}-b` } : {}), ...(d.counterId ? { counterId: `b-${d.counterId}` } : {}) })),
  };
}

/**
 * Two real `motcua hub --store postgres://… --centre demo` processes on one private PostgreSQL
 * (docs/province.md): live events cross processes through @socket.io/postgres-adapter, and numbers
 * stay unique when both issue at once.
 */
describe.skipIf(POSTGRES_MISSING !== null)('two hub processes on one PostgreSQL', () => {
  let pg: PostgresInstance;
  let tmp: ReturnType<typeof tempDir>;
  let a: HubProcess;
  let b: HubProcess;
  /** A process of another centre (demo-b) on the same database and adapter. */
  let other: HubProcess;
  const sockets: DeviceSocket[] = [];
  let dbUrl: string;
  const config = twoKioskConfig();
  const configB = secondCentreConfig();

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('province');
    tmp = tempDir();
    const args = ['--store', url, '--centre', 'demo'];
    // Both at once: the migrations run once under the advisory lock, the other process waits.
    dbUrl = url;
    [a, b, other] = await Promise.all([
      startHubProcess({ config, dataDir: path.join(tmp.dir, 'a'), args, startTimeoutMs: 120_000 }),
      startHubProcess({ config, dataDir: path.join(tmp.dir, 'b'), args, startTimeoutMs: 120_000 }),
      startHubProcess({ config: configB, dataDir: path.join(tmp.dir, 'other'), args: ['--store', url, '--centre', 'demo-b'], startTimeoutMs: 120_000 }),
    ]);
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([a?.stop(), b?.stop(), other?.stop()]);
    await pg?.stop();
    tmp?.remove();
  }, 60_000);

  const open = async (url: string, id: string) => {
    const c = id.startsWith('counter-') ? await connectCounter(url, id as 'counter-1') : await connectDevice(url, id, tokenOf(config, id));
    sockets.push(c.socket);
    return c;
  };

  it('a call made through process A reaches a display connected to process B', async () => {
    const { socket: display } = await open(b.url, 'display-1');
    const events: QueueEvent[] = [];
    onQueueEvent(display, (e) => events.push(e));
    const kiosk = (await open(a.url, 'kiosk-1')).socket;
    const issued = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    expect(issued).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });
    const counter = (await open(a.url, 'counter-1')).socket;
    const called = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
    expect(called).toMatchObject({ ok: true, value: { ticket: { number: 1001, state: 'called' } } });
    // Process A committed and broadcast; the display on B hears both events through PostgreSQL's NOTIFY.
    await expect.poll(() => events.flatMap((e) => (e.kind === 'ticket' ? [`${e.type} ${e.ticket.number}`] : [])), { timeout: 10_000 }).toEqual(['ticket-issued 1001', 'ticket-called 1001']);
    expect(events.find((e) => e.kind === 'ticket' && e.type === 'ticket-called')).toMatchObject({ ticket: { counterId: 'quay-1', state: 'called' } });
    // Both processes answer from the same database: B's snapshot shows A's call.
    const snap = await display.emitWithAck('sync:snapshot');
    expect(snap).toMatchObject({ ok: true, value: { counters: { 'quay-1': { number: 1001 } } } });
  }, 60_000);

  it('kiosks on both processes issuing at once get unique, gap-free numbers', async () => {
    const k1 = (await open(a.url, 'kiosk-1')).socket;
    const k2 = (await open(b.url, 'kiosk-2')).socket;
    const issue = (k: DeviceSocket) => k.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dat-dai' });
    const answers = await Promise.all([...Array.from({ length: 40 }, () => issue(k1)), ...Array.from({ length: 40 }, () => issue(k2))]);
    const numbers = answers.map((r) => {
      if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
      return r.value.ticket.number;
    });
    expect(new Set(numbers).size).toBe(80);
    expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 80 }, (_, i) => 2001 + i));
  }, 120_000);

  it("another centre on the same database hears nothing of this one: not its queue, not its counters' dossiers; it numbers its own queue", async () => {
    const openB = async (id: string) => {
      const c = await connectDevice(other.url, id, tokenOf(configB, id));
      sockets.push(c.socket);
      return c;
    };
    const displayB = (await openB('display-1-b')).socket;
    const heardB: QueueEvent[] = [];
    onQueueEvent(displayB, (e) => heardB.push(e));
    const counterB = await openB('counter-1-b');
    const { clerkId, pin } = DEMO_CLERKS['quay-1'];
    const signIn = await counterB.socket.emitWithAck('counter:sign-in', { commandId: commandId(), counterId: 'b-quay-1', clerkId, pin });
    expect(signIn, JSON.stringify(signIn)).toMatchObject({ ok: true });
    const dossiersB: unknown[] = [];
    counterB.socket.on('dossier:event', (e) => dossiersB.push(e));

    // Centre demo: a display on its other process hears its call; its counter receives a dossier.
    const displayA = (await open(b.url, 'display-1')).socket;
    const heardA: QueueEvent[] = [];
    onQueueEvent(displayA, (e) => heardA.push(e));
    const kiosk = (await open(a.url, 'kiosk-1')).socket;
    const issued = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dang-ky-kinh-doanh' });
    expect(issued.ok).toBe(true);
    const counter = (await open(a.url, 'counter-3')).socket;
    const dossiersA: unknown[] = [];
    counter.on('dossier:event', (e) => dossiersA.push(e));
    const call = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-3' });
    expect(call, JSON.stringify(call)).toMatchObject({ ok: true });
    const received = await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'HT-KS', applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, documents: [], feePaid: 0 });
    expect(received.ok).toBe(true);
    await expect.poll(() => heardA.filter((e) => e.kind === 'ticket' && e.type === 'ticket-called').length, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => dossiersA.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // The same NOTIFY reached the other centre's process; give it as long again to show anything.
    await new Promise((r) => setTimeout(r, 1500));
    // (Its display heard its own counter's sign-in, nothing of centre demo's tickets.)
    expect(heardB.filter((e) => e.kind === 'ticket')).toEqual([]);
    expect(dossiersB).toEqual([]);

    // Its own queue starts at its own first number and its display hears it.
    const kioskB = (await openB('kiosk-1-b')).socket;
    expect(await kioskB.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'chung-thuc' })).toMatchObject({ ok: true, value: { ticket: { number: 5001 } } });
    await expect.poll(() => heardB.filter((e) => e.kind === 'ticket').length, { timeout: 10_000 }).toBe(1);
  }, 120_000);

  it("an administrative action through each process goes on the centre's one audit chain in PostgreSQL, unbroken", async () => {
    const admin = (await open(a.url, 'admin-1')).socket;
    const code = await admin.emitWithAck('device:pairing-code', { commandId: commandId(), deviceId: 'kiosk-2' });
    expect(code, JSON.stringify(code)).toMatchObject({ ok: true });
    // Through B: a wrong PIN at a counter (sign-in.fail is written with the lockout row, in its transaction).
    const counter = (await open(b.url, 'counter-2')).socket;
    const wrong = await counter.emitWithAck('counter:sign-in', { commandId: commandId(), counterId: 'quay-2', clerkId: DEMO_CLERKS['quay-2'].clerkId, pin: '000000' });
    expect(wrong.ok).toBe(false);
    const adminB = (await open(b.url, 'admin-1')).socket;
    expect(await adminB.emitWithAck('device:pairing-code', { commandId: commandId(), deviceId: 'display-1' })).toMatchObject({ ok: true });
    const client = new pgDriver.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ action: string; subject: string }>(`SELECT action, subject FROM audit_log WHERE centre_id = 'demo' ORDER BY id`);
      expect(rows.map((r) => `${r.action} ${r.subject}`)).toEqual(['device.pairing-code kiosk-2', `sign-in.fail clerk:${DEMO_CLERKS['quay-2'].clerkId}`, 'device.pairing-code display-1']);
      expect(await verifyCentreChains(client, 'demo')).toMatchObject({ ok: true });
      // Nothing of it on the other centre's chain, and no file of the process holds an audit log.
      expect((await client.query(`SELECT 1 FROM audit_log WHERE centre_id = 'demo-b'`)).rowCount).toBe(0);
      expect(existsSync(path.join(tmp.dir, 'a', 'hub.sqlite'))).toBe(false);
    } finally {
      await client.end();
    }
  }, 60_000);

  it("a device of one centre asking for another centre's counter or dossier is refused forbidden; the competent agency's back office sees it, another agency's does not", async () => {
    // Centre demo-b receives a land dossier (competent: tai-nguyen-moi-truong) at its counter 2.
    const counterB = await connectDevice(other.url, 'counter-2-b', tokenOf(configB, 'counter-2-b'));
    sockets.push(counterB.socket);
    const { clerkId, pin } = DEMO_CLERKS['quay-2'];
    expect(await counterB.socket.emitWithAck('counter:sign-in', { commandId: commandId(), counterId: 'b-quay-2', clerkId, pin })).toMatchObject({ ok: true });
    const received = await counterB.socket.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'DD-BD', applicant: { fullName: 'Trần Thị Bình', idNumber: '001190054321' }, documents: [], feePaid: 50000 });
    if (!received.ok) throw new Error(`${received.error.kind}: ${received.error.message}`);
    const code = received.value.dossier.code;
    expect(code).toMatch(/^HB-/);

    // Centre demo's counter 2 (on process A): B's counter and B's dossier are not its to see or touch.
    const counterA = (await open(a.url, 'counter-2')).socket;
    expect(await counterA.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'b-quay-2' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // A ticket of centre demo-b, named by its id (ids are province-wide): forbidden, where an id nobody holds is not-found.
    const kioskB = await connectDevice(other.url, 'kiosk-1-b', tokenOf(configB, 'kiosk-1-b'));
    sockets.push(kioskB.socket);
    const ticketB = await kioskB.socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'chung-thuc' });
    if (!ticketB.ok) throw new Error(`${ticketB.error.kind}: ${ticketB.error.message}`);
    const cancelB = await counterA.emitWithAck('ticket:cancel', { commandId: commandId(), ticketId: ticketB.value.ticket.id });
    expect(cancelB).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    if (!cancelB.ok) expect(cancelB.error.message).toMatch(/trung tâm khác/);
    expect(await counterA.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'HT-KS', ticketId: ticketB.value.ticket.id, applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, documents: [], feePaid: 0 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await counterA.emitWithAck('ticket:cancel', { commandId: commandId(), ticketId: ticketB.value.ticket.id + 100_000 })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const got = await counterA.emitWithAck('dossier:get', { commandId: commandId(), code });
    expect(got).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    if (!got.ok) expect(got.error.message).toMatch(/tiếp nhận ở trung tâm khác/);
    expect(await counterA.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'return' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const pdf = await fetch(`${a.url}/api/dossiers/${code}/pdf`, { headers: { authorization: `Bearer ${tokenOf(config, 'counter-2')}` } });
    expect(pdf.status).toBe(403);
    expect(await pdf.json()).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // Its own centre's counter still sees it.
    expect(await counterB.socket.emitWithAck('dossier:get', { commandId: commandId(), code })).toMatchObject({ ok: true, value: { dossier: { code } } });

    // Receive anywhere, process where competent: the land agency's back office (through process A) sees it; the justice office's is refused.
    const land = (await open(a.url, 'backoffice-tnmt')).socket;
    expect(await land.emitWithAck('dossier:get', { commandId: commandId(), code })).toMatchObject({ ok: true, value: { dossier: { code, departmentId: 'tai-nguyen-moi-truong' } } });
    const justice = (await open(a.url, 'backoffice-tu-phap')).socket;
    expect(await justice.emitWithAck('dossier:get', { commandId: commandId(), code })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  }, 120_000);
});
