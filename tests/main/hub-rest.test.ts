import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createCentreCa, issueServerCertificate } from '../../hub/tls/certificate-authority';
import { HubClient } from '../../main/agent/hub-client';
import { fetchHubPdf } from '../../main/agent/hub-files';
import { hubRestFetch, restAddressOrder } from '../../main/agent/hub-rest';
import { HubStatsClient } from '../../main/agent/hub-stats-client';
import { loadHubTrust, trustHubOrigin } from '../../main/agent/hub-trust';
import { closedPort, faultyServer } from '../hardware/fixtures';

interface Heard {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** A real HTTP server on 127.0.0.1 that writes down every request it gets. */
interface RecordingServer {
  readonly url: string;
  readonly heard: Heard[];
  close(): Promise<void>;
}

const servers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Answers every request with `status` and `text`; `status` null: hears the request and never answers. */
async function recordingServer(status: number | null, text = '{"ok":true,"value":null}'): Promise<RecordingServer> {
  const heard: Heard[] = [];
  const server: Server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      heard.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body });
      if (status !== null) res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const recording = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    heard,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(recording);
  return recording;
}

/** A hub process that hears requests and never answers (hung): when each request arrived, how many connections the client gave up. */
async function silentServer(): Promise<{ url: string; arrived: number[]; closed: number }> {
  const state = { url: '', arrived: [] as number[], closed: 0 };
  const server: Server = createServer((req) => {
    state.arrived.push(Date.now());
    req.socket.once('close', () => state.closed++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return state;
}

/** An address where nothing listens: a hub process that was killed. */
async function deadAddress(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}`;
}

describe('a REST call to the hub over several addresses (hub-rest.ts)', () => {
  it('the order starts with the address the socket is on, then the list in its order', () => {
    const [a, b, c] = ['https://10.0.0.11:8080', 'https://10.0.0.12:8080', 'https://10.0.0.13:8080'];
    expect(restAddressOrder(b, [a, b, c])).toEqual([b, a, c]);
    expect(restAddressOrder(c, [a, b, c])).toEqual([c, a, b]);
    expect(restAddressOrder(a, [a, b, c])).toEqual([a, b, c]);
    // Before the first connection, and for an address not in the list: the list as it is.
    expect(restAddressOrder(undefined, [a, b, c])).toEqual([a, b, c]);
    expect(restAddressOrder('https://10.0.0.99:8080', [a, b, c])).toEqual([a, b, c]);
    // A terminal's client, before it connects: its list; one address: that one.
    const [x, y] = ['http://10.0.0.11:8080', 'http://10.0.0.12:8080'];
    expect(new HubClient({ hubUrl: x, hubUrls: [x, y], deviceId: 'counter-1', token: 't' }).restAddresses()).toEqual([x, y]);
    expect(new HubClient({ hubUrl: y, deviceId: 'counter-1', token: 't' }).restAddresses()).toEqual([y]);
  });

  it('asks the first address of the order and stops there when it answers', async () => {
    const [first, second] = [await recordingServer(200), await recordingServer(200)];
    const res = await hubRestFetch(restAddressOrder(second.url, [first.url, second.url]), '/api/stats?from=2026-11-20', { timeoutMs: 5000 });
    expect(res.status).toBe(200);
    expect(second.heard.map((h) => `${h.method} ${h.path}`)).toEqual(['GET /api/stats?from=2026-11-20']);
    expect(first.heard).toEqual([]);
  });

  it('a GET whose first address is dead is answered by the live second', async () => {
    const live = await recordingServer(200, '{"ok":true,"value":"sống"}');
    const res = await hubRestFetch([await deadAddress(), live.url], '/api/dossiers/HK-261120-0001/pdf', { headers: { authorization: 'Bearer t' }, timeoutMs: 5000 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: 'sống' });
    expect(live.heard.map((h) => `${h.method} ${h.path}`)).toEqual(['GET /api/dossiers/HK-261120-0001/pdf']);
  });

  it('a connection reset, and an address that hears the request but does not answer in time, go on to the next', async () => {
    const reset = await faultyServer((socket) => socket.resetAndDestroy());
    servers.push(reset);
    const silent = await recordingServer(null);
    const live = await recordingServer(200);
    const res = await hubRestFetch([`http://127.0.0.1:${reset.port}`, silent.url, live.url], '/api/admin/session', { timeoutMs: 500 });
    expect(res.status).toBe(200);
    expect(silent.heard).toHaveLength(1);
    expect(live.heard).toHaveLength(1);
  });

  it('a GET the first address hears but does not answer is asked of the next after the hedge delay: answered long before the timeout, the first try aborted', async () => {
    const silent = await silentServer();
    const live = await recordingServer(200, '{"ok":true,"value":{"tong":3}}');
    const started = Date.now();
    // A 60 s timeout: waiting it out before the second address (as a PUT does) would take a minute.
    const res = await hubRestFetch([silent.url, live.url], '/api/stats?from=2026-11-20', { timeoutMs: 60_000, hedgeAfterMs: 100 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { tong: 3 } });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(silent.arrived).toHaveLength(1);
    expect(live.heard.map((h) => h.path)).toEqual(['/api/stats?from=2026-11-20']);
    // The first try, still waiting, was given up: its connection closes.
    await expect.poll(() => silent.closed, { timeout: 5000 }).toBe(1);
  });

  it('every address silent: each is asked before the first try times out, and the call fails once, not after one timeout per address', async () => {
    const silent = [await silentServer(), await silentServer(), await silentServer()];
    const started = Date.now();
    const failed = await hubRestFetch(silent.map((s) => s.url), '/api/dossiers/HK-261120-0001/pdf', { timeoutMs: 5_000, hedgeAfterMs: 100 }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    // Each asked once, the third before the first try's 5 s ran out.
    expect(silent.map((s) => s.arrived.length)).toEqual([1, 1, 1]);
    expect(silent[2]!.arrived[0]! - started).toBeLessThan(5_000);
    // A PUT is not hedged (the bytes would go twice at once): it waits each try out in turn.
    const putStarted = Date.now();
    const put = await hubRestFetch(silent.slice(0, 2).map((s) => s.url), '/api/dossiers/HK-261120-0001/result', { method: 'PUT', body: 'x', timeoutMs: 300, hedgeAfterMs: 10 }).catch((e: unknown) => e);
    expect(put).toBeInstanceOf(Error);
    // The second address heard the PUT only once the first try's 300 ms had run out (timers never fire early; 1 ms of clock rounding).
    expect(silent[1]!.arrived[1]! - putStarted).toBeGreaterThanOrEqual(299);
  });

  it('a PUT of a file is sent again, the same bytes, at the next address', async () => {
    const live = await recordingServer(200);
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xff]);
    const res = await hubRestFetch([await deadAddress(), live.url], '/api/dossiers/HK-261120-0001/results?name=Gi%E1%BA%A5y+ph%C3%A9p.pdf', {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      body: bytes,
      timeoutMs: 5000,
    });
    expect(res.status).toBe(200);
    expect(live.heard).toEqual([{ method: 'PUT', path: '/api/dossiers/HK-261120-0001/results?name=Gi%E1%BA%A5y+ph%C3%A9p.pdf', contentType: 'application/pdf', body: Buffer.from(bytes) }]);
  });

  it('an HTTP answer is never sent elsewhere: a 500 or a 404 from the first comes back, the second hears nothing', async () => {
    for (const status of [500, 404]) {
      const [answering, other] = [await recordingServer(status, '{"ok":false,"error":{"kind":"internal","message":"lỗi"}}'), await recordingServer(200)];
      const res = await hubRestFetch([answering.url, other.url], '/api/stats?from=2026-11-20&to=2026-11-20', { timeoutMs: 5000 });
      expect(res.status).toBe(status);
      expect(answering.heard).toHaveLength(1);
      expect(other.heard).toHaveLength(0);
    }
  });

  it('a POST goes to the first address only: it may have been done before its connection broke', async () => {
    const live = await recordingServer(200);
    const sent = hubRestFetch([await deadAddress(), live.url], '/api/admin/deliveries/7/resend', { method: 'POST', timeoutMs: 5000 });
    await expect(sent).rejects.toThrow();
    expect(live.heard).toEqual([]);
    // At a live first address it is sent as usual, once.
    await hubRestFetch([live.url, await deadAddress()], '/api/admin/sign-out', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, timeoutMs: 5000 });
    expect(live.heard.map((h) => `${h.method} ${h.path} ${h.body.toString()}`)).toEqual(['POST /api/admin/sign-out {}']);
  });

  it('a certificate from another CA is refused at once (hub-untrusted), not tried at the next address', async () => {
    const centre = createCentreCa('Trung tâm thử', new Date());
    const other = createCentreCa('Kẻ mạo danh', new Date());
    const cert = issueServerCertificate(other, { dnsNames: ['localhost'], ips: ['127.0.0.1'] }, new Date());
    const impostor: TlsServer = createTlsServer({ key: cert.keyPem, cert: cert.certPem });
    impostor.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => impostor.close(() => resolve())) });
    const url = `https://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    const trust = loadHubTrust(centre.certPem);
    if (!trust.ok) throw new Error(trust.error.message);
    trustHubOrigin(url, trust.value);
    const live = await recordingServer(200);
    await expect(hubRestFetch([url, live.url], '/api/stats', { timeoutMs: 5000 })).rejects.toMatchObject({ kind: 'hub-untrusted' });
    expect(live.heard).toEqual([]);
  });

  it('every address dead: the caller answers hub-unreachable with its own message, as with one address', async () => {
    const dead = [await deadAddress(), await deadAddress()];
    expect(await fetchHubPdf(dead, 'token', 'HK-261120-0001')).toMatchObject({ ok: false, error: { kind: 'hub-unreachable', message: expect.stringMatching(/^Không lấy được tệp PDF từ máy chủ: /) } });
    expect(await fetchHubPdf(dead[0] as string, 'token', 'HK-261120-0001')).toMatchObject({ ok: false, error: { kind: 'hub-unreachable' } });
    const stats = new HubStatsClient({ hubAddresses: dead, token: 'token', timeoutMs: 2000 });
    expect(await stats.report({ from: '2026-11-20', to: '2026-11-20' })).toMatchObject({ ok: false, error: { kind: 'hub-unreachable', message: expect.stringMatching(/^Không kết nối được máy chủ: /) } });
  });
});
