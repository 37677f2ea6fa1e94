import { describe, expect, it } from 'vitest';
import type { CentreDefinition } from '../../core/centre';
import type { QueueEvent } from '../../core/queue/snapshot';
import { commandId, connectDevice, demoConfig, onQueueEvent, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T08:00'); // a Friday
const pad = (n: number) => String(n).padStart(2, '0');

/** The demo centre with a second kiosk, and the blocks of Chứng thực and Đăng ký kinh doanh cut to 12 numbers to reach their ends quickly. */
function centre(): CentreDefinition {
  const config = structuredClone(demoConfig()) as unknown as { services: { id: string; numberTo: number }[]; devices: Record<string, unknown>[] };
  config.services.find((s) => s.id === 'chung-thuc')!.numberTo = 5012;
  config.services.find((s) => s.id === 'dang-ky-kinh-doanh')!.numberTo = 3012;
  const kiosk = config.devices.find((d) => d.id === 'kiosk-1')!;
  config.devices.push({ ...kiosk, id: 'kiosk-2', name: 'Kiosk tầng 2', token: 'demo-kiosk-2-5e1b7c0d9a3f2e46' });
  return config as unknown as CentreDefinition;
}

type Answer<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };
const ok = <T>(r: Answer<T>): T => {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
};
const lease = (s: DeviceSocket, serviceId: string, count = 10, id = commandId()) => s.emitWithAck('ticket:lease-numbers', { commandId: id, serviceId, count });
const issue = (s: DeviceSocket, serviceId: string, id = commandId()) => s.emitWithAck('ticket:issue', { commandId: id, serviceId });
const deliver = (s: DeviceSocket, input: { serviceId: string; number: number; issuedAt: Date; day?: string; supersedes?: string; commandId?: string; priority?: 'elderly' }) =>
  s.emitWithAck('ticket:deliver-offline', {
    commandId: input.commandId ?? commandId(),
    serviceId: input.serviceId,
    number: input.number,
    day: input.day ?? '2026-11-20',
    issuedAt: input.issuedAt.toISOString(),
    ...(input.priority ? { priority: input.priority } : {}),
    ...(input.supersedes ? { supersedes: input.supersedes } : {}),
  });

function shuffled<T>(list: readonly T[], seed = 11): T[] {
  const out = [...list];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('kiosk number leases over a real hub (injected clock)', () => {
  const config = centre();
  const f = useHubFixture({ config, clock: () => now });
  const kiosk2 = async () => f.track((await connectDevice(f.hub.url, 'kiosk-2', 'demo-kiosk-2-5e1b7c0d9a3f2e46')).socket);
  /** What a device connecting now is told is waiting. */
  const waitingNow = async (serviceId: string) => (await f.open('display-1')).hello.snapshot.waiting[serviceId];

  it('leases from the top of the service\'s block going down, capped by queue.offlineNumberBlock, while the day\'s online numbers start at the bottom', async () => {
    now = vn('2026-11-20T08:00');
    const { socket: kiosk, hello } = await f.open('kiosk-1');
    expect(hello.rules.offlineNumberBlock).toBe(10); // the kiosk learns the block size from the hub
    // The kiosk leases as it connects in the morning; asks for 50: the centre's block size (10) caps it.
    expect(ok(await lease(kiosk, 'ho-tich', 50))).toEqual({ lease: { day: '2026-11-20', serviceId: 'ho-tich', from: 1990, to: 1999 } });
    // The day's first online ticket is still 1001.
    expect(ok(await issue(kiosk, 'ho-tich')).ticket.number).toBe(1001);
    expect(ok(await lease(kiosk, 'ho-tich', 3)).lease).toMatchObject({ from: 1987, to: 1989 });
    expect(ok(await issue(kiosk, 'ho-tich')).ticket.number).toBe(1002);
    expect(ok(await lease(await kiosk2(), 'ho-tich')).lease).toMatchObject({ from: 1977, to: 1986 });
  });

  it('where online numbering meets the leases the service is exhausted for both, in Vietnamese, and a refusal changes nothing', async () => {
    now = vn('2026-11-20T08:00');
    const kiosk = (await f.open('kiosk-1')).socket;
    const k2 = await kiosk2();
    // Chứng thực (5001–5012): online numbering climbs up to the kiosk's block.
    expect(ok(await issue(kiosk, 'chung-thuc')).ticket.number).toBe(5001);
    expect(ok(await lease(kiosk, 'chung-thuc')).lease).toMatchObject({ from: 5003, to: 5012 });
    expect(ok(await issue(kiosk, 'chung-thuc')).ticket.number).toBe(5002);
    expect(await issue(kiosk, 'chung-thuc')).toEqual({
      ok: false,
      error: { kind: 'exhausted', message: 'Dịch vụ "chung-thuc" đã hết số trong ngày (khối 5001–5012; từ số 5003 là số dự phòng đã cấp cho ki-ốt).' },
    });
    expect(await lease(k2, 'chung-thuc')).toMatchObject({ ok: false, error: { kind: 'exhausted', message: expect.stringContaining('đã hết số trong ngày') } });
    expect(await waitingNow('chung-thuc')).toBe(2);

    // Đăng ký kinh doanh (3001–3012): a lease comes down to online numbering, shorter, then nothing.
    expect(ok(await issue(kiosk, 'dang-ky-kinh-doanh')).ticket.number).toBe(3001);
    expect(ok(await lease(kiosk, 'dang-ky-kinh-doanh')).lease).toMatchObject({ from: 3003, to: 3012 });
    expect(ok(await lease(k2, 'dang-ky-kinh-doanh')).lease).toMatchObject({ from: 3002, to: 3002 });
    expect(await lease(k2, 'dang-ky-kinh-doanh')).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
    expect(await issue(kiosk, 'dang-ky-kinh-doanh')).toMatchObject({ ok: false, error: { kind: 'exhausted', message: expect.stringContaining('từ số 3002 là số dự phòng') } });
    // The refused leases were not recorded: every number delivered comes from the two granted.
    expect(ok(await deliver(k2, { serviceId: 'dang-ky-kinh-doanh', number: 3002, issuedAt: vn('2026-11-20T08:00') })).ticket.number).toBe(3002);
    expect(await deliver(k2, { serviceId: 'dang-ky-kinh-doanh', number: 3001, issuedAt: vn('2026-11-20T08:00') })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await waitingNow('dang-ky-kinh-doanh')).toBe(2);
  });

  it('two kiosks leasing at once, with online tickets in between, get disjoint blocks from the top, online numbers from the bottom, and no gap', async () => {
    now = vn('2026-11-20T08:00');
    const one = (await f.open('kiosk-1')).socket;
    const two = await kiosk2();
    const requests = [lease(one, 'dat-dai'), lease(two, 'dat-dai'), issue(one, 'dat-dai'), lease(one, 'dat-dai', 7), issue(two, 'dat-dai'), lease(two, 'dat-dai', 4), issue(one, 'dat-dai')];
    const answers = (await Promise.all(requests)).map((a) => ok(a as Answer<{ lease: { from: number; to: number } } | { ticket: { number: number } }>));
    const leased = answers.flatMap((a) => ('lease' in a ? Array.from({ length: a.lease.to - a.lease.from + 1 }, (_, i) => a.lease.from + i) : []));
    const online = answers.flatMap((a) => ('ticket' in a ? [a.ticket.number] : []));
    expect([...online].sort((a, b) => a - b)).toEqual([2001, 2002, 2003]);
    expect([...leased].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 + 10 + 7 + 4 }, (_, i) => 2969 + i));
  });

  it('deliveries in shuffled order queue by issue time: answers count those ahead, displays hear each, counters call them in order', async () => {
    now = vn('2026-11-20T08:00');
    const kiosk = (await f.open('kiosk-1')).socket;
    const block = ok(await lease(kiosk, 'ho-tich')).lease; // 1990–1999
    now = vn('2026-11-20T08:01');
    expect(ok(await issue(kiosk, 'ho-tich')).ticket.number).toBe(1001); // online before the hub went away
    // The hub is away 08:05–08:14: the kiosk issues 1990…1999 one a minute; back at 08:30 it delivers them, in any order.
    const offline = Array.from({ length: 10 }, (_, i) => ({ number: block.from + i, issuedAt: vn(`2026-11-20T08:${pad(5 + i)}`) }));
    now = vn('2026-11-20T08:30');
    const { socket: display } = await f.open('display-1');
    const heard: QueueEvent[] = [];
    const allHeard = new Promise<void>((resolve) =>
      onQueueEvent(display, (e) => {
        heard.push(e);
        if (heard.filter((x) => x.kind === 'ticket' && x.type === 'ticket-issued').length === 10) resolve();
      }),
    );
    const order = shuffled(offline);
    const delivered: { number: number; issuedAt: Date }[] = [];
    for (const t of order) {
      const answer = ok(await deliver(kiosk, { serviceId: 'ho-tich', ...t }));
      // Ahead: the online ticket of 08:01 and every ticket delivered so far that was issued earlier.
      expect(answer.waitingAhead).toBe(1 + delivered.filter((d) => d.issuedAt < t.issuedAt).length);
      expect(answer.ticket).toMatchObject({ number: t.number, serviceId: 'ho-tich', state: 'waiting', issuedAt: t.issuedAt.toISOString(), issuedBy: 'kiosk-1' });
      expect(answer.superseded).toBeUndefined();
      delivered.push(t);
    }
    await allHeard;
    expect(heard.filter((e) => e.kind === 'ticket').map((e) => (e.kind === 'ticket' ? e.ticket.number : 0))).toEqual(order.map((t) => t.number));

    now = vn('2026-11-20T08:31');
    const late = ok(await issue(kiosk, 'ho-tich'));
    expect(late).toMatchObject({ ticket: { number: 1002 }, waitingAhead: 11 });

    const counter = (await f.open('counter-1')).socket;
    const called: number[] = [];
    for (let i = 0; i < 12; i++) {
      const t = ok(await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' })).ticket;
      called.push(t.number);
      ok(await counter.emitWithAck('ticket:start', { commandId: commandId(), ticketId: t.id }));
      ok(await counter.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: t.id }));
    }
    expect(called).toEqual([1001, ...offline.map((t) => t.number), 1002]);
  });

  it('refuses foreign, out-of-lease, repeated, other-day and mistimed numbers with typed errors, and a refusal changes nothing', async () => {
    now = vn('2026-11-20T09:00');
    const one = (await f.open('kiosk-1')).socket;
    const two = await kiosk2();
    const mine = ok(await lease(one, 'ho-tich')).lease; // 1990–1999
    const theirs = ok(await lease(two, 'ho-tich')).lease;
    expect([mine, theirs]).toMatchObject([{ from: 1990, to: 1999 }, { from: 1980, to: 1989 }]);
    now = vn('2026-11-20T09:30');
    const at = vn('2026-11-20T09:10');

    const first = await deliver(one, { serviceId: 'ho-tich', number: 1990, issuedAt: at });
    expect(first).toMatchObject({ ok: true, value: { ticket: { number: 1990 } } });
    const refusals = {
      foreign: await deliver(one, { serviceId: 'ho-tich', number: theirs.from, issuedAt: at }),
      beyond: await deliver(one, { serviceId: 'ho-tich', number: 1500, issuedAt: at }),
      otherService: await deliver(one, { serviceId: 'dat-dai', number: 1991, issuedAt: at }),
      twice: await deliver(one, { serviceId: 'ho-tich', number: 1990, issuedAt: at }),
      yesterday: await deliver(one, { serviceId: 'ho-tich', number: 1991, day: '2026-11-19', issuedAt: vn('2026-11-19T16:00') }),
      tomorrow: await deliver(one, { serviceId: 'ho-tich', number: 1991, day: '2026-11-21', issuedAt: vn('2026-11-21T08:00') }),
      issuedOtherDay: await deliver(one, { serviceId: 'ho-tich', number: 1991, issuedAt: vn('2026-11-19T23:00') }),
      issuedInFuture: await deliver(one, { serviceId: 'ho-tich', number: 1991, issuedAt: vn('2026-11-20T09:40') }),
      unknownService: await deliver(one, { serviceId: 'khong-co', number: 1991, issuedAt: at }),
      malformed: await one.emitWithAck('ticket:deliver-offline', { commandId: commandId(), serviceId: 'ho-tich', day: '20/11/2026', number: -1, issuedAt: 'sáng nay' } as never),
      counterLeases: await (await f.open('counter-1')).socket.emitWithAck('ticket:lease-numbers', { commandId: commandId(), serviceId: 'ho-tich', count: 5 }),
    };
    expect(refusals).toMatchObject({
      foreign: { ok: false, error: { kind: 'forbidden', message: expect.stringContaining('không thuộc dải số đã cấp cho thiết bị "kiosk-1"') } },
      beyond: { ok: false, error: { kind: 'forbidden' } },
      otherService: { ok: false, error: { kind: 'forbidden' } },
      twice: { ok: false, error: { kind: 'conflict', message: expect.stringContaining('đã được ghi nhận') } },
      yesterday: { ok: false, error: { kind: 'conflict', message: 'Vé số 1991 ngày 19/11/2026 đã hết hiệu lực: hàng chờ của ngày đó đã kết thúc.' } },
      tomorrow: { ok: false, error: { kind: 'conflict', message: expect.stringContaining('kiểm tra đồng hồ của ki-ốt') } },
      issuedOtherDay: { ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('không thuộc ngày 20/11/2026') } },
      issuedInFuture: { ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('đồng hồ của ki-ốt chạy nhanh') } },
      unknownService: { ok: false, error: { kind: 'not-found' } },
      malformed: { ok: false, error: { kind: 'invalid-input' } },
      counterLeases: { ok: false, error: { kind: 'forbidden' } },
    });
    expect(await waitingNow('ho-tich')).toBe(1);

    // A clock up to 2 minutes fast is tolerated: the ticket is queued at the delivery time, not in the future.
    const fast = ok(await deliver(one, { serviceId: 'ho-tich', number: 1991, issuedAt: vn('2026-11-20T09:31') }));
    expect(fast.ticket.issuedAt).toBe(now.toISOString());
    // A clock running slow: queued at the time the lease was granted, not ahead of citizens who came before it.
    const slow = ok(await deliver(one, { serviceId: 'ho-tich', number: 1992, issuedAt: vn('2026-11-20T08:30') }));
    expect(slow.ticket.issuedAt).toBe(vn('2026-11-20T09:00').toISOString());
    // The same delivery again (a lost acknowledgement): the first answer, nothing new.
    const id = commandId();
    const a = ok(await deliver(one, { commandId: id, serviceId: 'ho-tich', number: mine.to, issuedAt: at }));
    const b = ok(await deliver(one, { commandId: id, serviceId: 'ho-tich', number: mine.to, issuedAt: at }));
    expect(b).toEqual(a);
    expect(await waitingNow('ho-tich')).toBe(4);
  });

  it('a kiosk holding two unused blocks of a service must deliver before it leases more', async () => {
    now = vn('2026-11-20T09:00');
    const kiosk = (await f.open('kiosk-1')).socket;
    ok(await lease(kiosk, 'xay-dung')); // 4990–4999
    ok(await lease(kiosk, 'xay-dung')); // 4980–4989
    expect(await lease(kiosk, 'xay-dung')).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('đang giữ 20 số dự phòng') } });
    ok(await deliver(kiosk, { serviceId: 'xay-dung', number: 4990, issuedAt: vn('2026-11-20T09:00') }));
    expect(ok(await lease(kiosk, 'xay-dung')).lease).toMatchObject({ from: 4970, to: 4979 });
    // Another service is counted on its own.
    expect(ok(await lease(kiosk, 'dat-dai')).lease).toMatchObject({ from: 2990, to: 2999 });
  });

  it('supersedes: the phantom online ticket is cancelled while waiting, kept once called, and a superseded issue arriving late is refused', async () => {
    now = vn('2026-11-20T10:00');
    const kiosk = (await f.open('kiosk-1')).socket;
    const { socket: display } = await f.open('display-1');
    ok(await lease(kiosk, 'ho-tich')); // 1990–1999
    // The tap sent ticket:issue; the hub issued 1001 but the answer was lost; the kiosk printed 1990 from its lease.
    const tap = commandId();
    const phantom = ok(await issue(kiosk, 'ho-tich', tap)).ticket;
    expect(phantom.number).toBe(1001);
    const cancelled = new Promise<QueueEvent>((resolve) => onQueueEvent(display, (e) => e.kind === 'ticket' && e.type === 'ticket-cancelled' && resolve(e)));
    const paper = ok(await deliver(kiosk, { serviceId: 'ho-tich', number: 1990, issuedAt: vn('2026-11-20T10:00'), supersedes: tap }));
    expect(paper).toMatchObject({ ticket: { number: 1990, state: 'waiting' }, waitingAhead: 0, superseded: { ticketId: phantom.id, number: 1001, cancelled: true } });
    expect(await cancelled).toMatchObject({ ticket: { id: phantom.id, state: 'cancelled' } });
    expect(await waitingNow('ho-tich')).toBe(1);

    // A tap whose ticket:issue never reached the hub: nothing to cancel; should it arrive later, it is refused.
    const lost = commandId();
    const second = ok(await deliver(kiosk, { serviceId: 'ho-tich', number: 1991, issuedAt: vn('2026-11-20T10:01'), supersedes: lost }));
    expect(second.superseded).toBeUndefined();
    expect(await issue(kiosk, 'ho-tich', lost)).toMatchObject({ ok: false, error: { kind: 'conflict', message: 'Lượt lấy số này đã được phát vé số 1991 khi mất kết nối máy chủ.' } });
    // The refused issue left nothing (it runs beside the check and is rolled back with it): 1990 and 1991 wait, no number was used.
    expect(await waitingNow('ho-tich')).toBe(2);
    // The same phantom cannot be superseded twice; a command that is not this kiosk's ticket:issue is refused.
    expect(await deliver(kiosk, { serviceId: 'ho-tich', number: 1992, issuedAt: vn('2026-11-20T10:02'), supersedes: tap })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const leaseId = commandId();
    ok(await lease(kiosk, 'dat-dai', 10, leaseId));
    expect(await deliver(kiosk, { serviceId: 'ho-tich', number: 1992, issuedAt: vn('2026-11-20T10:02'), supersedes: leaseId })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });

    // Voided by the kiosk itself before (its print failed): already cancelled, nothing more to do.
    const tap3 = commandId();
    const voided = ok(await issue(kiosk, 'ho-tich', tap3)).ticket;
    expect(voided.number).toBe(1002);
    ok(await kiosk.emitWithAck('ticket:cancel', { commandId: commandId(), ticketId: voided.id }));
    const third = ok(await deliver(kiosk, { serviceId: 'ho-tich', number: 1993, issuedAt: vn('2026-11-20T10:01'), supersedes: tap3 }));
    expect(third.superseded).toEqual({ ticketId: voided.id, number: voided.number, cancelled: true });

    // Already called when the paper's ticket arrives: both stay, and the answer says the phantom was not cancelled.
    now = vn('2026-11-20T10:10');
    const tap2 = commandId();
    const called = ok(await issue(kiosk, 'xay-dung', tap2)).ticket; // 4001
    const counter = (await f.open('counter-2')).socket; // Quầy 2: Đất đai, Xây dựng
    expect(ok(await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-2' })).ticket.id).toBe(called.id);
    ok(await lease(kiosk, 'xay-dung')); // 4990–4999
    const kept = ok(await deliver(kiosk, { serviceId: 'xay-dung', number: 4990, issuedAt: vn('2026-11-20T10:10'), supersedes: tap2 }));
    expect(kept.superseded).toEqual({ ticketId: called.id, number: 4001, cancelled: false });
    expect(kept).toMatchObject({ ticket: { number: 4990, state: 'waiting' }, waitingAhead: 0 });
  });

  it('a restart of the hub keeps leases, deliveries and numbering exact', async () => {
    now = vn('2026-11-20T11:00');
    let kiosk = (await f.open('kiosk-1')).socket;
    ok(await lease(kiosk, 'ho-tich')); // 1990–1999
    expect(ok(await issue(kiosk, 'ho-tich')).ticket.number).toBe(1001);
    ok(await deliver(kiosk, { serviceId: 'ho-tich', number: 1990, issuedAt: vn('2026-11-20T11:00') }));
    await f.restart();
    kiosk = (await f.open('kiosk-1')).socket;
    expect(ok(await issue(kiosk, 'ho-tich')).ticket.number).toBe(1002);
    expect(await deliver(kiosk, { serviceId: 'ho-tich', number: 1990, issuedAt: vn('2026-11-20T11:00') })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(ok(await deliver(kiosk, { serviceId: 'ho-tich', number: 1999, issuedAt: vn('2026-11-20T11:00') })).ticket.number).toBe(1999);
    expect(ok(await lease(kiosk, 'ho-tich')).lease).toMatchObject({ from: 1980, to: 1989 });
  });

  it("a lease of yesterday is refused today, even for a ticket issued just before midnight; today's numbering starts afresh", async () => {
    now = vn('2026-11-20T16:30');
    let kiosk = (await f.open('kiosk-1')).socket;
    ok(await lease(kiosk, 'ho-tich')); // 1990–1999 of the 20th
    ok(await lease(kiosk, 'ho-tich')); // 1980–1989 of the 20th
    now = vn('2026-11-21T00:01');
    await f.restart(); // overnight: the hub came back after midnight
    kiosk = (await f.open('kiosk-1')).socket;
    expect(await deliver(kiosk, { serviceId: 'ho-tich', number: 1990, day: '2026-11-20', issuedAt: vn('2026-11-20T23:59') })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: 'Vé số 1990 ngày 20/11/2026 đã hết hiệu lực: hàng chờ của ngày đó đã kết thúc.' },
    });
    // Yesterday's blocks do not hold today's numbers, nor lower today's ceiling.
    expect(await deliver(kiosk, { serviceId: 'ho-tich', number: 1985, day: '2026-11-21', issuedAt: vn('2026-11-21T00:01') })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(ok(await issue(kiosk, 'ho-tich')).ticket).toMatchObject({ number: 1001, day: '2026-11-21' });
    expect(ok(await lease(kiosk, 'ho-tich')).lease).toEqual({ day: '2026-11-21', serviceId: 'ho-tich', from: 1990, to: 1999 });
  });
});

describe('queue.offlineNumberBlock from the centre config', () => {
  const withBlock = (offlineNumberBlock: number) => {
    const config = structuredClone(demoConfig());
    return { ...config, queue: { ...config.queue, offlineNumberBlock } } as CentreDefinition;
  };

  describe('set to 3', () => {
    const f = useHubFixture({ config: withBlock(3), clock: () => now });
    it('caps every lease at 3 and tells the devices', async () => {
      now = vn('2026-11-20T08:00');
      const { socket: kiosk, hello } = await f.open('kiosk-1');
      expect(hello.rules.offlineNumberBlock).toBe(3);
      expect(ok(await lease(kiosk, 'ho-tich', 10)).lease).toMatchObject({ from: 1997, to: 1999 });
    });
  });

  describe('left out', () => {
    const config = structuredClone(demoConfig());
    const f = useHubFixture({ config: { ...config, queue: { ...config.queue, offlineNumberBlock: undefined } } as CentreDefinition, clock: () => now });
    it('defaults to 10, and the hello says so', async () => {
      now = vn('2026-11-20T08:00');
      const { socket: kiosk, hello } = await f.open('kiosk-1');
      expect(hello.rules.offlineNumberBlock).toBe(10);
      expect(ok(await lease(kiosk, 'ho-tich', 50)).lease).toMatchObject({ from: 1990, to: 1999 });
    });
  });

  describe('set to 0', () => {
    const f = useHubFixture({ config: withBlock(0), clock: () => now });
    it('turns offline issuing off: a lease is refused and the sequence does not move', async () => {
      now = vn('2026-11-20T08:00');
      const kiosk = (await f.open('kiosk-1')).socket;
      expect(await lease(kiosk, 'ho-tich')).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('offlineNumberBlock = 0') } });
      expect(ok(await issue(kiosk, 'ho-tich')).ticket.number).toBe(1001);
    });
  });
});
