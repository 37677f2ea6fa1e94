import net from 'node:net';
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_PDF_BYTES } from '../../hub/dossiers/dossier-files';
import { HTTP_SERVER_OPTIONS, MAX_JSON_BODY_BYTES, registerRefusals } from '../../hub/http-refusals';
import { demoConfig, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const config = demoConfig();
const auth = (id: string) => ({ authorization: `Bearer ${tokenOf(config, id)}` });
const JSON_TYPE = { 'content-type': 'application/json' };

interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /**
   * The hub ended the connection after answering (it did not wait for the rest of the body). The
   * promise settles only on the hub's FIN: a hub that waited for the declared body would leave
   * the test to time out, not pass.
   */
  readonly closedByHub: boolean;
}

/**
 * Sends the request head and `bodyStart` (a small part of what Content-Length declares) on a raw
 * TCP connection, then nothing more, and reads the answer until the hub closes the connection.
 */
function rawRequest(port: number, head: string, bodyStart: Buffer = Buffer.alloc(0)): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [top = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = top.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      socket.destroy();
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, closedByHub: true });
    });
    socket.write(Buffer.concat([Buffer.from(`${head.replace(/\n/g, '\r\n')}\r\n\r\n`, 'latin1'), bodyStart]));
  });
}

/** `{ ok: false, error: { kind, message } }`, the message short and in Vietnamese first. */
function expectRefusal(body: unknown, kind: string): void {
  expect(body).toEqual({ ok: false, error: { kind, message: expect.any(String) } });
  const { message } = (body as { error: { message: string } }).error;
  expect(message.length).toBeLessThanOrEqual(1000);
  expect(message).toMatch(/[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
}

describe('every HTTP refusal in the hub shape, over real HTTP', () => {
  const f = useHubFixture({ scope: 'file' });
  let port: number;
  beforeAll(() => {
    port = Number(new URL(f.hub.url).port);
  });
  const call = async (method: string, url: string, headers: Record<string, string>, body?: string) => {
    const res = await fetch(f.hub.url + url, { method, headers, body });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: res.status, headers: res.headers, json: (await res.json()) as unknown };
  };

  it.each([
    ['400 invalid JSON', 'POST', '/api/tickets', { ...auth('kiosk-1'), ...JSON_TYPE }, '{"commandId":', 400, 'invalid-input'],
    ['400 empty JSON body', 'POST', '/api/tickets', { ...auth('kiosk-1'), ...JSON_TYPE }, '', 400, 'invalid-input'],
    ['400 a JSON array', 'POST', '/api/tickets', { ...auth('kiosk-1'), ...JSON_TYPE }, '[1,2,3]', 400, 'invalid-input'],
    ['400 nested too deep', 'POST', '/api/tickets', { ...auth('kiosk-1'), ...JSON_TYPE }, `{"a":${'['.repeat(50)}${']'.repeat(50)}}`, 400, 'invalid-input'],
    ['400 prototype poisoning', 'POST', '/api/tickets', { ...auth('kiosk-1'), ...JSON_TYPE }, '{"__proto__":{"admin":true}}', 400, 'invalid-input'],
    ['400 bad percent-encoding', 'POST', '/api/dossiers/%E0%A4%A/get', { ...auth('counter-1'), ...JSON_TYPE }, '{}', 400, 'invalid-input'],
    ['401 no token', 'POST', '/api/tickets', JSON_TYPE, '{}', 401, 'unauthorized'],
    ['403 wrong role', 'POST', '/api/tickets', { ...auth('counter-1'), ...JSON_TYPE }, '{}', 403, 'forbidden'],
    ['404 no such route', 'GET', '/api/nothing-here', {}, undefined, 404, 'not-found'],
    ['405 wrong method', 'DELETE', '/api/tickets', auth('kiosk-1'), undefined, 405, 'invalid-input'],
    ['413 JSON over 1 MiB', 'POST', '/api/tickets', { ...auth('kiosk-1'), ...JSON_TYPE }, JSON.stringify({ s: 'x'.repeat(MAX_JSON_BODY_BYTES) }), 413, 'invalid-input'],
    ['414 path parameter over 100 characters', 'POST', `/api/dossiers/${'H'.repeat(101)}/get`, { ...auth('counter-1'), ...JSON_TYPE }, '{}', 414, 'invalid-input'],
    ['415 text/plain', 'POST', '/api/tickets', { ...auth('kiosk-1'), 'content-type': 'text/plain' }, 'hello', 415, 'invalid-input'],
    ['415 a PDF body on a JSON route', 'POST', '/api/dossiers', { ...auth('counter-1'), 'content-type': 'application/pdf' }, '%PDF-1.7', 415, 'invalid-input'],
    ['415 a form on the PDF route', 'PUT', '/api/dossiers/HS-1/pdf', { ...auth('counter-1'), 'content-type': 'application/x-www-form-urlencoded' }, 'a=1', 415, 'invalid-input'],
  ] as const)('%s', async (_name, method, url, headers, body, status, kind) => {
    const r = await call(method, url, headers, body);
    expect(r.status).toBe(status);
    expectRefusal(r.json, kind);
    if (status === 405) expect(r.headers.get('allow')).toBe('POST');
  });

  it('answers malformed HTTP and oversized headers in the same shape (Node parser errors)', async () => {
    const garbage = await rawRequest(port, 'NOT HTTP AT ALL');
    expect(garbage.status).toBe(400);
    expectRefusal(JSON.parse(garbage.body), 'invalid-input');
    const headers = await rawRequest(port, `GET /api/health HTTP/1.1\nHost: hub\nX-Big: ${'a'.repeat(20_000)}`);
    expect(headers.status).toBe(431);
    expectRefusal(JSON.parse(headers.body), 'invalid-input');
  });

  it('refuses a 200 MB PDF upload without a token after its headers: the hub answers 401 and closes without reading the rest', async () => {
    const head = `PUT /api/dossiers/HS-1/pdf HTTP/1.1\nHost: hub\nContent-Type: application/pdf\nContent-Length: ${200 * 1000 * 1000}`;
    const r = await rawRequest(port, head, Buffer.from('%PDF-1.7\n'.padEnd(1024, ' ')));
    expect(r.status).toBe(401);
    expectRefusal(JSON.parse(r.body), 'unauthorized');
    expect(r.headers['connection']).toBe('close');
    expect(r.closedByHub).toBe(true); // with 199,998,976 bytes still unsent
  });

  it('refuses the upload from a role that may not upload, also before the body', async () => {
    const head = `PUT /api/dossiers/HS-1/pdf HTTP/1.1\nHost: hub\nAuthorization: Bearer ${tokenOf(config, 'kiosk-1')}\nContent-Type: application/pdf\nContent-Length: ${200 * 1000 * 1000}`;
    const r = await rawRequest(port, head, Buffer.from('%PDF-1.7\n'));
    expect(r.status).toBe(403);
    expectRefusal(JSON.parse(r.body), 'forbidden');
  });

  it('refuses an upload declared over the PDF limit from a counter at once (413), before the body', async () => {
    const head = `PUT /api/dossiers/HS-1/pdf HTTP/1.1\nHost: hub\nAuthorization: Bearer ${tokenOf(config, 'counter-1')}\nContent-Type: application/pdf\nContent-Length: ${MAX_PDF_BYTES + 1}`;
    const r = await rawRequest(port, head, Buffer.from('%PDF-1.7\n'));
    expect(r.status).toBe(413);
    expectRefusal(JSON.parse(r.body), 'invalid-input');
  });

  it('refuses a command without a token, and an unknown route, before reading their bodies', async () => {
    const command = await rawRequest(port, `POST /api/tickets HTTP/1.1\nHost: hub\nContent-Type: application/json\nContent-Length: ${MAX_JSON_BODY_BYTES - 1}`, Buffer.from('{"commandId":"'));
    expect(command.status).toBe(401);
    expect(command.headers['connection']).toBe('close');
    const unknown = await rawRequest(port, `POST /api/nowhere HTTP/1.1\nHost: hub\nContent-Type: application/json\nContent-Length: ${MAX_JSON_BODY_BYTES - 1}`, Buffer.from('{"a":'));
    expect(unknown.status).toBe(404);
    expectRefusal(JSON.parse(unknown.body), 'not-found');
  });

  it('lists 413, 414 and 415 in OpenAPI where they can happen', async () => {
    const doc = (await (await fetch(`${f.hub.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const codes = (url: string, method: string) => Object.keys(doc.paths[url]![method]!.responses);
    expect(codes('/api/tickets', 'post')).toEqual(expect.arrayContaining(['413', '415']));
    expect(codes('/api/tickets', 'post')).not.toContain('414');
    expect(codes('/api/dossiers/{code}/act', 'post')).toEqual(expect.arrayContaining(['413', '414', '415']));
    expect(codes('/api/dossiers/{code}/pdf', 'put')).toEqual(expect.arrayContaining(['401', '403', '413', '414', '415']));
  });
});

describe('while the hub shuts down', () => {
  it('answers a request that still arrives on an open connection 503 in the hub shape', async () => {
    const app = Fastify(HTTP_SERVER_OPTIONS);
    registerRefusals(app);
    app.get('/api/ping', async () => ({ ok: true, value: 'pong' }));
    let socket: net.Socket | null = null;
    let duringClose: Promise<RawResponse> | null = null;
    // Registered after registerRefusals: runs once the hub has started closing, before the server stops.
    app.addHook('preClose', async () => {
      const s = socket!;
      duringClose = new Promise<RawResponse>((resolve) => {
        const chunks: Buffer[] = [];
        s.on('data', (d: Buffer) => {
          chunks.push(d);
          const text = Buffer.concat(chunks).toString('utf8');
          const [top = '', body = ''] = text.split('\r\n\r\n', 2);
          const length = Number(/content-length: (\d+)/i.exec(top)?.[1] ?? -1);
          if (length >= 0 && Buffer.byteLength(body) >= length) resolve({ status: Number(top.split(' ')[1]), headers: {}, body, closedByHub: false });
        });
      });
      s.write('GET /api/ping HTTP/1.1\r\nHost: hub\r\n\r\n');
      await duringClose;
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as net.AddressInfo;
    // A kept-alive connection that has already been served once, as a device's would be.
    socket = net.connect(port, '127.0.0.1');
    const first = new Promise<void>((resolve) => socket!.once('data', () => resolve()));
    socket.write('GET /api/ping HTTP/1.1\r\nHost: hub\r\n\r\n');
    await first;
    await app.close();
    socket.destroy();
    const r = await duringClose!;
    expect(r.status).toBe(503);
    expectRefusal(JSON.parse(r.body), 'hub-unreachable');
  });
});
