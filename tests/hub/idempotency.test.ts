import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandId } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { openApiDocument } from '../../hub/http-api';
import { DEMO_CENTRE_FILE, parseCentreConfig } from '../../kiosk-config/load';

const DAY_MS = 86_400_000;
const READS = ['appointment:slots', 'appointment:list', 'dossier:lookup', 'dossier:list', 'dossier:get'];

describe('idempotency: a write answers the same to every replay of its commandId', () => {
  let now = new Date('2026-11-23T02:00:00.000Z'); // 09:00 in Hà Nội, a Monday
  const f = useHubFixture({ clock: () => now });
  /** The hub's own database (either store), read alongside it. */
  const logged = (sql: string, ...args: unknown[]) => f.rows(sql, ...args);

  it('a call-next refused while the counter was paused stays refused when replayed after resume', async () => {
    now = new Date('2026-11-23T02:00:00.000Z');
    const counter = (await f.open('counter-1')).socket;
    const kiosk = (await f.open('kiosk-1')).socket;
    expect(await counter.emitWithAck('counter:pause', { commandId: commandId(), counterId: 'quay-1', reason: 'Nghỉ trưa' })).toMatchObject({ ok: true });
    expect(await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });

    const call = { commandId: commandId(), counterId: 'quay-1' };
    const refused = await counter.emitWithAck('counter:call-next', call);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('đang tạm dừng') } });
    expect(await counter.emitWithAck('counter:resume', { commandId: commandId(), counterId: 'quay-1' })).toMatchObject({ ok: true });

    expect(await counter.emitWithAck('counter:call-next', call)).toEqual(refused);
    expect(await kiosk.emitWithAck('sync:snapshot')).toMatchObject({ ok: true, value: { waiting: { 'ho-tich': 1 }, counters: { 'quay-1': null } } });
    expect(await logged('SELECT ok FROM commands WHERE command_id = ?', call.commandId)).toEqual([{ ok: 0 }]);
    // A new action (a new id) calls the citizen.
    expect(await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' })).toMatchObject({ ok: true, value: { ticket: { number: 1001, state: 'called' } } });
  });

  it('an id already answered for another device or another command is a conflict, role refusals included', async () => {
    now = new Date('2026-11-23T02:00:00.000Z');
    const one = (await f.open('counter-1')).socket;
    const two = (await f.open('counter-2')).socket;
    const kiosk = (await f.open('kiosk-1')).socket;
    const id = commandId();
    const issued = await kiosk.emitWithAck('ticket:issue', { commandId: id, serviceId: 'dat-dai' });
    expect(issued).toMatchObject({ ok: true });
    expect(await kiosk.emitWithAck('ticket:cancel', { commandId: id, ticketId: 1 })).toMatchObject({ ok: false, error: { kind: 'conflict', message: `Mã lệnh ${id} đã được dùng cho một lệnh khác.` } });
    expect(await two.emitWithAck('counter:call-next', { commandId: id, counterId: 'quay-2' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await kiosk.emitWithAck('ticket:issue', { commandId: id, serviceId: 'dat-dai' })).toEqual(issued);
    // The replay took no number (on PostgreSQL its handler ran ahead of the lookup and was rolled back): the next issue is one up.
    const first = (issued as { value: { ticket: { number: number } } }).value.ticket.number;
    expect(await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dat-dai' })).toMatchObject({ ok: true, value: { ticket: { number: first + 1 } } });

    // A kiosk may not call: that refusal is its first answer, and the id stays the kiosk's.
    const raw = kiosk as unknown as { emitWithAck(ev: string, ...a: unknown[]): Promise<unknown> };
    const taken = commandId();
    const forbidden = await raw.emitWithAck('counter:call-next', { commandId: taken, counterId: 'quay-1' });
    expect(forbidden).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await raw.emitWithAck('counter:call-next', { commandId: taken, counterId: 'quay-1' })).toEqual(forbidden);
    expect(await one.emitWithAck('counter:call-next', { commandId: taken, counterId: 'quay-1' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await two.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-2' })).toMatchObject({ ok: true, value: { ticket: { serviceId: 'dat-dai' } } });
  });

  it('never writes read commands to the log', async () => {
    now = new Date('2026-11-23T02:00:00.000Z');
    const admin = (await f.open('admin-1')).socket;
    const kiosk = (await f.open('kiosk-1')).socket;
    const backoffice = (await f.open('backoffice-tu-phap')).socket;
    expect(await admin.emitWithAck('appointment:slots', { commandId: commandId(), serviceId: 'ho-tich', date: '2026-11-24' })).toMatchObject({ ok: true });
    expect(await admin.emitWithAck('appointment:list', { commandId: commandId(), date: '2026-11-24' })).toMatchObject({ ok: true });
    expect(await kiosk.emitWithAck('dossier:lookup', { commandId: commandId(), code: 'HK-261123-0001' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await backoffice.emitWithAck('dossier:list', { commandId: commandId() })).toMatchObject({ ok: true });
    expect(await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ ok: true });

    const names = ((await logged('SELECT name FROM commands')) as { name: string }[]).map((r) => r.name);
    expect(names).toContain('ticket:issue');
    expect(names.filter((n) => READS.includes(n))).toEqual([]);
  });

  it('prunes answers older than the retention (7 days by default): a replay after that runs as a new command', async () => {
    now = new Date('2026-11-23T02:00:00.000Z');
    const kiosk = (await f.open('kiosk-1')).socket;
    const old = { commandId: commandId(), serviceId: 'ho-tich' };
    // Ids only grow (on PostgreSQL a replay's handler runs ahead of its lookup and is rolled back,
    // which may use up a sequence value: ids are not gap-free there, numbers are).
    const idOf = (r: unknown) => (r as { value: { ticket: { id: number } } }).value.ticket.id;
    const tickets = async () => (await logged('SELECT count(*) AS n FROM tickets')) as { n: number }[];
    const first = await kiosk.emitWithAck('ticket:issue', old);
    expect(first).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });

    now = new Date(now.getTime() + 6 * DAY_MS);
    const second = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    expect(idOf(second)).toBeGreaterThan(idOf(first));
    expect(await kiosk.emitWithAck('ticket:issue', old)).toEqual(first); // within the window
    expect(await tickets()).toEqual([{ n: 2 }]);

    now = new Date(now.getTime() + 2 * DAY_MS); // 8 days after the first answer; the daily pruning is due
    const later = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    expect(idOf(later)).toBeGreaterThan(idOf(second));
    expect(await logged('SELECT count(*) AS n FROM commands WHERE command_id = ?', old.commandId)).toEqual([{ n: 0 }]);
    expect(await logged('SELECT count(*) AS n FROM commands')).toEqual([{ n: 2 }]);
    const rerun = await kiosk.emitWithAck('ticket:issue', old);
    expect(rerun).toMatchObject({ ok: true, value: { ticket: { number: 1002 } } });
    expect(idOf(rerun)).toBeGreaterThan(idOf(later));
    expect(await tickets()).toEqual([{ n: 4 }]);
  });

  it('the OpenAPI document states the same contract, per command', () => {
    const paths = openApiDocument('test').paths as Record<string, { post?: { description: string } }>;
    expect(paths['/api/counters/{counterId}/call-next']?.post?.description).toMatch(/first answer, refusals included.*returns that answer and changes nothing.*conflict/s);
    expect(paths['/api/dossiers/{code}/get']?.post?.description).toContain('A read: never logged');
  });

  it('reads the retention from the centre config: 7 days unless set, whole days from 1 to 366', () => {
    const demo = JSON.parse(readFileSync(DEMO_CENTRE_FILE, 'utf8')) as { hub: Record<string, unknown> };
    const withRetention = (days: unknown) => parseCentreConfig('centre.json', JSON.stringify({ ...demo, hub: { ...demo.hub, commandLogRetentionDays: days } }));
    const plain = parseCentreConfig('centre.json', JSON.stringify(demo));
    expect(plain.ok && plain.value.hub.commandLogRetentionDays).toBe(7);
    const thirty = withRetention(30);
    expect(thirty.ok && thirty.value.hub.commandLogRetentionDays).toBe(30);
    for (const bad of [0, 1.5, 400, '7']) expect(withRetention(bad), String(bad)).toMatchObject({ ok: false, error: { message: expect.stringContaining('hub.commandLogRetentionDays') } });
  });
});
