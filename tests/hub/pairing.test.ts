import { X509Certificate } from 'node:crypto';
import { io as connect } from 'socket.io-client';
import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../core/protocol/commands';
import { PAIRING_CODE_TTL_MS } from '../../core/protocol/pairing-commands';
import type { Hello } from '../../core/protocol/socket';
import type { Result } from '../../core/result';
import type { Hub } from '../../hub/hub';
import { PAIR_ATTEMPTS_PER_MINUTE } from '../../hub/devices/pairing-route';
import { createCentreCa, issueServerCertificate } from '../../hub/tls/certificate-authority';
import { checkPresentedCertificate, pairWithHub } from '../../main/agent/pairing-client';
import { commandId, tokenOf, demoConfig, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const ADMIN = 'admin-1';
const KIOSK = 'kiosk-1';

/** Connects over TLS trusting only `caPem`; resolves with the hello, rejects with the refusal. */
function connectTls(hub: Hub, caPem: string | undefined, deviceId: string, token: string): Promise<{ socket: DeviceSocket; hello: Hello }> {
  const socket: DeviceSocket = connect(hub.url, { auth: { deviceId, token }, transports: ['websocket'], reconnection: false, forceNew: true, ...(caPem ? { ca: caPem } : {}), rejectUnauthorized: true });
  return new Promise((resolve, reject) => {
    socket.once('session:hello', (hello) => resolve({ socket, hello }));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

function ask<T>(socket: DeviceSocket, name: string, input: object): Promise<Result<T>> {
  return new Promise((resolve) => (socket as unknown as { emit(n: string, i: object, ack: (r: Result<T>) => void): void }).emit(name, input, resolve));
}

describe('pairing a terminal with a one-time code, over a real hub with TLS', () => {
  // Each test starts its hub with TLS (tlsHub below).
  const f = useHubFixture({ autoStart: false });
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  let now = new Date('2026-12-03T02:00:00.000Z');
  async function tlsHub(): Promise<{ hub: Hub; caPem: string; admin: DeviceSocket }> {
    now = new Date('2026-12-03T02:00:00.000Z');
    // TLS material is made with the real time (certificates must be valid now); the hub's clock is the test's.
    const hub = await f.start({ tls: {}, clock: () => now });
    const caPem = (await import('node:fs')).readFileSync(hub.tls!.caFile!, 'utf8');
    const { socket: admin } = await connectTls(hub, caPem, ADMIN, tokenOf(demoConfig(), ADMIN));
    cleanups.push(() => void admin.close());
    return { hub, caPem, admin };
  }
  const codeFor = async (admin: DeviceSocket, deviceId: string) => {
    const r = await ask<CommandOutput<'device:pairing-code'>>(admin, 'device:pairing-code', { commandId: commandId(), deviceId });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const states = async (admin: DeviceSocket) => {
    const r = await ask<CommandOutput<'device:credentials'>>(admin, 'device:credentials', { commandId: commandId() });
    if (!r.ok) throw new Error(r.error.message);
    return Object.fromEntries(r.value.devices.map((d) => [d.deviceId, d]));
  };
  const postPair = (hub: Hub, caPem: string, body: string, contentType = 'application/json') => {
    const dispatcher = new Agent({ connect: { ca: caPem } });
    cleanups.push(() => dispatcher.close());
    return fetch(`${hub.url}/api/pair`, { method: 'POST', body, headers: { 'content-type': contentType }, dispatcher }).then(async (res) => ({ status: res.status, body: (await res.json()) as Result<unknown> }));
  };

  it('an admin makes a code; the terminal pairs (CA pinned from the handshake), connects, and the old token stops working', async () => {
    const { hub, caPem, admin } = await tlsHub();
    const code = await codeFor(admin, KIOSK);
    expect(code.code).toMatch(/^\d{8}$/);
    expect(code.expiresAt).toBe(new Date(now.getTime() + PAIRING_CODE_TTL_MS).toISOString());
    expect(code.qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);

    const paired = await pairWithHub({ hubUrl: hub.url, code: `${code.code.slice(0, 4)} ${code.code.slice(4)}` });
    if (!paired.ok) throw new Error(paired.error.message);
    expect(paired.value).toMatchObject({ hubUrl: hub.url, deviceId: KIOSK, hubCaFingerprint: new X509Certificate(caPem).fingerprint256 });
    expect(paired.value.hubCa).toBe(caPem);
    expect(paired.value.credential).toMatch(/^[\w-]{43}$/);

    const { socket, hello } = await connectTls(hub, paired.value.hubCa, KIOSK, paired.value.credential);
    socket.close();
    expect(hello.device.id).toBe(KIOSK);
    await expect(connectTls(hub, caPem, KIOSK, tokenOf(demoConfig(), KIOSK))).rejects.toThrow('unauthorized');
    expect((await states(admin))[KIOSK]).toMatchObject({ state: 'paired', pairedAt: now.toISOString(), lastSeenAt: now.toISOString(), revokedAt: null });
    // Other devices keep their legacy tokens.
    expect((await states(admin))['counter-1']).toMatchObject({ state: 'legacy-token' });
    expect((await hub.audit.list()).map((e) => [e.action, e.subject])).toEqual([
      ['device.pairing-code', KIOSK],
      ['device.pair', KIOSK],
    ]);
  });

  it('a reused, an expired and a wrong code are refused, typed, and change nothing', async () => {
    const { hub, caPem, admin } = await tlsHub();
    const first = await codeFor(admin, KIOSK);
    const used = await postPair(hub, caPem, JSON.stringify({ code: first.code }));
    expect(used.status).toBe(200);
    const before = await states(admin);
    const auditBefore = (await hub.audit.list()).length;

    const reused = await postPair(hub, caPem, JSON.stringify({ code: first.code }));
    expect(reused).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized', message: expect.stringContaining('đã được dùng') } } });

    const second = await codeFor(admin, 'counter-1');
    now = new Date(now.getTime() + PAIRING_CODE_TTL_MS + 1000);
    const expired = await postPair(hub, caPem, JSON.stringify({ code: second.code }));
    expect(expired).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized', message: expect.stringContaining('hết hạn') } } });

    const wrongCode = second.code === '00000000' ? '11111111' : '00000000';
    const wrong = await postPair(hub, caPem, JSON.stringify({ code: wrongCode }));
    expect(wrong).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized', message: expect.stringContaining('không đúng') } } });

    expect(await states(admin)).toEqual(before);
    // Only the second code's creation was recorded since: no refusal went on the chain as a pairing.
    expect((await hub.audit.list()).slice(auditBefore).map((e) => e.action)).toEqual(['device.pairing-code']);
  });

  it('a new code voids the unused one before it', async () => {
    const { hub, caPem, admin } = await tlsHub();
    const first = await codeFor(admin, KIOSK);
    const second = await codeFor(admin, KIOSK);
    expect((await postPair(hub, caPem, JSON.stringify({ code: first.code }))).status).toBe(401);
    // As a QR scanner types it into the setup page's field.
    expect((await postPair(hub, caPem, JSON.stringify({ code: `motcua-pair:${second.code}` }))).status).toBe(200);
  });

  it('oversized, malformed and extra-field bodies are refused before any code is looked at; guessing is rate limited', async () => {
    const { hub, caPem, admin } = await tlsHub();
    const code = await codeFor(admin, KIOSK);
    const before = await states(admin);
    expect(await postPair(hub, caPem, JSON.stringify({ code: code.code, pad: 'x'.repeat(2000) }))).toMatchObject({ status: 413, body: { ok: false, error: { kind: 'invalid-input' } } });
    expect(await postPair(hub, caPem, '{"code": ')).toMatchObject({ status: 400, body: { ok: false, error: { kind: 'invalid-input' } } });
    expect(await postPair(hub, caPem, JSON.stringify({ code: code.code, deviceId: 'admin-1' }))).toMatchObject({ status: 400, body: { error: { kind: 'invalid-input' } } });
    expect(await postPair(hub, caPem, JSON.stringify({ code: 12345678 }))).toMatchObject({ status: 400, body: { error: { kind: 'invalid-input' } } });
    expect(await postPair(hub, caPem, JSON.stringify({ code: 'abcd efgh' }))).toMatchObject({ status: 400, body: { error: { kind: 'invalid-input', message: expect.stringContaining('8 chữ số') } } });
    expect(await postPair(hub, caPem, code.code, 'text/plain')).toMatchObject({ status: 415 });
    expect(await states(admin)).toEqual(before);

    // 10 attempts a minute from one address, the 6 refused above included; the right code on the 11th is still refused.
    for (let i = 0; i < PAIR_ATTEMPTS_PER_MINUTE - 6; i++) expect((await postPair(hub, caPem, JSON.stringify({ code: '99999999' }))).status).not.toBe(429);
    const limited = await postPair(hub, caPem, JSON.stringify({ code: code.code }));
    expect(limited).toMatchObject({ status: 429, body: { ok: false, error: { kind: 'forbidden' } } });
    expect(await states(admin)).toEqual(before);
    now = new Date(now.getTime() + 61_000);
    expect((await postPair(hub, caPem, JSON.stringify({ code: code.code }))).status).toBe(200);
  });

  it('a revoked device is disconnected at once and refused after; pairing again lets it back', async () => {
    const { hub, caPem, admin } = await tlsHub();
    const paired = await pairWithHub({ hubUrl: hub.url, code: (await codeFor(admin, KIOSK)).code });
    if (!paired.ok) throw new Error(paired.error.message);
    const { socket } = await connectTls(hub, caPem, KIOSK, paired.value.credential);
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const revoked = await ask<CommandOutput<'device:revoke'>>(admin, 'device:revoke', { commandId: commandId(), deviceId: KIOSK });
    expect(revoked).toEqual({ ok: true, value: { deviceId: KIOSK, revokedAt: now.toISOString() } });
    expect(await dropped).toBe('io server disconnect');
    await expect(connectTls(hub, caPem, KIOSK, paired.value.credential)).rejects.toThrow('unauthorized');
    await expect(connectTls(hub, caPem, KIOSK, tokenOf(demoConfig(), KIOSK))).rejects.toThrow('unauthorized');
    // Nor over REST with the same credential.
    const dispatcher = new Agent({ connect: { ca: caPem } });
    cleanups.push(() => dispatcher.close());
    const rest = await fetch(`${hub.url}/api/snapshot`, { headers: { authorization: `Bearer ${paired.value.credential}` }, dispatcher });
    expect(rest.status).toBe(401);
    expect((await states(admin))[KIOSK]).toMatchObject({ state: 'revoked', revokedAt: now.toISOString() });

    const again = await pairWithHub({ hubUrl: hub.url, code: (await codeFor(admin, KIOSK)).code });
    if (!again.ok) throw new Error(again.error.message);
    (await connectTls(hub, caPem, KIOSK, again.value.credential)).socket.close();
    expect((await hub.audit.list()).map((e) => e.action)).toEqual(['device.pairing-code', 'device.pair', 'device.revoke', 'device.pairing-code', 'device.pair']);
    expect((await hub.audit.list()).find((e) => e.action === 'device.revoke')?.actor).toBe(`device:${ADMIN}`);
  });

  it('re-pairing a device drops the sockets of its old credential, which is refused from then on', async () => {
    const { hub, caPem, admin } = await tlsHub();
    const first = await pairWithHub({ hubUrl: hub.url, code: (await codeFor(admin, KIOSK)).code });
    if (!first.ok) throw new Error(first.error.message);
    const { socket } = await connectTls(hub, caPem, KIOSK, first.value.credential);
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const second = await pairWithHub({ hubUrl: hub.url, code: (await codeFor(admin, KIOSK)).code });
    if (!second.ok) throw new Error(second.error.message);
    expect(await dropped).toBe('io server disconnect');
    await expect(connectTls(hub, caPem, KIOSK, first.value.credential)).rejects.toThrow('unauthorized');
    (await connectTls(hub, caPem, KIOSK, second.value.credential)).socket.close();
  });

  it('a rotated credential: the old one works until the first sign-in with the new one, not after', async () => {
    const { hub, caPem, admin } = await tlsHub();
    const paired = await pairWithHub({ hubUrl: hub.url, code: (await codeFor(admin, KIOSK)).code });
    if (!paired.ok) throw new Error(paired.error.message);
    const old = paired.value.credential;
    const { socket } = await connectTls(hub, caPem, KIOSK, old);
    const rotated = await ask<CommandOutput<'device:rotate-credential'>>(socket, 'device:rotate-credential', { commandId: commandId() });
    if (!rotated.ok) throw new Error(rotated.error.message);
    socket.close();
    expect(rotated.value.credential).not.toBe(old);
    expect((await states(admin))[KIOSK]).toMatchObject({ state: 'paired', rotationPending: true });

    // Not yet confirmed: the old credential still signs in (a terminal that lost the answer is not locked out).
    (await connectTls(hub, caPem, KIOSK, old)).socket.close();
    (await connectTls(hub, caPem, KIOSK, rotated.value.credential)).socket.close();
    expect((await states(admin))[KIOSK]).toMatchObject({ rotationPending: false });
    await expect(connectTls(hub, caPem, KIOSK, old)).rejects.toThrow('unauthorized');
    (await connectTls(hub, caPem, KIOSK, rotated.value.credential)).socket.close();
    expect((await hub.audit.list()).map((e) => e.action)).toContain('device.rotate');
  });

  it('a device on its legacy token rotates onto a stored credential, and the token stops after confirmation', async () => {
    const { hub, caPem, admin } = await tlsHub();
    const token = tokenOf(demoConfig(), 'counter-1');
    const { socket } = await connectTls(hub, caPem, 'counter-1', token);
    const rotated = await ask<CommandOutput<'device:rotate-credential'>>(socket, 'device:rotate-credential', { commandId: commandId() });
    socket.close();
    if (!rotated.ok) throw new Error(rotated.error.message);
    (await connectTls(hub, caPem, 'counter-1', token)).socket.close();
    (await connectTls(hub, caPem, 'counter-1', rotated.value.credential)).socket.close();
    await expect(connectTls(hub, caPem, 'counter-1', token)).rejects.toThrow('unauthorized');
    expect((await states(admin))['counter-1']).toMatchObject({ state: 'paired', rotationPending: false });
  });

  it('only an admin makes codes or revokes; a code for a device not in the config is not-found', async () => {
    const { hub, caPem, admin } = await tlsHub();
    const { socket: kiosk } = await connectTls(hub, caPem, KIOSK, tokenOf(demoConfig(), KIOSK));
    cleanups.push(() => void kiosk.close());
    expect(await ask(kiosk, 'device:pairing-code', { commandId: commandId(), deviceId: KIOSK })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await ask(kiosk, 'device:revoke', { commandId: commandId(), deviceId: 'counter-1' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await ask(admin, 'device:pairing-code', { commandId: commandId(), deviceId: 'kiosk-99' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect((await hub.audit.list())).toEqual([]);
  });

  it('a terminal shown a certificate from another CA refuses the pairing answer', async () => {
    const { hub, admin } = await tlsHub();
    const code = await codeFor(admin, KIOSK);
    const other = createCentreCa('Trung tâm khác', new Date());
    const paired = await pairWithHub({ hubUrl: hub.url, code: code.code, expectedCaFingerprint: new X509Certificate(other.certPem).fingerprint256 });
    expect(paired).toMatchObject({ ok: false, error: { kind: 'hub-untrusted' } });

    // The certificate presented is checked against the CA answered: a CA that did not sign it is refused.
    const server = issueServerCertificate(other, { dnsNames: ['localhost'], ips: ['127.0.0.1'] }, new Date());
    const foreign = createCentreCa('Kẻ giả mạo', new Date());
    const answer = { deviceId: KIOSK, credential: 'x'.repeat(43), caPem: foreign.certPem, caFingerprint: new X509Certificate(foreign.certPem).fingerprint256 };
    expect(checkPresentedCertificate(answer, new X509Certificate(server.certPem), '127.0.0.1', new Date())).toMatchObject({ ok: false, error: { kind: 'hub-untrusted' } });
    const own = { ...answer, caPem: other.certPem, caFingerprint: new X509Certificate(other.certPem).fingerprint256 };
    expect(checkPresentedCertificate(own, new X509Certificate(server.certPem), '127.0.0.1', new Date())).toEqual({ ok: true, value: own.caFingerprint });
    expect(checkPresentedCertificate(own, new X509Certificate(server.certPem), '10.9.9.9', new Date())).toMatchObject({ ok: false, error: { kind: 'hub-untrusted' } });
  });
});
