import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  // The UI language, as the terminals set it (main/electron/main.ts, --lang): a date field reads dd/mm/yyyy, not the
  // US order. Chromium on Linux takes it from LANGUAGE (--lang is ignored there) and needs Debian's chromium-l10n.
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, env: { ...process.env, LANGUAGE: 'vi' } });
}

export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors (a CSP violation shows up here). */
  readonly problems: string[];
}

/** A fresh browser context and page that records every console error and uncaught exception. */
export async function openPage(browser: Browser, viewport: { width: number; height: number }, hasTouch = false): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, hasTouch, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  // Well under the test's own timeout, so a stuck wait names the step that stuck.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.location().url ? `${m.text()} [${m.location().url}]` : m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

/** Waits until the bundled font has really loaded, so screenshots never show a fallback face. */
export async function fontsReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  const loaded = await page.evaluate(() =>
    [...document.fonts].some((f) => f.family.replaceAll('"', '') === 'Be Vietnam Pro' && f.status === 'loaded'),
  );
  if (!loaded) throw new Error('Be Vietnam Pro did not load');
}
