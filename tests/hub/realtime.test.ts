import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyQueueEvent, type QueueEvent } from '../../core/queue/snapshot';
import { commandId, connectDevice, demoConfig, onQueueEvent, startHub, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const config = demoConfig();

describe('hub over real Socket.IO', () => {
  const f = useHubFixture();
  const open = f.open;



  it('refuses an unknown device token at the handshake', async () => {
    await expect(connectDevice(f.hub.url, 'kiosk-1', 'not-the-token-at-all')).rejects.toMatchObject({ message: 'unauthorized' });
    await expect(connectDevice(f.hub.url, 'nobody', tokenOf(config, 'kiosk-1'))).rejects.toMatchObject({ message: 'unauthorized' });
  });

  it('greets a device with who it is, the catalogue and a snapshot', async () => {
    const { hello } = await open('counter-2');
    expect(hello.device).toMatchObject({ id: 'counter-2', role: 'counter', counterId: 'quay-2' });
    expect(hello.services.map((s) => s.name)).toContain('Đăng ký kinh doanh');
    expect(hello.snapshot).toMatchObject({ seq: 0, waiting: { 'ho-tich': 0 } });
  });

  it('issues numbers per service from its block and counts who is ahead', async () => {
    const { socket } = await open('kiosk-1');
    const a = await socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    const b = await socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    const c = await socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dat-dai' });
    expect(a).toMatchObject({ ok: true, value: { ticket: { number: 1001, state: 'waiting' }, waitingAhead: 0 } });
    expect(b).toMatchObject({ ok: true, value: { ticket: { number: 1002 }, waitingAhead: 1 } });
    expect(c).toMatchObject({ ok: true, value: { ticket: { number: 2001 }, waitingAhead: 0 } });
  });

  it('answers malformed payloads invalid-input and changes nothing', async () => {
    const { socket } = await open('kiosk-1');
    const raw = socket as unknown as { emitWithAck(ev: string, ...a: unknown[]): Promise<unknown> };
    const bad: unknown[] = [
      undefined,
      null,
      42,
      'ho-tich',
      [],
      { serviceId: 'ho-tich' },
      { commandId: 'short', serviceId: 'ho-tich' },
      { commandId: commandId(), serviceId: 'Hộ tịch' },
      { commandId: commandId(), serviceId: 'ho-tich', extra: true },
      { commandId: commandId(), serviceId: { $ne: 1 } },
    ];
    for (const payload of bad) {
      const r = await raw.emitWithAck('ticket:issue', payload);
      expect(r, JSON.stringify(payload)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    const snap = await socket.emitWithAck('sync:snapshot');
    expect(snap).toMatchObject({ ok: true, value: { seq: 0, waiting: { 'ho-tich': 0 } } });
  });

  it('checks every command against the device role', async () => {
    const kiosk = (await open('kiosk-1')).socket;
    const display = (await open('display-1')).socket;
    expect(await kiosk.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await display.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const counter1 = (await open('counter-1')).socket;
    expect(await counter1.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-2' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('calls the oldest waiting ticket among the counter services and broadcasts numbered events', async () => {
    const kiosk = (await open('kiosk-1')).socket;
    const { socket: display, hello } = await open('display-1');
    const events: QueueEvent[] = [];
    onQueueEvent(display, (e) => events.push(e));

    await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'chung-thuc' }); // 5001, oldest
    await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dat-dai' }); // 2001, not served at quay-1
    await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' }); // 1001
    const counter = (await open('counter-1')).socket;
    const first = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
    expect(first).toMatchObject({ ok: true, value: { ticket: { number: 5001, state: 'called', counterId: 'quay-1' } } });
    if (!first.ok) throw new Error();
    expect(await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const id = first.value.ticket.id;
    expect(await counter.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: id })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await counter.emitWithAck('ticket:start', { commandId: commandId(), ticketId: id })).toMatchObject({ ok: true, value: { ticket: { state: 'serving' } } });
    const other = (await open('counter-2')).socket;
    expect(await other.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: id })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await counter.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: id })).toMatchObject({ ok: true, value: { ticket: { state: 'done' } } });
    const second = await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' });
    expect(second).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });

    const snap = await display.emitWithAck('sync:snapshot');
    if (!snap.ok) throw new Error();
    await expect.poll(() => events.length).toBe(snap.value.seq);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 'counter': a clerk signing in at Quầy 1, then at Quầy 2.
    expect(events.map((e) => (e.kind === 'ticket' ? e.type : e.kind))).toEqual([
      'ticket-issued',
      'ticket-issued',
      'ticket-issued',
      'counter',
      'ticket-called',
      'ticket-started',
      'counter',
      'ticket-completed',
      'ticket-called',
    ]);
    // The display's own copy, built from hello + events, equals the hub's snapshot.
    const replayed = events.reduce((s, e) => (s ? applyQueueEvent(s, e) : s), hello.snapshot as typeof hello.snapshot | null);
    expect(replayed).toEqual(snap.value);
    expect(snap.value.counters['quay-1']).toMatchObject({ number: 1001, state: 'called' });
    expect(snap.value.waiting).toMatchObject({ 'ho-tich': 0, 'dat-dai': 1, 'chung-thuc': 0 });
  });

  it('treats a replayed command id as the same command', async () => {
    const { socket } = await open('kiosk-1');
    const id = commandId();
    const a = await socket.emitWithAck('ticket:issue', { commandId: id, serviceId: 'xay-dung' });
    const b = await socket.emitWithAck('ticket:issue', { commandId: id, serviceId: 'xay-dung' });
    expect(b).toEqual(a);
    const snap = await socket.emitWithAck('sync:snapshot');
    expect(snap).toMatchObject({ ok: true, value: { seq: 1, waiting: { 'xay-dung': 1 } } });
    const counter = (await open('counter-2')).socket;
    expect(await counter.emitWithAck('counter:call-next', { commandId: id, counterId: 'quay-2' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('keeps every acknowledged ticket across a restart and never reuses a number', async () => {
    let kiosk = (await open('kiosk-1')).socket;
    const issued: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dang-ky-kinh-doanh' });
      if (r.ok) issued.push(r.value.ticket.number);
    }
    kiosk.close();
    await f.restart();
    const { socket, hello } = await open('kiosk-1');
    kiosk = socket;
    expect(hello.snapshot).toMatchObject({ seq: 3, waiting: { 'dang-ky-kinh-doanh': 3 } });
    const next = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'dang-ky-kinh-doanh' });
    expect(issued).toEqual([3001, 3002, 3003]);
    expect(next).toMatchObject({ ok: true, value: { ticket: { number: 3004 }, waitingAhead: 3 } });
  });

  it('starts numbering again at the start of each block on a new day (centre time)', async () => {
    const file = path.join(f.dir, 'days.sqlite');
    let now = new Date('2026-11-22T16:59:00Z'); // 23:59 in Hà Nội
    const dayHub = await startHub(file, { clock: () => now });
    try {
      const { socket } = await connectDevice(dayHub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'));
      f.track(socket);
      const late = await socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
      now = new Date('2026-11-22T17:01:00Z'); // 00:01 on the 23rd
      const early = await socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
      expect(late).toMatchObject({ ok: true, value: { ticket: { number: 1001, day: '2026-11-22' } } });
      expect(early).toMatchObject({ ok: true, value: { ticket: { number: 1001, day: '2026-11-23' }, waitingAhead: 0 } });
    } finally {
      await dayHub.close();
    }
  });
});
