import { describe, expect, it } from 'vitest';
import type { Hello } from '../../core/protocol/socket';
import { commandId, connectDevice, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T09:00');
const config = demoConfig();
const PIN = '5555'; // every demo officer's
const APPLICANT = { fullName: 'Phạm Văn An', idNumber: '001090012345' };

const signIn = (s: DeviceSocket, officerId: string, pin = PIN) => s.emitWithAck('officer:sign-in', { commandId: commandId(), officerId, pin });
const nextHello = (s: DeviceSocket) => new Promise<Hello>((resolve) => s.once('session:hello', resolve));

describe('back-office officers: PIN sign-in per device, kept in SQLite, required to act (real hub)', () => {
  // A centre that configures a 5-minute lock (hub.signInLockout); the default, 15 minutes, is tested in sign-in-lockout.test.ts.
  const f = useHubFixture({ clock: () => now, config: { ...config, hub: { ...config.hub, signInLockout: { maxFailures: 5, lockMinutes: 5 } } } });

  it("the hello lists the device's department officers (no PIN hashes) and who is signed in; other roles get none", async () => {
    const { hello } = await f.open('backoffice-tckh');
    expect(hello.officers).toEqual([
      { id: 'bui-thi-thu', name: 'Bùi Thị Thu', departmentId: 'tai-chinh-ke-hoach' },
      { id: 'do-quang-vinh', name: 'Đỗ Quang Vinh', departmentId: 'tai-chinh-ke-hoach' },
    ]);
    expect(hello.officer).toBeNull();
    expect(JSON.stringify(hello)).not.toContain('scrypt');
    const counter = await f.open('counter-1');
    expect(counter.hello).toMatchObject({ officers: [], officer: null });
    expect(await counter.socket.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'bui-thi-thu', pin: PIN })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('refuses an officer of another department, an unknown one and a wrong PIN clearly, and locks after five wrong PINs', async () => {
    const tckh = (await f.open('backoffice-tckh')).socket;
    expect(await signIn(tckh, 'hoang-minh-tuan')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('không thuộc Phòng Tài chính – Kế hoạch') } });
    expect(await signIn(tckh, 'khong-co-ai')).toMatchObject({ ok: false, error: { kind: 'not-found', message: 'Không có cán bộ "khong-co-ai".' } });
    expect(await signIn(tckh, 'bui-thi-thu', '0000')).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: 'Mã PIN không đúng (1/5).' } });
    for (let i = 2; i <= 5; i++) await signIn(tckh, 'bui-thi-thu', '0000');
    expect(await signIn(tckh, 'bui-thi-thu')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('bị khoá 5 phút') } });
    // The lock is the officer's, not the device's: a colleague still signs in.
    expect(await signIn(tckh, 'do-quang-vinh')).toMatchObject({ ok: true, value: { officer: { id: 'do-quang-vinh' } } });
    now = new Date(now.getTime() + 5 * 60_000 + 1000);
    expect(await signIn(tckh, 'bui-thi-thu')).toMatchObject({ ok: true, value: { officer: { id: 'bui-thi-thu', name: 'Bùi Thị Thu', departmentId: 'tai-chinh-ke-hoach' } } });
    now = vn('2026-11-20T09:00');
  });

  it('signing in re-sends the hello; the officer acts under their own name, stays signed in across a hub restart, and signing out stops acting', async () => {
    now = vn('2026-11-20T09:00');
    const counter = (await f.open('counter-3')).socket;
    const tckh = (await f.open('backoffice-tckh')).socket;
    const r = await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'KD-TL', applicant: APPLICANT, documents: [], feePaid: 100000 });
    if (!r.ok) throw new Error(r.error.message);
    const { code } = r.value.dossier;
    const act = (s: DeviceSocket, action: 'accept' | 'processing' | 'done', note?: string) => s.emitWithAck('dossier:act', { commandId: commandId(), code, action, ...(note ? { note } : {}) });

    expect(await act(tckh, 'accept')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('Cán bộ chưa đăng nhập') } });
    const hello = nextHello(tckh);
    expect(await signIn(tckh, 'bui-thi-thu')).toEqual({ ok: true, value: { officer: { id: 'bui-thi-thu', name: 'Bùi Thị Thu', departmentId: 'tai-chinh-ke-hoach' } } });
    expect((await hello).officer).toEqual({ id: 'bui-thi-thu', name: 'Bùi Thị Thu', departmentId: 'tai-chinh-ke-hoach' });
    const accepted = await act(tckh, 'accept', 'Nhận hồ sơ');
    if (!accepted.ok) throw new Error(accepted.error.message);
    expect(accepted.value.history.at(-1)).toMatchObject({ action: 'accept', deviceId: 'backoffice-tckh', role: 'backoffice', actorName: 'Bùi Thị Thu' });

    await f.restart();
    const again = await connectDevice(f.hub.url, 'backoffice-tckh', tokenOf(config, 'backoffice-tckh'));
    f.track(again.socket);
    expect(again.hello.officer).toEqual({ id: 'bui-thi-thu', name: 'Bùi Thị Thu', departmentId: 'tai-chinh-ke-hoach' });
    expect(await act(again.socket, 'done', 'Đã cấp giấy chứng nhận')).toMatchObject({ ok: true, value: { history: [{}, {}, { action: 'done', actorName: 'Bùi Thị Thu' }] } });

    // A second window of the same device: signing out shows on both.
    const elsewhere = f.track((await connectDevice(f.hub.url, 'backoffice-tckh', tokenOf(config, 'backoffice-tckh'))).socket);
    const out = nextHello(elsewhere);
    expect(await again.socket.emitWithAck('officer:sign-out', { commandId: commandId() })).toEqual({ ok: true, value: { officer: null } });
    expect((await out).officer).toBeNull(); // every socket of the device hears it
    const sheet = await again.socket.emitWithAck('dossier:get', { commandId: commandId(), code });
    expect(sheet).toMatchObject({ ok: true, value: { dossier: { code, status: 'done' } } });
    const reconnected = await connectDevice(f.hub.url, 'backoffice-tckh', tokenOf(config, 'backoffice-tckh'));
    f.track(reconnected.socket);
    expect(reconnected.hello.officer).toBeNull();
  });
});
