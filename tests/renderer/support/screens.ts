import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { BridgeEventBody, BridgeEventName, TerminalContext } from '../../../core/protocol/bridge';
import { fontsReady, openPage, type WatchedPage } from '../../support/browser';
import type { FakeBridgeSetup, FakeCall, FakeControl } from './fake-bridge';
import { addFakeBridge } from './page-fakes';
import { SCREENS_DIR } from './renderer-build';

export const KIOSK_LANDSCAPE = { width: 1920, height: 1080 };
export const KIOSK_PORTRAIT = { width: 1080, height: 1920 };
export const COUNTER_DESKTOP = { width: 1366, height: 768 };
export const TV = { width: 1920, height: 1080 };

/** A page of the renderer running over the scripted in-page bridge (the Electron transport path). */
export class RendererPage {
  private constructor(
    private readonly watched: WatchedPage,
    readonly page: Page,
  ) {}

  static async open(browser: Browser, origin: string, setup: FakeBridgeSetup, viewport: { width: number; height: number }, touch = false): Promise<RendererPage> {
    const watched = await openPage(browser, viewport, touch);
    await addFakeBridge(watched.page, setup);
    // The page's clock stands still at this instant (timers still run): hours-dependent screens.
    if (setup.clockAt !== undefined) await watched.page.clock.setFixedTime(new Date(setup.clockAt));
    await watched.page.goto(`${origin}/`);
    return new RendererPage(watched, watched.page);
  }

  /** Everything the bridge was asked, in order (context reads left out). */
  async commands(): Promise<FakeCall[]> {
    const calls = await this.page.evaluate(() => (window as unknown as { __fake: FakeControl }).__fake.calls);
    return calls.filter((c) => c.name !== 'context:get');
  }

  async push(change: (context: TerminalContext) => TerminalContext): Promise<void> {
    const current = await this.page.evaluate(() => (window as unknown as { __fake: FakeControl }).__fake.context());
    const next = change(current);
    await this.page.evaluate((c) => (window as unknown as { __fake: FakeControl }).__fake.push(c), next);
  }

  /** A bridge event, as the terminal sends one (numbered by the fake). */
  async emit<E extends BridgeEventName>(name: E, body: BridgeEventBody<E>): Promise<void> {
    await this.page.evaluate(([n, b]) => (window as unknown as { __fake: FakeControl }).__fake.emit(n, b as never), [name, body] as const);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENS_DIR, { recursive: true });
    await fontsReady(this.page);
    const file = path.join(SCREENS_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems(): readonly string[] {
    return this.watched.problems;
  }

  close(): Promise<void> {
    return this.watched.context.close();
  }
}
