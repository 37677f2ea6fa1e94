import { describe, expect, it } from 'vitest';
import { commandId, connectDevice, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { storeAuditRows, storeRowCounts } from './attacks-support';

const config = demoConfig();
/** 09:00 in Hà Nội. */
const START = new Date('2026-12-03T02:00:00Z');
let now = START;
const minutes = (n: number) => (now = new Date(now.getTime() + n * 60_000));
const WRONG_PIN = '8642';
const PASSWORD = 'mat-khau-quan-tri-2026';
/** What a guesser may change: the lockout's own row and its audit records; `commands` logs each refused answer for replays. */
const BOOKKEEPING = ['commands', 'sign_in_lockouts', 'audit_log'];

/**
 * Guessing a clerk's PIN at a counter, an officer's PIN at a back-office device, an administrator's
 * password at the admin device: each is locked after 5 wrong attempts (default policy: 15 minutes),
 * the right secret is refused while locked, a hub restart on the same data dir does not lift the
 * lock, and it lifts when the window has passed (injected clock). Nothing else changes; every
 * failure and the lock are on the audit chain, which still verifies, and the secret tried is not.
 */
describe('attack: brute-forced PINs and admin passwords (real hub on loopback, injected clock)', () => {
  const f = useHubFixture({ clock: () => now });
  const device = async (id: string): Promise<DeviceSocket> => f.track((await connectDevice(f.hub.url, id, tokenOf(config, id))).socket);
  const clerkSignIn = (s: DeviceSocket, pin: string, id = commandId()) => s.emitWithAck('counter:sign-in', { commandId: id, counterId: 'quay-1', clerkId: 'le-thu-ha', pin });
  const officerSignIn = (s: DeviceSocket, pin: string) => s.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'bui-thi-thu', pin });
  const adminSignIn = async (username: string, password: string) => {
    const res = await fetch(`${f.hub.url}/api/admin/sign-in`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(config, 'admin-1')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { kind: string; message: string } } };
  };
  const counts = () => storeRowCounts((sql) => f.rows(sql), f.storeKind, BOOKKEEPING);
  const lockRecords = async (subject: string) => (await storeAuditRows((sql) => f.rows(sql))).filter((r) => r.subject === subject);
  const expectFailuresOnRecord = async (subject: string, actor: string) => {
    // Exactly these fields: the PIN or password tried is nowhere in the record.
    expect(await lockRecords(subject)).toEqual([
      ...[1, 2, 3, 4].map((n) => ({ action: 'sign-in.fail', actor, subject, detail: { failures: n, maxFailures: 5 } })),
      { action: 'sign-in.lock', actor, subject, detail: { failures: 5, lockedUntil: '2026-12-03T02:15:00.000Z' } },
    ]);
  };

  it("a clerk's PIN: locked after 5, right PIN refused until 09:15, still locked after a restart, open after the window", async () => {
    now = START;
    let counter = await device('counter-1');
    const before = await counts();
    for (let i = 1; i <= 5; i++) expect(await clerkSignIn(counter, WRONG_PIN)).toEqual({ ok: false, error: { kind: 'unauthorized', message: `Mã PIN không đúng (${i}/5).` } });
    const locked = { ok: false, error: { kind: 'forbidden', message: expect.stringMatching(/Lê Thu Hà bị khoá 15 phút \(đến 09:15\)/) } };
    expect(await clerkSignIn(counter, '3333')).toMatchObject(locked);
    // Guessing on while locked is not even checked: no count, no record, the end does not move.
    for (let i = 0; i < 3; i++) expect(await clerkSignIn(counter, WRONG_PIN)).toMatchObject(locked);
    await expectFailuresOnRecord('clerk:le-thu-ha', 'device:counter-1');

    await f.restart();
    counter = await device('counter-1');
    minutes(14);
    expect(await clerkSignIn(counter, '3333')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('bị khoá 1 phút (đến 09:15)') } });
    expect(await counter.emitWithAck('sync:snapshot')).toMatchObject({ ok: true, value: { counterStates: { 'quay-1': { clerk: null } } } });
    expect(await counts()).toEqual(before);
    expect(await f.chains()).toMatchObject({ ok: true });

    minutes(1);
    expect(await clerkSignIn(counter, '3333')).toMatchObject({ ok: true, value: { state: { clerk: { id: 'le-thu-ha' } } } });
    // A success clears the count: a later slip starts again at 1.
    expect(await clerkSignIn(counter, WRONG_PIN)).toMatchObject({ ok: false, error: { message: 'Mã PIN không đúng (1/5).' } });
    expect(await f.chains()).toMatchObject({ ok: true });
  });

  it("an officer's PIN at the back office: the same lock, across a restart, for that officer only", async () => {
    now = START;
    let tckh = await device('backoffice-tckh');
    const before = await counts();
    for (let i = 1; i <= 5; i++) expect(await officerSignIn(tckh, WRONG_PIN)).toEqual({ ok: false, error: { kind: 'unauthorized', message: `Mã PIN không đúng (${i}/5).` } });
    expect(await officerSignIn(tckh, '5555')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('Bùi Thị Thu bị khoá 15 phút (đến 09:15)') } });
    await expectFailuresOnRecord('officer:bui-thi-thu', 'device:backoffice-tckh');
    expect(await counts()).toEqual(before);

    await f.restart();
    tckh = await device('backoffice-tckh');
    minutes(10);
    expect(await officerSignIn(tckh, '5555')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('bị khoá 5 phút') } });
    expect(await counts()).toEqual(before);
    expect(await f.chains()).toMatchObject({ ok: true });
    // The lock is the officer's, not the device's: a colleague signs in meanwhile.
    expect(await tckh.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'do-quang-vinh', pin: '5555' })).toMatchObject({ ok: true });
    minutes(5);
    expect(await officerSignIn(tckh, '5555')).toMatchObject({ ok: true, value: { officer: { id: 'bui-thi-thu' } } });
  });

  it("an administrator's password: 403 after 5, still after a restart, open after 15 minutes; an unknown name is counted but not written down", async () => {
    now = START;
    expect(await f.adminAccounts((accounts) => accounts.add('quan-tri', PASSWORD), () => now)).toMatchObject({ ok: true });
    const before = await storeRowCounts((sql) => f.rows(sql), f.storeKind, BOOKKEEPING);
    for (let i = 1; i <= 4; i++) expect(await adminSignIn('quan-tri', 'doan-mo-mat-khau')).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized' } } });
    expect(await adminSignIn('quan-tri', 'doan-mo-mat-khau')).toMatchObject({ status: 403, body: { error: { kind: 'forbidden', message: expect.stringContaining('bị khoá đến 09:15') } } });
    expect(await adminSignIn('quan-tri', PASSWORD)).toMatchObject({ status: 403, body: { error: { kind: 'forbidden', message: expect.stringContaining('đang bị khoá 15 phút (đến 09:15)') } } });
    await expectFailuresOnRecord('admin:quan-tri', 'device:admin-1');
    expect(JSON.stringify((await storeAuditRows((sql) => f.rows(sql))))).not.toContain('doan-mo');

    // A password typed into the name field: counted under that name, recorded as "admin:?".
    expect(await adminSignIn('mat-khau-go-nham-o', 'x')).toMatchObject({ status: 401 });
    expect((await storeAuditRows((sql) => f.rows(sql))).at(-1)).toEqual({ action: 'sign-in.fail', actor: 'device:admin-1', subject: 'admin:?', detail: { failures: 1, maxFailures: 5 } });
    expect(JSON.stringify((await storeAuditRows((sql) => f.rows(sql))))).not.toContain('mat-khau-go-nham');

    await f.restart();
    minutes(14);
    expect(await adminSignIn('quan-tri', PASSWORD)).toMatchObject({ status: 403, body: { error: { kind: 'forbidden', message: expect.stringContaining('đang bị khoá 1 phút') } } });
    minutes(1);
    expect(await adminSignIn('quan-tri', PASSWORD)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await storeRowCounts((sql) => f.rows(sql), f.storeKind, [...BOOKKEEPING, 'admin_sessions'])).toEqual(Object.fromEntries(Object.entries(before).filter(([t]) => t !== 'admin_sessions')));
    expect(await f.chains()).toMatchObject({ ok: true });
  });

  it('guesses sent all at once (one group commit) each count, and a replayed commandId counts once', async () => {
    now = START;
    const counter = await device('counter-1');
    const id = commandId();
    expect(await clerkSignIn(counter, WRONG_PIN, id)).toMatchObject({ error: { message: 'Mã PIN không đúng (1/5).' } });
    expect(await clerkSignIn(counter, WRONG_PIN, id)).toMatchObject({ error: { message: 'Mã PIN không đúng (1/5).' } });
    const burst = await Promise.all([1, 2, 3, 4].map(() => clerkSignIn(counter, WRONG_PIN)));
    expect(burst.map((r) => (r.ok ? '' : r.error.message)).sort()).toEqual([2, 3, 4, 5].map((n) => `Mã PIN không đúng (${n}/5).`));
    expect(await clerkSignIn(counter, '3333')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect((await lockRecords('clerk:le-thu-ha')).map((r) => r.action)).toEqual(['sign-in.fail', 'sign-in.fail', 'sign-in.fail', 'sign-in.fail', 'sign-in.lock']);
  });

  it('a centre may set its own policy (hub.signInLockout): 3 wrong PINs lock for 2 minutes', async () => {
    now = START;
    await f.restart({ config: { ...config, hub: { ...config.hub, signInLockout: { maxFailures: 3, lockMinutes: 2 } } } });
    const counter = await device('counter-1');
    for (let i = 1; i <= 3; i++) expect(await clerkSignIn(counter, WRONG_PIN)).toMatchObject({ error: { message: `Mã PIN không đúng (${i}/3).` } });
    expect(await clerkSignIn(counter, '3333')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('bị khoá 2 phút (đến 09:02)') } });
    minutes(2);
    expect(await clerkSignIn(counter, '3333')).toMatchObject({ ok: true });
  });
});
