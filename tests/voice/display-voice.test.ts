import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { BridgeHandlers, TerminalContext } from '../../core/protocol/bridge';
import type { Ticket } from '../../core/queue/types';
import { err } from '../../core/result';
import { planCallAnnouncement } from '../../core/voice/call-announcement';
import { announcementDurationMs } from '../../core/voice/timeline';
import { ClipFolder } from '../../hardware/audio/announcement-audio';
import { BridgeServer, type BridgeHost } from '../../main/agent/bridge-server';
import { VOICE_EVENT, type VoiceEventDetail } from '../../renderer/display/use-call-announcer';
import { contextFor } from '../renderer/support/contexts';
import type { FakeBridgeSetup, FakeControl } from '../renderer/support/fake-bridge';
import { addFakeBridge } from '../renderer/support/page-fakes';
import { ensureRendererBuild, SCREENS_DIR } from '../renderer/support/renderer-build';
import { TV } from '../renderer/support/screens';
import { CHROMIUM_ARGS, fontsReady, openPage, type WatchedPage } from '../support/browser';
import { buildClipsIntoTemp } from './support/built-clips';
import { missingAudioTools } from './support/sox';
import { calledTicket } from './support/tickets';

const missing = missingAudioTools(['espeak-ng']);
if (missing !== null) console.warn(`tests/voice/display-voice: SKIPPED — ${missing}; CI installs them (.ci/run).`);

/** The demo centre with counters named as centres do: "1", "12", "3A". */
function displayContext(): TerminalContext {
  const base = contextFor('display-1');
  const labels: Record<string, string> = { 'quay-1': '1', 'quay-2': '12', 'quay-3': '3A' };
  return {
    ...base,
    counters: base.counters.map((c) => ({ ...c, label: labels[c.id] ?? c.label })),
    snapshot: base.snapshot === null ? null : { ...base.snapshot, recentCalls: [] },
  };
}

/** The agent side of the bridge is not used: the page gets its own (addFakeBridge). This server is here to serve files. */
function stubHost(): BridgeHost {
  return {
    handlers: new Proxy({}, { get: () => async () => err('internal', 'not used: the page has its own bridge') }) as BridgeHandlers,
    context: displayContext,
    onContext: () => () => {},
  };
}

function clipsOf(number: number, label: string): readonly string[] {
  const plan = planCallAnnouncement(number, label);
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.value.clips;
}

/**
 * Headless Chromium plays sound whatever --autoplay-policy says, so the blocked case is
 * emulated the way the policy behaves: a new AudioContext stays suspended, and resume() is
 * honoured only inside the handling of a real click. (Not navigator.userActivation: Playwright's
 * page.evaluate counts as a user gesture, which would unlock the sound without any click.)
 * Plain JavaScript text: a class compiled by the test runner would carry helpers the page lacks.
 */
const EMULATE_AUTOPLAY_BLOCK = `
  (() => {
    let inTrustedClick = false;
    window.addEventListener('click', (e) => {
      if (!e.isTrusted) return;
      inTrustedClick = true;
      setTimeout(() => { inTrustedClick = false; }, 0);
    }, true);
    const Real = window.AudioContext;
    class GatedAudioContext extends Real {
      #gated = true;
      constructor(options) {
        super(options);
        void super.suspend();
      }
      get state() {
        return this.#gated ? 'suspended' : super.state;
      }
      resume() {
        if (!inTrustedClick) return new Promise(() => {});
        this.#gated = false;
        return super.resume();
      }
    }
    Object.defineProperty(window, 'AudioContext', { value: GatedAudioContext, configurable: true, writable: true });
  })();
`;

/** The page's own bridge (as Electron's preload would give it), plus a log of every voice event. */
async function openDisplay(browser: Browser, url: string, blockAutoplay = false): Promise<{ watched: WatchedPage; page: Page; clipRequests: string[] }> {
  const watched = await openPage(browser, TV);
  opened.push(watched);
  const { page } = watched;
  if (blockAutoplay) await page.addInitScript({ content: EMULATE_AUTOPLAY_BLOCK });
  const setup: FakeBridgeSetup = { context: displayContext(), delayMs: 0, printed: { ok: true } };
  await addFakeBridge(page, setup);
  await page.addInitScript((eventName) => {
    const log: unknown[] = [];
    Object.defineProperty(window, '__voiceLog', { value: log });
    window.addEventListener(eventName, (e) => log.push((e as CustomEvent).detail));
  }, VOICE_EVENT);
  const clipRequests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/voice/')) clipRequests.push(new URL(r.url()).pathname);
  });
  await page.goto(url);
  await page.getByTestId('display-now').waitFor();
  return { watched, page, clipRequests };
}

/** What the hub's "ticket-called" broadcast does to the display's context. */
async function call(page: Page, t: Ticket): Promise<void> {
  await page.evaluate((ticket) => {
    const fake = (window as unknown as { __fake: FakeControl }).__fake;
    const c = fake.context();
    if (c.snapshot === null) throw new Error('no snapshot');
    const snapshot = { ...c.snapshot, seq: c.snapshot.seq + 1, counters: { ...c.snapshot.counters, [ticket.counterId ?? '']: ticket }, recentCalls: [ticket, ...c.snapshot.recentCalls] };
    fake.push({ ...c, snapshot });
  }, t);
}

const opened: WatchedPage[] = [];

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await fontsReady(page);
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), animations: 'disabled' });
}

const voiceLog = (page: Page): Promise<VoiceEventDetail[]> => page.evaluate(() => (window as unknown as { __voiceLog: VoiceEventDetail[] }).__voiceLog);

describe.skipIf(missing !== null)('the waiting-room display speaks the calls', () => {
  let clips: ClipFolder;
  let server: BridgeServer;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    const built = await buildClipsIntoTemp();
    clips = ClipFolder.open(built.dir);
    server = new BridgeServer({ agent: stubHost(), staticDir: await ensureRendererBuild(), voiceDir: path.dirname(built.dir) });
    url = (await server.start()).pageUrl;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] });
  });

  afterEach(async () => {
    for (const w of opened.splice(0)) await w.context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the agent serves the clips and tells the display where they are', async () => {
    expect(new URL(url).searchParams.get('voice')).toBe('/voice/clips/');
    const response = await fetch(new URL('/voice/clips/den-quay-so.wav', url));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect((await fetch(new URL('/', url))).headers.get('content-type')).toContain('text/html');
  });

  test('an agent without built clips serves none and does not send the display looking for them', async () => {
    const empty = new BridgeServer({ agent: stubHost(), staticDir: await ensureRendererBuild(), voiceDir: mkdtempSync(path.join(tmpdir(), 'motcua-novoice-')) });
    const started = await empty.start();
    try {
      expect(started.voice).toBeNull();
      expect(new URL(started.pageUrl).searchParams.has('voice')).toBe(false);
      expect((await fetch(new URL('/voice/clips/den-quay-so.wav', started.pageUrl))).status).toBe(404);
    } finally {
      await empty.close();
    }
  });

  test('two quick calls: each clip fetched in order, the second call starts only after the first has ended', { timeout: 45_000 }, async () => {
    const { watched, page, clipRequests } = await openDisplay(browser, url);
    const first = calledTicket(31, 15, 'quay-3', '08:00');
    const second = calledTicket(32, 21, 'quay-2', '08:00');
    await call(page, first);
    await call(page, second);
    await expect.poll(async () => (await voiceLog(page)).filter((e) => e.type === 'finished').length, { timeout: 30_000 }).toBe(2);
    const log = await voiceLog(page);

    const expected = [clipsOf(15, '3A'), clipsOf(21, '12')];
    const started = log.filter((e) => e.type === 'started');
    const finished = log.filter((e) => e.type === 'finished');
    expect(started.map((e) => e.clips)).toEqual(expected);
    expect(finished.map((e) => e.result)).toEqual(['played', 'played']);
    expect(started.map((e) => e.key)).toEqual(finished.map((e) => e.key));

    // Never two at once: the second starts after the first's last clip has ended.
    const ended = log.filter((e) => e.type === 'clip-ended');
    const endedOf = (key: string) => ended.filter((e) => e.key === key);
    expect(endedOf(started[0]!.key).map((e) => e.clip)).toEqual(expected[0]);
    expect(endedOf(started[1]!.key).map((e) => e.clip)).toEqual(expected[1]);
    expect(started[1]!.at).toBeGreaterThanOrEqual(finished[0]!.at);
    expect(Math.max(...endedOf(started[0]!.key).map((e) => e.at))).toBeLessThanOrEqual(started[1]!.at);
    expect(Math.min(...endedOf(started[1]!.key).map((e) => e.at))).toBeGreaterThan(started[1]!.at);

    // Each announcement really played for its length (the audio clock, not a skipped schedule).
    expected.forEach((clipIds, i) => {
      const lengthMs = announcementDurationMs(clipIds, clipIds.map((id) => clips.manifest.clips.find((c) => c.id === id)!.durationMs));
      const took = finished[i]!.at - started[i]!.at;
      expect(took, `announcement ${i}`).toBeGreaterThan(lengthMs - 20);
      expect(took, `announcement ${i}`).toBeLessThan(lengthMs + 3_000);
    });

    // Each clip asked for once, in the order it is first needed.
    const needed = [...new Set(expected.flat())].map((id) => `/voice/clips/${id}.wav`);
    expect(clipRequests).toEqual(needed);
    expect(watched.problems).toEqual([]);
    expect(await page.getByTestId('display-sound-unlock').count()).toBe(0);
  });

  test('a display opened without clips (no voice= in its address) stays silent and asks for none', async () => {
    const withoutVoice = new URL(url);
    withoutVoice.searchParams.delete('voice');
    const { watched, page, clipRequests } = await openDisplay(browser, withoutVoice.toString());
    await call(page, calledTicket(41, 1023, 'quay-1', '08:05'));
    await page.getByTestId('display-now').getByText('1023').waitFor();
    expect(clipRequests).toEqual([]);
    expect(await voiceLog(page)).toEqual([]);
    expect(watched.problems).toEqual([]);
  });

  test('where the browser blocks sound, a small button appears; one tap speaks the waiting call and the button goes', { timeout: 30_000 }, async () => {
    const { watched, page } = await openDisplay(browser, url, true);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' && m.text().startsWith('motcua voice')) warnings.push(m.text());
    });
    await call(page, calledTicket(51, 5, 'quay-1', '08:10'));
    const button = page.getByTestId('display-sound-unlock');
    await button.waitFor();
    expect(await button.innerText()).toBe('Bấm để bật âm thanh');
    expect(await voiceLog(page)).toContainEqual(expect.objectContaining({ type: 'finished', result: 'blocked' }));
    await screenshot(page, 'display-sound-blocked');

    await button.click();
    await expect.poll(async () => (await voiceLog(page)).filter((e) => e.type === 'finished' && e.result === 'played').length, { timeout: 15_000 }).toBe(1);
    const played = (await voiceLog(page)).filter((e) => e.type === 'clip-ended').map((e) => e.clip);
    expect(played).toEqual(clipsOf(5, '1'));
    expect(await button.count()).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('--autoplay-policy=no-user-gesture-required');
    expect(watched.problems).toEqual([]);
  });
});
