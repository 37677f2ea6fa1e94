import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { Server, type Socket } from 'socket.io';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { BRIDGE_CHANNEL, type TerminalContext } from '../../core/protocol/bridge';
import { readCookie, sessionCookieName } from '../../main/agent/launch-cookie';
import { fontsReady, launchChromium, openPage, type WatchedPage } from '../support/browser';
import { contextFor } from './support/contexts';
import { ensureRendererBuild, SCREENS_DIR } from './support/renderer-build';
import { KIOSK_LANDSCAPE } from './support/screens';
import { serveStatic, type RunningServer } from './support/static-server';

/*
 * Browser mode: the renderer served over HTTP reaches its terminal over Socket.IO at /bridge,
 * known by the HttpOnly session cookie a launch code gave the browser. This stands in for the
 * headless agent's endpoint with exactly the contract the renderer relies on (path, the session
 * cookie in the handshake, invoke with ack, context push); the launch itself is tested against the
 * real agent (tests/main/launch-code.test.ts, tests/e2e/launch-code.test.ts).
 */

const SESSION = 'session-id-as-a-launch-would-set-0123456789';

let browser: Browser;
let server: RunningServer;
let io: Server;
let context: TerminalContext;
/** What the renderer invoked, in order. */
let invoked: { name: unknown; input: unknown }[];
/** While set, the handshake fails as if the agent were down (not a refusal). */
let agentDown: boolean;
let pages: WatchedPage[];

beforeAll(async () => {
  server = await serveStatic(await ensureRendererBuild());
  io = new Server(server.server, { path: '/bridge', serveClient: false });
  io.use((socket, next) => {
    if (agentDown) return next(new Error('agent restarting'));
    if (readCookie(socket.handshake.headers.cookie, sessionCookieName(Number(new URL(server.origin).port))) !== SESSION) return next(new Error('unauthorized'));
    next();
  });
  io.on('connection', (socket: Socket) => {
    socket.emit(BRIDGE_CHANNEL.context, context);
    socket.on(BRIDGE_CHANNEL.invoke, (name: unknown, input: unknown, ack: (r: unknown) => void) => {
      invoked.push({ name, input });
      if (name === 'context:get') return ack({ ok: true, value: context });
      if (name === 'kiosk:take-ticket') {
        const t = {
          id: 77,
          serviceId: 'ho-tich',
          number: 1004,
          day: '2025-05-12',
          state: 'waiting',
          issuedAt: new Date().toISOString(),
          calledAt: null,
          startedAt: null,
          finishedAt: null,
          counterId: null,
          issuedBy: 'kiosk-1',
          priority: 'normal',
          recalls: 0,
          assignedCounterId: null,
          firstCalledAt: null,
          clerkId: null,
        };
        return ack({ ok: true, value: { ticket: t, serviceName: 'Hộ tịch', waitingAhead: 3, estimatedWaitMinutes: 18, printed: { ok: true }, outcome: 'printed' } });
      }
      ack({ ok: false, error: { kind: 'forbidden', message: 'not in this test' } });
    });
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  io?.disconnectSockets(true);
  await server?.close();
});

beforeEach(() => {
  context = contextFor('kiosk-1');
  invoked = [];
  agentDown = false;
  pages = [];
});

afterEach(async () => {
  for (const p of pages) {
    // No CSP violation (the WebSocket upgrade included), no console error, no exception.
    expect(p.problems).toEqual([]);
    await p.context.close();
  }
});

/** A page in a new browser context, holding the session cookie a launch sets (`session`; null: never launched). */
async function open(session: string | null = SESSION): Promise<WatchedPage> {
  const p = await openPage(browser, KIOSK_LANDSCAPE, true);
  pages.push(p);
  if (session !== null) {
    await p.context.addCookies([{ name: sessionCookieName(Number(new URL(server.origin).port)), value: session, url: server.origin, httpOnly: true, sameSite: 'Strict' }]);
  }
  return p;
}

describe('browser mode over the agent socket', () => {
  test('the session cookie opens the bridge; nothing secret stays in the address bar or the page; a reload keeps it', async () => {
    const { page } = await open();
    // The socket must really upgrade to a WebSocket under the page's CSP (connect-src 'self').
    const upgraded = new Promise<string>((resolve) =>
      page.on('websocket', (ws) => ws.once('framereceived', () => resolve(ws.url()))),
    );
    // The agent redirects a launch to the clean address; should a code or an old token reach the page anyway, it leaves the address bar.
    await page.goto(`${server.origin}/?launch=left-over-code&token=old-style`);
    await page.getByRole('heading', { name: 'Chọn dịch vụ để lấy số thứ tự' }).waitFor();
    expect(await upgraded).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/bridge\/\?.*transport=websocket/);
    expect(await upgraded).not.toMatch(/token|launch|session/);
    expect(page.url()).toBe(`${server.origin}/`);
    // HttpOnly: the page's script cannot read the session, and keeps no credential of its own.
    expect(await page.evaluate(() => ({ cookie: document.cookie, stored: [...Object.keys(localStorage), ...Object.keys(sessionStorage)] }))).toEqual({ cookie: '', stored: [] });

    await page.reload();
    await page.getByRole('heading', { name: 'Chọn dịch vụ để lấy số thứ tự' }).waitFor();
  });

  test('a tap invokes over the socket and the answer is shown; pushes update the open page', async () => {
    const { page } = await open();
    await page.goto(`${server.origin}/`);
    await page.locator('.k-tile', { hasText: 'Hộ tịch' }).tap();
    await page.getByTestId('kiosk-result').waitFor();
    expect(await page.getByTestId('ticket-number').innerText()).toBe('1004');
    expect(invoked.filter((c) => c.name === 'kiosk:take-ticket')).toEqual([{ name: 'kiosk:take-ticket', input: { serviceId: 'ho-tich', priority: 'normal', commandId: expect.stringMatching(/^[0-9a-f-]{36}$/) } }]);

    await page.getByRole('button', { name: 'Xong' }).tap();
    context = { ...context, hubConnected: false, hubProblem: 'máy chủ không trả lời' };
    io.emit(BRIDGE_CHANNEL.context, context);
    await page.getByTestId('kiosk-offline').waitFor();
  });

  test('a missing or wrong session gets a clear full-screen message for staff', async () => {
    for (const session of ['wrong-session', null]) {
      const watched = await open(session);
      await watched.page.goto(`${server.origin}/`);
      await watched.page.getByRole('heading', { name: 'Chưa mở đúng địa chỉ màn hình' }).waitFor();
      expect(await watched.page.getByRole('alert').innerText()).toContain('chương trình máy trạm in ra khi khởi động');
      if (session !== null) {
        mkdirSync(SCREENS_DIR, { recursive: true });
        await fontsReady(watched.page);
        await watched.page.screenshot({ path: path.join(SCREENS_DIR, 'browser-unauthorized.png') });
      }
    }
  });

  test('losing the agent disables the kiosk and says so; it comes back by itself', async () => {
    const { page } = await open();
    await page.goto(`${server.origin}/`);
    await page.locator('.k-tile').first().waitFor();
    agentDown = true;
    io.disconnectSockets(true);
    await page.getByTestId('status-line').waitFor();
    expect(await page.getByTestId('status-line').innerText()).toBe('Mất kết nối với máy trạm — đang thử kết nối lại…');
    expect(await page.getByTestId('kiosk-offline').isVisible()).toBe(true);
    expect(await page.locator('.k-tile').first().isDisabled()).toBe(true);

    agentDown = false;
    await page.getByTestId('status-line').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.locator('.k-tile').first().isEnabled()).toBe(true);
    expect(invoked.filter((c) => c.name === 'context:get').length).toBeGreaterThanOrEqual(2);
  });
});
