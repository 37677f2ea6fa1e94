import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub';
import { LAUNCH_REFUSED_TITLE } from '../../main/agent/launch-refusal-page';
import { launchChromium, openPage } from '../support/browser';
import { demoConfig, startHub, tempDir } from '../support/centre';
import { DisplayPage } from './pages/display-page';
import { ARTEFACTS } from './support/e2e-centre';
import { startMotcua, type MotcuaProcess } from './support/motcua-process';

const TV = { width: 1920, height: 1080 };

/**
 * A waiting-room TV is set up as a technician would: `motcua agent --role display` prints a
 * one-time launch address, the TV's browser opens it and ends on the clean page address with a
 * session cookie; reloading keeps working; another browser given the same address is refused;
 * `motcua launch-code` gives a new one. Afterwards the agent's whole output is searched.
 */
describe('launch codes: a display opened in Chromium from the address the agent printed', () => {
  const tmp = tempDir('motcua-e2e-launch-');
  const dataDir = path.join(tmp.dir, 'hub-data');
  const procs: MotcuaProcess[] = [];
  let hub: Hub;
  let browser: Browser;
  let agent: MotcuaProcess;
  let printedUrl: string;

  beforeAll(async () => {
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
    const configFile = path.join(tmp.dir, 'centre.json');
    writeFileSync(configFile, JSON.stringify({ ...demoConfig(), hub: { ...demoConfig().hub, dataDir } }, null, 2));
    agent = startMotcua(['agent', '--role', 'display', '--centre', configFile, '--device', 'display-1', '--hub', hub.url]);
    procs.push(agent);
    printedUrl = (await agent.waitFor(/open (http:\/\/\S+)/))[1]!;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(procs.map((p) => p.stop()));
    await hub?.close();
    tmp.remove();
  });

  it('opens once, leaves no code in the address bar or any request, survives a reload, refuses a second browser; nothing secret is logged', async () => {
    expect(printedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\/[A-Za-z0-9_-]{32}$/);
    expect(printedUrl).not.toContain('token');
    const origin = new URL(printedUrl).origin;
    const code = printedUrl.split('/launch/')[1]!;

    // The TV's browser.
    const tv = await openPage(browser, TV);
    const requests: Request[] = [];
    tv.page.on('request', (r) => requests.push(r));
    const display = new DisplayPage(tv.page);
    await display.open(printedUrl);
    // The code left the address bar: the page's own address, nothing secret in it.
    expect(new URL(tv.page.url()).pathname).toBe('/');
    expect(tv.page.url()).not.toContain(code);
    expect(tv.page.url()).not.toMatch(/launch|token/);
    expect(await tv.page.evaluate(() => ({ cookie: document.cookie, stored: [...Object.keys(localStorage), ...Object.keys(sessionStorage)] }))).toEqual({ cookie: '', stored: [] });
    const cookies = await tv.context.cookies(origin);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ name: `motcua_screen_${new URL(origin).port}`, httpOnly: true, sameSite: 'Strict', path: '/', expires: -1 });
    const session = cookies[0]!.value;

    // Reloading (a TV's browser refreshing) keeps the display: the cookie, not the address, is the key.
    await tv.page.reload();
    await tv.page.locator('[data-counter-id]').first().waitFor();
    expect(await tv.page.getByTestId('status-line').count()).toBe(0);
    // Only the very first navigation carried the code; no request sent a Referer (or the code) anywhere.
    expect(requests.filter((r) => r.url().includes(code)).map((r) => r.url())).toEqual([printedUrl]);
    expect(requests.length).toBeGreaterThan(3);
    const referers = await Promise.all(requests.map(async (r) => (await r.allHeaders())['referer'] ?? null));
    // Chromium may send an empty Referer with the lazily loaded role chunks: empty carries nothing; any address would.
    expect(referers.filter((h) => h !== null && h !== '')).toEqual([]);
    expect(tv.problems).toEqual([]);

    // Someone else opens the same address (seen over a shoulder, from a log): refused, plainly.
    const other = await openPage(browser, TV);
    const refused = await other.page.goto(printedUrl);
    expect(refused?.status()).toBe(410);
    await other.page.getByRole('heading', { name: LAUNCH_REFUSED_TITLE }).waitFor();
    expect(await other.page.locator('#root').count()).toBe(0);
    expect(await other.context.cookies(origin)).toEqual([]);
    await other.page.screenshot({ path: path.join(ARTEFACTS, 'launch-code-refused.png') });
    // Nor does the clean address alone open anything there.
    await other.page.goto(`${origin}/`);
    await other.page.getByRole('heading', { name: 'Chưa mở đúng địa chỉ màn hình' }).waitFor();

    // The technician gets a new address on the terminal; it opens the display in that browser.
    const launchCode = startMotcua(['launch-code', '--data-dir', path.join(dataDir, 'terminals', 'display-1')]);
    procs.push(launchCode);
    const fresh = (await launchCode.waitFor(/^(http:\/\/\S+)\n/m))[1]!;
    expect(fresh).toMatch(new RegExp(`^${origin}/launch/[A-Za-z0-9_-]{32}$`));
    const freshCode = fresh.split('/launch/')[1]!;
    await new DisplayPage(other.page).open(fresh);
    expect(other.page.url()).not.toContain(freshCode);
    const otherSession = (await other.context.cookies(origin))[0]!.value;
    expect(otherSession).not.toBe(session);

    // The agent's whole output: the address it printed at start, once, and no other secret.
    await agent.stop();
    await launchCode.stop();
    expect(agent.output.split(code).length - 1).toBe(1);
    expect(agent.output).toMatch(new RegExp(`open ${printedUrl}\\n`));
    for (const secret of [freshCode, session, otherSession]) expect(agent.output).not.toContain(secret);
    // `motcua launch-code` prints the address and nothing else (a start script takes it whole).
    expect(launchCode.output).toBe(`${fresh}\n`);
    await tv.context.close();
    await other.context.close();
  }, 180_000);
});
