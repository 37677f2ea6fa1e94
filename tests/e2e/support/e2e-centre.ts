import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startCentre, type CentreRuntime, type CentreRuntimeOptions } from '../../../bin/cli/centre-runtime';
import { launchChromium } from '../../support/browser';
import { demoConfig, tempDir } from '../../support/centre';
import { setPrinterFault, startPartitionProxy, type PartitionProxy } from '../../support/faults';
import type { VirtualPrinterState } from '../../../hardware/virtual/virtual-printer';
import type { CentreConfig } from '../../../kiosk-config/schema';

/** Where the end-to-end suites keep their screenshots and printed tickets. */
export const ARTEFACTS = path.resolve('test-results/e2e');

/**
 * A whole demo centre (hub, virtual printer, kiosk/counter/display/admin agents) and a Chromium for
 * one suite, on free loopback ports in a temp dir. `startAt` runs the centre's clock from that
 * instant, moving on with real time. Hooks a suite registers after this one run inside it (vitest
 * runs after-hooks in reverse), so extra agents close before the centre does.
 */
export function useE2eCentre(
  prefix: string,
  options: { readonly startAt?: number; readonly counterDevices?: CentreRuntimeOptions['counterDevices']; readonly configure?: (config: CentreConfig) => CentreConfig } = {},
) {
  let tmp: ReturnType<typeof tempDir> | null = null;
  let centre: CentreRuntime | null = null;
  let browser: Browser | null = null;
  const proxies: PartitionProxy[] = [];

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    tmp = tempDir(prefix);
    const realStart = Date.now();
    const { startAt } = options;
    const clock = startAt === undefined ? undefined : () => new Date(startAt + (Date.now() - realStart));
    centre = await startCentre({ config: options.configure ? options.configure(demoConfig()) : demoConfig(), dataDir: tmp.dir, preferConfiguredPorts: false, clock, counterDevices: options.counterDevices });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const p of proxies.splice(0)) await p.close();
    await browser?.close();
    await centre?.close();
    tmp?.remove();
  });

  const must = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`no ${what} outside the suite`);
    return value;
  };
  return {
    get centre(): CentreRuntime {
      return must(centre, 'centre');
    },
    get browser(): Browser {
      return must(browser, 'browser');
    },
    get dir(): string {
      return must(tmp, 'temp dir').dir;
    },
    /** Faults (tests/support/faults.ts): the centre's virtual printer into a state (paper-out, cover-open, offline, ok…). */
    printerFault(state: VirtualPrinterState): Promise<void> {
      return setPrinterFault(must(centre, 'centre').printer, state);
    },
    /**
     * A partition proxy in front of the centre's hub, closed after the suite: start an extra agent
     * (bin/cli/centre-runtime startAgent) with `hubUrl: proxy.url` to cut that one device off.
     * For kill -9 of the hub itself use startHubProcess (the centre's hub runs in this process).
     */
    async partitionProxy(): Promise<PartitionProxy> {
      const proxy = await startPartitionProxy({ host: '127.0.0.1', port: Number(new URL(must(centre, 'centre').hub.url).port) });
      proxies.push(proxy);
      return proxy;
    },
  };
}
