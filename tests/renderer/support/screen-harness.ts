import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from '../../support/browser';
import type { FakeBridgeSetup } from './fake-bridge';
import { ensureRendererBuild } from './renderer-build';
import { RendererPage } from './screens';
import { serveStatic, type RunningServer } from './static-server';

/**
 * The screen tests' common frame: the renderer build served on loopback and one Chromium for the
 * file; `open` shows a screen over the fake bridge. Every page opened must run clean — no CSP
 * violation, no console error, no exception — which is checked after each test.
 */
export function useScreenHarness() {
  let browser: Browser | null = null;
  let server: RunningServer | null = null;
  const opened: RendererPage[] = [];

  beforeAll(async () => {
    server = await serveStatic(await ensureRendererBuild());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    for (const page of opened.splice(0)) {
      expect(page.problems()).toEqual([]);
      await page.close();
    }
  });

  return {
    async open(setup: FakeBridgeSetup, viewport: { width: number; height: number }, touch = false): Promise<RendererPage> {
      if (!browser || !server) throw new Error('useScreenHarness: open() outside a test');
      const page = await RendererPage.open(browser, server.origin, setup, viewport, touch);
      opened.push(page);
      return page;
    },
  };
}
