import { describe, expect, it } from 'vitest';
import { verifyPin, hashPin } from '../../hub/clerks/pin-hash';
import { commandId, connectDevice, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const config = demoConfig();
// This suite's centre configures a 5-minute lock (hub.signInLockout); the default, 15 minutes, is tested in sign-in-lockout.test.ts.
const FIVE_MINUTE_LOCK = { ...config, hub: { ...config.hub, signInLockout: { maxFailures: 5, lockMinutes: 5 } } };

describe('clerk sign-in at the counter', () => {
  let now = new Date('2026-11-23T02:00:00Z');
  const f = useHubFixture({ clock: () => now, config: FIVE_MINUTE_LOCK });
  // Counters here connect without a clerk: signing in is what this suite tests.
  const open = async (id: string) => f.track((await connectDevice(f.hub.url, id, tokenOf(config, id))).socket);
  const signIn = (s: DeviceSocket, counterId: string, clerkId: string, pin: string) => s.emitWithAck('counter:sign-in', { commandId: commandId(), counterId, clerkId, pin });

  it('stores PINs as salted scrypt hashes and checks them', () => {
    const a = hashPin('2468');
    const b = hashPin('2468');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b); // salted
    expect(verifyPin('2468', a)).toBe(true);
    expect(verifyPin('2469', a)).toBe(false);
    expect(JSON.stringify(config)).not.toMatch(/"pin"\s*:/);
  });

  it('attributes every call to the clerk signed in, and refuses calls without one', async () => {
    const kiosk = await open('kiosk-1');
    await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    const q1 = await open('counter-1');
    expect(await q1.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await signIn(q1, 'quay-1', 'nguyen-thi-lan', '1111')).toMatchObject({ ok: true, value: { state: { clerk: { id: 'nguyen-thi-lan', name: 'Nguyễn Thị Lan' } } } });
    expect(await q1.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' })).toMatchObject({ ok: true, value: { ticket: { clerkId: 'nguyen-thi-lan' } } });
    expect(await q1.emitWithAck('counter:sign-out', { commandId: commandId(), counterId: 'quay-1' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('moves a clerk who signs in elsewhere, and locks a clerk after five wrong PINs', async () => {
    const q1 = await open('counter-1');
    const q2 = await open('counter-2');
    await signIn(q1, 'quay-1', 'tran-van-minh', '2222');
    await signIn(q2, 'quay-2', 'tran-van-minh', '2222');
    const snap = await q1.emitWithAck('sync:snapshot');
    expect(snap).toMatchObject({ ok: true, value: { counterStates: { 'quay-1': { clerk: null }, 'quay-2': { clerk: { id: 'tran-van-minh' } } } } });

    for (let i = 1; i <= 5; i++) expect(await signIn(q1, 'quay-1', 'le-thu-ha', '9999')).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: `Mã PIN không đúng (${i}/5).` } });
    expect(await signIn(q1, 'quay-1', 'le-thu-ha', '3333')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('bị khoá 5 phút') } });
    now = new Date(now.getTime() + 5 * 60_000 + 1000);
    expect(await signIn(q1, 'quay-1', 'le-thu-ha', '3333')).toMatchObject({ ok: true });
    expect(await signIn(q1, 'quay-1', 'nobody', '1234')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
