import { beforeEach, describe, expect, it } from 'vitest';
import type { AdminAccounts } from '../../hub/admin/admin-accounts';
import { ADMIN_SESSION_HEADER } from '../../hub/admin/admin-routes';
import { commandId, connectDevice, demoConfig, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const config = demoConfig();
const ADMIN_TOKEN = tokenOf(config, 'admin-1');
const PASSWORD = 'mat-khau-quan-tri-2026';

describe('administrator accounts: scrypt passwords, expiring sessions, a lockout that survives a restart (real hub)', () => {
  let now = new Date('2026-12-03T02:00:00Z');
  const clock = () => now;
  beforeEach(() => {
    now = new Date('2026-12-03T02:00:00Z');
  });
  const f = useHubFixture({ clock });
  const call = async (method: 'GET' | 'POST', url: string, opts: { token?: string; session?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? ADMIN_TOKEN}` };
    if (opts.session) headers[ADMIN_SESSION_HEADER] = opts.session;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${f.hub.url}${url}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { kind: string; message: string } } };
  };
  const signIn = (username: string, password: string, token?: string) => call('POST', '/api/admin/sign-in', { body: { username, password }, token });
  const stats = (session?: string) => call('GET', '/api/stats?from=2026-12-03&to=2026-12-03', { session });
  /** The accounts opened beside the running hub, as `motcua admin` does (either store). */
  const withAccounts = async (fn: (accounts: AdminAccounts) => unknown) => {
    await f.adminAccounts(fn, clock);
  };

  it('with no account yet, the admin device token alone still opens the statistics (the centre has not turned accounts on)', async () => {
    expect((await stats()).body).toMatchObject({ ok: true });
    expect((await call('GET', '/api/admin/session')).body).toEqual({ ok: true, value: { required: false, province: f.storeKind === 'postgres', session: null } });
  });

  it("GET /api/province/stats: a single centre's hub (SQLite) says it is no province; a province's hub wants a province administrator", async () => {
    const answer = await call('GET', '/api/province/stats?from=2026-12-03&to=2026-12-03');
    if (f.storeKind === 'sqlite') expect(answer).toMatchObject({ status: 404, body: { ok: false, error: { kind: 'not-found', message: expect.stringContaining('không phải hệ thống cấp tỉnh') } } });
    else expect(answer).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized', message: expect.stringContaining('quản trị viên cấp tỉnh') } } });
    // The device comes first either way: no token, 401.
    expect((await fetch(`${f.hub.url}/api/province/stats?from=2026-12-03&to=2026-12-03`)).status).toBe(401);
  });

  it('accounts: add, list, refuse a duplicate or a short password, reset the password, remove', async () => {
    await withAccounts(async (accounts) => {
      expect(await accounts.any()).toBe(false);
      expect(await accounts.add('quan-tri', PASSWORD)).toMatchObject({ ok: true, value: { username: 'quan-tri' } });
      expect(await accounts.add('quan-tri', PASSWORD)).toMatchObject({ ok: false, error: { kind: 'conflict' } });
      expect(await accounts.add('ngan', 'ngan')).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('ít nhất 12 ký tự') } });
      expect(await accounts.add('ngan', 'muoi-mot-ky')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } }); // 11 characters
      expect(await accounts.add('Có Dấu', PASSWORD)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      expect((await accounts.list()).map((a) => a.username)).toEqual(['quan-tri']);
      expect(await accounts.verify('quan-tri', PASSWORD)).toBe(true);
      expect(await accounts.verify('quan-tri', `${PASSWORD}x`)).toBe(false);
      expect(await accounts.resetPassword('quan-tri', 'mat-khau-moi-hoan-toan')).toMatchObject({ ok: true });
      expect(await accounts.verify('quan-tri', PASSWORD)).toBe(false);
      expect(await accounts.verify('quan-tri', 'mat-khau-moi-hoan-toan')).toBe(true);
      expect(await accounts.resetPassword('khong-co', 'mat-khau-moi-hoan-toan')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect(await accounts.remove('quan-tri')).toMatchObject({ ok: true });
      expect(await accounts.remove('quan-tri')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      expect(await accounts.any()).toBe(false);
    });
  });

  it('once an account exists the statistics, devices and the admin commands need a session; sign-in opens one, sign-out ends it', async () => {
    await withAccounts((a) => a.add('quan-tri', PASSWORD));
    expect(await stats()).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized', message: expect.stringContaining('đăng nhập quản trị') } } });
    expect((await call('GET', '/api/devices')).status).toBe(401);
    const admin = (await connectDevice(f.hub.url, 'admin-1', ADMIN_TOKEN)).socket;
    try {
      const list = () => admin.emitWithAck('appointment:list', { commandId: commandId(), date: '2026-12-03' });
      expect(await list()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });

      const opened = await signIn('quan-tri', PASSWORD);
      expect(opened).toMatchObject({ status: 200, body: { ok: true, value: { username: 'quan-tri', expiresAt: '2026-12-03T02:30:00.000Z' } } });
      const token = opened.body.value!.token as string;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await stats(token)).body).toMatchObject({ ok: true });
      expect((await call('GET', '/api/devices', { session: token })).body).toMatchObject({ ok: true });
      expect(await list()).toMatchObject({ ok: true });
      expect((await call('GET', '/api/admin/session', { session: token })).body).toMatchObject({ ok: true, value: { required: true, session: { username: 'quan-tri', scope: 'centre' } } });
      expect((await call('GET', '/api/admin/session')).body).toEqual({ ok: true, value: { required: true, province: f.storeKind === 'postgres', session: null } });

      // Only the admin device's own session: another device's token does not carry it, and another role cannot sign in.
      expect((await signIn('quan-tri', PASSWORD, tokenOf(config, 'counter-1'))).body).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      // Other roles are unchanged: a counter reads the snapshot without any admin session.
      expect((await fetch(`${f.hub.url}/api/snapshot`, { headers: { authorization: `Bearer ${tokenOf(config, 'counter-1')}` } })).status).toBe(200);

      expect((await call('POST', '/api/admin/sign-out', { session: token })).body).toMatchObject({ ok: true });
      expect((await stats(token)).body).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
      expect(await list()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    } finally {
      admin.close();
    }
  });

  it('a session ends 30 minutes after its last use, and 12 hours after sign-in however busy (injected clock)', async () => {
    await withAccounts((a) => a.add('quan-tri', PASSWORD));
    const token = (await signIn('quan-tri', PASSWORD)).body.value!.token as string;
    now = new Date(now.getTime() + 29 * 60_000);
    expect((await stats(token)).body).toMatchObject({ ok: true }); // pushes the end to 29 + 30 min
    now = new Date(now.getTime() + 29 * 60_000);
    expect((await stats(token)).body).toMatchObject({ ok: true });
    now = new Date(now.getTime() + 30 * 60_000 + 1);
    expect((await stats(token)).body).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: expect.stringContaining('hết hạn') } });

    const busy = (await signIn('quan-tri', PASSWORD)).body.value!.token as string;
    const start = now.getTime();
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      now = new Date(start + minutes * 60_000);
      expect((await stats(busy)).body).toMatchObject({ ok: true });
    }
    now = new Date(start + 12 * 60 * 60_000);
    expect((await stats(busy)).body).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
  });

  it('five wrong passwords lock the account for 15 minutes, the right one is refused while locked, and a hub restart does not lift it', async () => {
    await withAccounts((a) => a.add('quan-tri', PASSWORD));
    for (let i = 1; i <= 4; i++) {
      expect(await signIn('quan-tri', 'sai-mat-khau-roi')).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized', message: `Tên đăng nhập hoặc mật khẩu không đúng (${i}/5).` } } });
    }
    expect(await signIn('quan-tri', 'sai-mat-khau-roi')).toMatchObject({ status: 403, body: { error: { kind: 'forbidden', message: expect.stringContaining('bị khoá') } } });
    expect(await signIn('quan-tri', PASSWORD)).toMatchObject({ status: 403, body: { error: { kind: 'forbidden', message: expect.stringContaining('đang bị khoá 15 phút') } } });

    await f.restart();
    now = new Date(now.getTime() + 14 * 60_000);
    expect(await signIn('quan-tri', PASSWORD)).toMatchObject({ status: 403, body: { error: { kind: 'forbidden', message: expect.stringContaining('đang bị khoá 1 phút') } } });
    now = new Date(now.getTime() + 60_000 + 1);
    expect(await signIn('quan-tri', PASSWORD)).toMatchObject({ status: 200, body: { ok: true } });
    // A success clears the count: four more failures do not lock.
    for (let i = 1; i <= 4; i++) expect((await signIn('quan-tri', 'sai')).body.error?.kind).toBe('unauthorized');
  });

  it('an unknown name gets the same answer as a wrong password, and a malformed body changes nothing', async () => {
    await withAccounts((a) => a.add('quan-tri', PASSWORD));
    expect(await signIn('khong-ai-ca', PASSWORD)).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized', message: 'Tên đăng nhập hoặc mật khẩu không đúng (1/5).' } } });
    expect(await call('POST', '/api/admin/sign-in', { body: { username: 'quan-tri', password: PASSWORD, admin: true } })).toMatchObject({ status: 400, body: { error: { kind: 'invalid-input' } } });
    expect(await call('POST', '/api/admin/sign-in', { body: { username: 'quan-tri', password: 'x'.repeat(201) } })).toMatchObject({ status: 400 });
    expect((await call('POST', '/api/admin/sign-in', { token: 'bogus', body: { username: 'quan-tri', password: PASSWORD } })).status).toBe(401);
  });

  it('resetting the password or removing the account ends its sessions', async () => {
    await withAccounts((a) => a.add('quan-tri', PASSWORD));
    const token = (await signIn('quan-tri', PASSWORD)).body.value!.token as string;
    await withAccounts((a) => a.resetPassword('quan-tri', 'mat-khau-moi-hoan-toan'));
    expect((await stats(token)).body).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    const again = (await signIn('quan-tri', 'mat-khau-moi-hoan-toan')).body.value!.token as string;
    await withAccounts(async (a) => {
      await a.add('du-phong', PASSWORD);
      await a.remove('quan-tri');
    });
    expect((await stats(again)).body).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
  });
});
