import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEvent } from '../../../core/queue/snapshot';
import type { CentreConfig } from '../../../kiosk-config/schema';
import { commandId, connectCounter, connectDevice, demoConfig, onQueueEvent, tempDir, tokenOf, type DeviceSocket } from '../../support/centre';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';

warnIfPostgresMissing('two hub processes on one PostgreSQL');

/** The demo centre with a second kiosk, so each process has a kiosk of its own. */
function twoKioskConfig(): CentreConfig {
  const config = demoConfig();
  const kiosk = config.devices.find((d) => d.id === 'kiosk-1')!;
  return { ...config, devices: [...config.devices, { ...kiosk, id: 'kiosk-2', name: 'Kiosk 2', token: 'demo-kiosk-2-5b1e7c3a9d2f4e60' }] };
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
  const sockets: DeviceSocket[] = [];
  const config = twoKioskConfig();

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('province');
    tmp = tempDir();
    const args = ['--store', url, '--centre', 'demo'];
    // Both at once: the migrations run once under the advisory lock, the other process waits.
    [a, b] = await Promise.all([
      startHubProcess({ config, dataDir: path.join(tmp.dir, 'a'), args, startTimeoutMs: 120_000 }),
      startHubProcess({ config, dataDir: path.join(tmp.dir, 'b'), args, startTimeoutMs: 120_000 }),
    ]);
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([a?.stop(), b?.stop()]);
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
});
