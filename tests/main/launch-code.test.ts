import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeHandlers } from '../../core/protocol/bridge';
import { err, ok } from '../../core/result';
import { VOICE_MANIFEST_FILE } from '../../hardware/audio/voice-manifest';
import { BridgeServer, type BridgeHost, type StartedBridge } from '../../main/agent/bridge-server';
import { LAUNCH_CODE_TTL_MS } from '../../main/agent/launch-codes';
import { LAUNCH_CONTROL_FILE, LAUNCH_CONTROL_PATH, requestLaunchUrl } from '../../main/agent/launch-control';
import { LAUNCH_REFUSED_TITLE } from '../../main/agent/launch-refusal-page';
import { contextFor } from '../renderer/support/contexts';
import { BridgeClient } from '../support/bridge-client';
import { openLaunch } from '../support/launch-session';

/*
 * "No secret in a URL" against a real bridge server: a launch code becomes a session cookie once,
 * the cookie (never a URL) opens the socket and the files, and nothing secret is printed.
 */

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

const host: BridgeHost = {
  handlers: new Proxy({}, { get: () => async () => ok(contextFor('display-1')) }) as BridgeHandlers,
  context: () => contextFor('display-1'),
  onContext: () => () => {},
  file: async (kind, id) => (kind === 'scan-preview' && id === 'p1' ? ok({ contentType: 'image/png', body: PNG }) : err('not-found', 'no such file')),
};

/** Everything printed while the suite runs, to search for secrets afterwards. */
const printed: string[] = [];
const secrets: string[] = [];
const restore: (() => void)[] = [];

beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
      original(...args);
    };
    restore.push(() => (console[method] = original));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original));
  }
});

afterAll(() => {
  for (const r of restore.splice(0)) r();
  // Search the suite's whole output for every code and session it made (which includes refused ones).
  expect(secrets.length).toBeGreaterThan(5);
  expect(secrets.filter((s) => printed.some((line) => line.includes(s)))).toEqual([]);
});

describe('launch codes on the bridge server', () => {
  let dir: string;
  let now: number;
  let server: BridgeServer;
  let started: StartedBridge;
  const controlFile = () => path.join(dir, 'data', LAUNCH_CONTROL_FILE);

  const start = async (extra: { sessionIdleMs?: number } = {}) => {
    server = new BridgeServer({ agent: host, staticDir: path.join(dir, 'renderer'), voiceDir: path.join(dir, 'voice'), clock: () => new Date(now), controlFile: controlFile(), ...extra });
    started = await server.start();
  };
  /** A new launch address; its code is remembered as a secret to search the output for. */
  const launchUrl = () => {
    const url = server.launchUrl();
    secrets.push(url.split('/launch/')[1]!);
    return url;
  };
  const launch = async () => {
    const session = await openLaunch(launchUrl());
    secrets.push(session.cookie.split('=')[1]!);
    return session;
  };
  const get = (pathname: string, cookie?: string) => fetch(new URL(pathname, started.pageUrl), { redirect: 'manual', headers: cookie ? { cookie } : {} });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-launch-'));
    mkdirSync(path.join(dir, 'renderer'));
    writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');
    mkdirSync(path.join(dir, 'voice', 'clips'), { recursive: true });
    writeFileSync(path.join(dir, 'voice', 'clips', VOICE_MANIFEST_FILE), '{}');
    now = Date.UTC(2026, 11, 3, 2, 0);
    await start();
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a /launch/ address with no token; opening it sets an HttpOnly SameSite=Strict cookie and 303s to the clean page', async () => {
    expect(started.launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\/[A-Za-z0-9_-]{32}$/);
    expect(started.pageUrl).toBe(`http://127.0.0.1:${started.port}/?voice=%2Fvoice%2Fclips%2F`);
    secrets.push(started.launchUrl.split('/launch/')[1]!);
    const response = await fetch(started.launchUrl, { redirect: 'manual' });
    expect(response.status).toBe(303);
    // The code leaves the address bar: the page's own address, the display's clip folder kept.
    expect(response.headers.get('location')).toBe('/?voice=%2Fvoice%2Fclips%2F');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^motcua_screen_${started.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    const cookie = setCookie.split(';')[0]!;
    secrets.push(cookie.split('=')[1]!);

    const client = await BridgeClient.connectSession(new URL(started.pageUrl).origin, cookie);
    try {
      expect(client.latest?.device?.id).toBe('display-1');
      expect(await client.invoke('context:get', {})).toMatchObject({ ok: true });
    } finally {
      client.close();
    }
    const file = await get('/files/scan-preview/p1', cookie);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect((await get('/files/scan-preview/p2', cookie)).status).toBe(404);
  });

  it('refuses a code used twice (410), expired (410) or never made (401) with a page in Vietnamese, never the app or a cookie', async () => {
    const once = launchUrl();
    expect((await fetch(once, { redirect: 'manual' })).status).toBe(303);
    const second = await fetch(once, { redirect: 'manual' });
    expect(second.status).toBe(410);
    expect(second.headers.get('set-cookie')).toBeNull();
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(second.headers.get('referrer-policy')).toBe('no-referrer');
    expect(second.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(second.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await second.text();
    expect(page).toContain(LAUNCH_REFUSED_TITLE);
    expect(LAUNCH_REFUSED_TITLE).toBe('Mã mở màn hình đã được dùng hoặc hết hạn — mở lại từ máy trạm');
    expect(page).toContain('motcua launch-code');
    expect(page).not.toContain('id="root"');
    expect(page).not.toContain(once.split('/launch/')[1]);

    const late = launchUrl();
    now += LAUNCH_CODE_TTL_MS;
    const expired = await fetch(late, { redirect: 'manual' });
    expect(expired.status).toBe(410);
    expect(expired.headers.get('set-cookie')).toBeNull();
    const guessed = await get('/launch/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(guessed.status).toBe(401);
    expect(await guessed.text()).toContain(LAUNCH_REFUSED_TITLE);
    await expect(openLaunch(once)).rejects.toThrow('launch refused (HTTP 410)');
  });

  it('the browser that opened a code may reopen it (from its history) and lands on the page; no new session is made', async () => {
    const url = launchUrl();
    const { cookie } = await openLaunch(url);
    secrets.push(cookie.split('=')[1]!);
    const again = await fetch(url, { redirect: 'manual', headers: { cookie } });
    expect(again.status).toBe(303);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(again.headers.get('location')).toBe('/?voice=%2Fvoice%2Fclips%2F');
  });

  it('without the cookie, or with a wrong or idle-expired one, the socket is refused and /files answers 401', async () => {
    const origin = new URL(started.pageUrl).origin;
    const { cookie } = await launch();
    const name = cookie.split('=')[0]!;
    for (const c of [null, `${name}=wrong`, `motcua_screen_1=${cookie.split('=')[1]}`]) {
      await expect(BridgeClient.connectSession(origin, c), String(c)).rejects.toMatchObject({ message: 'unauthorized' });
      const refused = await get('/files/scan-preview/p1', c ?? undefined);
      expect(refused.status, String(c)).toBe(401);
      expect(await refused.json()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    }
    // A page of another origin (another port of this host: same site, so the cookie would go along) is refused.
    for (const from of ['http://127.0.0.1:1', 'null']) {
      const foreign = io(origin, { path: '/bridge', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie, origin: from } });
      await expect(new Promise((resolve, reject) => foreign.once('connect', () => resolve('connected')).once('connect_error', reject)), from).rejects.toMatchObject({ message: 'unauthorized' });
      foreign.close();
    }
    const own = io(origin, { path: '/bridge', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie, origin } });
    await expect(new Promise((resolve, reject) => own.once('connect', () => resolve('connected')).once('connect_error', reject))).resolves.toBe('connected');
    own.close();
    // An old-style token in the query opens nothing.
    expect((await get(`/files/scan-preview/p1?token=${cookie.split('=')[1]}`)).status).toBe(401);

    // Sliding expiry: used within the idle time it lives on; left unused past it, it is gone.
    await server.close();
    await start({ sessionIdleMs: 60_000 });
    const fresh = await launch();
    now += 59_000;
    expect((await get('/files/scan-preview/p1', fresh.cookie)).status).toBe(200);
    now += 59_000;
    expect((await get('/files/scan-preview/p1', fresh.cookie)).status).toBe(200);
    now += 60_001;
    expect((await get('/files/scan-preview/p1', fresh.cookie)).status).toBe(401);
    await expect(BridgeClient.connectSession(fresh.origin, fresh.cookie)).rejects.toMatchObject({ message: 'unauthorized' });
  });

  it('a connected page keeps its session alive however long it stays; the idle time starts when it leaves', async () => {
    await server.close();
    await start({ sessionIdleMs: 60_000 });
    const { origin, cookie } = await launch();
    const page = await BridgeClient.connectSession(origin, cookie);
    now += 10 * 60_000;
    expect((await get('/files/scan-preview/p1', cookie)).status).toBe(200);
    page.close();
    // The agent hears the page leave.
    await expect.poll(async () => {
      now += 60_001;
      return (await get('/files/scan-preview/p1', cookie)).status;
    }).toBe(401);
  });

  it('every answer tells the browser to send no Referer: the page, its files, a 404, a refusal and the socket’s own HTTP', async () => {
    const { cookie } = await launch();
    for (const [pathname, c] of [['/', undefined], ['/index.html', undefined], ['/no-such-file.js', undefined], ['/files/scan-preview/p1', cookie], ['/files/scan-preview/p1', undefined], ['/voice/clips/manifest.json', undefined]] as const) {
      const r = await get(pathname, c);
      expect(r.headers.get('referrer-policy'), pathname).toBe('no-referrer');
      await r.arrayBuffer();
    }
    const polling = await get('/bridge/?EIO=4&transport=polling', cookie);
    expect(polling.status).toBe(200);
    expect(polling.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('`motcua launch-code` asks the running agent through its 0600 control file, from loopback, with the secret in a header', async () => {
    expect(statSync(controlFile()).mode & 0o777).toBe(0o600);
    const minted = await requestLaunchUrl(path.join(dir, 'data'));
    expect(minted).toMatchObject({ ok: true, value: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:${started.port}/launch/[A-Za-z0-9_-]{32}$`)) });
    if (!minted.ok) return;
    secrets.push(minted.value.split('/launch/')[1]!);
    const session = await openLaunch(minted.value);
    secrets.push(session.cookie.split('=')[1]!);
    expect(session.location).toBe('/?voice=%2Fvoice%2Fclips%2F');

    for (const authorization of [undefined, 'Bearer wrong', 'wrong']) {
      const r = await fetch(new URL(LAUNCH_CONTROL_PATH, started.pageUrl), { method: 'POST', headers: authorization ? { authorization } : {} });
      expect(r.status, String(authorization)).toBe(401);
      expect(await r.json()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    }
    // Stopped, the agent takes its control file with it, and the command says the agent is not running.
    await server.close();
    expect(existsSync(controlFile())).toBe(false);
    expect(await requestLaunchUrl(path.join(dir, 'data'))).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('is the terminal agent running') } });
    await start();
  });
});
