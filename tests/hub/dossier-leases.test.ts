import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../core/dossiers/dossier';
import { commandId, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T07:50'); // a Friday
const APPLICANT = { fullName: 'Trần Thị Bình', idNumber: '001190054321' };

/** CT-BS (chứng thực bản sao) takes 2 working hours: the due date shows which instant it was counted from. */
const receiveInput = (extra: Record<string, unknown> = {}) => ({ commandId: commandId(), procedureCode: 'CT-BS', applicant: APPLICANT, documents: [], feePaid: 2000, ...extra });
const receive = (s: DeviceSocket, extra: Record<string, unknown> = {}) => s.emitWithAck('dossier:receive', receiveInput(extra));
const lease = async (s: DeviceSocket, count: number) => {
  const r = await s.emitWithAck('dossier:lease-codes', { commandId: commandId(), count });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const pad = (n: number) => String(n).padStart(2, '0');

function shuffled<T>(list: readonly T[], seed = 7): T[] {
  const out = [...list];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('leased dossier codes: a counter receives while the hub is away and delivers later (real hub, injected clock)', () => {
  const f = useHubFixture({ clock: () => now });

  it('50 leased codes delivered late in shuffled order: 50 dossiers, due dates from receivedAt, online numbering past the lease', async () => {
    now = vn('2026-11-20T07:50');
    const counter = (await f.open('counter-1')).socket;
    expect(await receive(counter)).toMatchObject({ ok: true, value: { dossier: { code: 'HK-261120-0001' } } });
    const block = await lease(counter, 50);
    expect(block).toEqual({ day: '261120', leasedAt: now.toISOString(), codes: Array.from({ length: 50 }, (_, i) => `HK-261120-${String(i + 2).padStart(4, '0')}`) });
    // While the lease is out, online numbering goes past it.
    now = vn('2026-11-20T07:55');
    expect(await receive(counter)).toMatchObject({ ok: true, value: { dossier: { code: 'HK-261120-0052' } } });

    // The hub comes back at 16:00; the outbox delivers what was received from 08:00 on, one minute apart, in any order.
    now = vn('2026-11-20T16:00');
    const other = (await f.open('counter-2')).socket;
    const heard: DossierEvent[] = [];
    other.on('dossier:event', (e) => heard.push(e));
    const deliveries = shuffled(block.codes.map((code, i) => ({ code, receivedAt: vn(`2026-11-20T08:${pad(i)}`) })));
    const answers = await Promise.all(deliveries.map((d) => receive(counter, { code: d.code, receivedAt: d.receivedAt.toISOString() })));
    const dossiers = answers.map((a, i) => {
      if (!a.ok) throw new Error(`${deliveries[i]!.code}: ${a.error.message}`);
      return a.value;
    });
    expect(new Set(dossiers.map((d) => d.dossier.code)).size).toBe(50);
    dossiers.forEach(({ dossier, history }, i) => {
      const { code, receivedAt } = deliveries[i]!;
      const minute = Number(code.slice(-4)) - 2;
      expect(dossier).toMatchObject({ code, receivedAt: receivedAt.toISOString(), receivedBy: 'counter-1', dueLocal: `2026-11-20T10:${pad(minute)}`, dueAt: vn(`2026-11-20T10:${pad(minute)}`).toISOString() });
      expect(history).toEqual([expect.objectContaining({ action: 'receive', at: receivedAt.toISOString(), toStatus: 'received', deviceId: 'counter-1' })]);
    });
    // Online receipt afterwards: past every leased and used number.
    expect(await receive(counter)).toMatchObject({ ok: true, value: { dossier: { code: 'HK-261120-0053', dueLocal: '2026-11-23T08:30' } } });
    // Every counter hears every dossier, once: all 51 arrive (on PostgreSQL each broadcast waits for its NOTIFY, slow on a loaded machine), and no more.
    await expect.poll(() => heard.filter((e) => e.action === 'receive').length, { timeout: 15_000 }).toBeGreaterThanOrEqual(51);
    await new Promise((r) => setTimeout(r, 150));
    expect(heard.filter((e) => e.action === 'receive')).toHaveLength(51);
  });

  it("refuses a code not leased to this counter, a used one, a malformed one, and a receivedAt in the future or before the lease; a replay answers the first time's dossier", async () => {
    now = vn('2026-11-20T09:00');
    const one = (await f.open('counter-1')).socket;
    const two = (await f.open('counter-2')).socket;
    const mine = await lease(one, 3);
    const theirs = await lease(two, 2);
    expect(theirs.codes).toEqual(['HK-261120-0004', 'HK-261120-0005']);

    expect(await receive(one, { code: theirs.codes[0] })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('không thuộc dải số đã cấp cho thiết bị "counter-1"') } });
    expect(await receive(one, { code: 'HK-261120-0099' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await receive(one, { code: 'HK-261119-0001' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await receive(one, { code: 'XX-261120-0001' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('HK-YYMMDD-NNNN') } });
    expect(await receive(one, { code: 'số 1' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await receive(one, { receivedAt: now.toISOString() })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('receivedAt') } });
    expect(await receive(one, { code: mine.codes[0], receivedAt: new Date(now.getTime() + 3 * 60_000).toISOString() })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringContaining('muộn hơn thời điểm hiện tại') },
    });
    expect(await receive(one, { code: mine.codes[0], receivedAt: new Date(now.getTime() - 3 * 60_000).toISOString() })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringContaining('sớm hơn lúc cấp dải số') },
    });
    // Within the two minutes of clock skew either way: taken.
    const first = receiveInput({ code: mine.codes[0]!.toLowerCase(), receivedAt: new Date(now.getTime() - 60_000).toISOString() });
    const a = await one.emitWithAck('dossier:receive', first);
    expect(a).toMatchObject({ ok: true, value: { dossier: { code: 'HK-261120-0001', receivedAt: vn('2026-11-20T08:59').toISOString() } } });
    expect(await one.emitWithAck('dossier:receive', first)).toEqual(a);
    expect(await receive(one, { code: mine.codes[0] })).toMatchObject({ ok: false, error: { kind: 'conflict', message: 'Mã hồ sơ HK-261120-0001 đã được dùng cho một hồ sơ khác.' } });
    expect(await receive(one, { code: mine.codes[1], receivedAt: new Date(now.getTime() + 60_000).toISOString() })).toMatchObject({ ok: true, value: { dossier: { code: 'HK-261120-0002' } } });
    // Without receivedAt a leased code is received now.
    expect(await receive(one, { code: mine.codes[2] })).toMatchObject({ ok: true, value: { dossier: { code: 'HK-261120-0003', receivedAt: now.toISOString() } } });
    expect(await receive(two)).toMatchObject({ ok: true, value: { dossier: { code: 'HK-261120-0006' } } });
  });

  it('a lease that does not fit in the day is refused; only counters lease', async () => {
    now = vn('2026-11-20T09:00');
    const counter = (await f.open('counter-1')).socket;
    for (let i = 0; i < 19; i++) await lease(counter, 500);
    expect(await counter.emitWithAck('dossier:lease-codes', { commandId: commandId(), count: 500 })).toMatchObject({ ok: false, error: { kind: 'exhausted', message: expect.stringContaining('còn 499') } });
    expect((await lease(counter, 499)).codes.at(-1)).toBe('HK-261120-9999');
    expect(await receive(counter)).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
    // Tomorrow starts again from 0001.
    now = vn('2026-11-21T09:00');
    expect((await lease(counter, 1)).codes).toEqual(['HK-261121-0001']);
    const kiosk = (await f.open('kiosk-1')).socket;
    expect(await kiosk.emitWithAck('dossier:lease-codes', { commandId: commandId(), count: 1 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
