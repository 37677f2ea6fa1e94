import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hub } from '../hub/hub';
import { launchChromium } from '../tests/support/browser';
import { commandId, connectDevice, demoConfig, tempDir, tokenOf } from '../tests/support/centre';
import { summarize } from './stats';

/**
 * The phone page's first paint on a weak phone: Chromium with the CPU slowed 4× and DevTools'
 * "Slow 4G" network (562.5 ms latency, 1.4 Mbit/s down, 675 kbit/s up), each load in a fresh
 * context (nothing cached), BENCH_PAINT_LOADS times (default 5). Figures: first contentful paint,
 * and the moment the ticket's number is on screen (after the live stream's first message).
 * Needs the build (`npm run build`: dist/phone).
 */
export async function runPhonePaintBench() {
  const loads = Number(process.env['BENCH_PAINT_LOADS'] ?? 5);
  const tmp = tempDir('motcua-bench-paint-');
  const config = demoConfig();
  const hub = new Hub({ config: { ...config, hub: { ...config.hub, publicBaseUrl: 'https://motcua.example.gov.vn' } }, dbFile: path.join(tmp.dir, 'hub.sqlite'), host: '127.0.0.1', port: 0, tls: false });
  await hub.start();
  const browser = await launchChromium();
  try {
    const kiosk = (await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket;
    const issued = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' });
    kiosk.close();
    if (!issued.ok || !issued.value.trackingUrl) throw new Error('no ticket link');
    const url = `${hub.url}${new URL(issued.value.trackingUrl).pathname}`;
    const fcp: number[] = [];
    const numberShown: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.4 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      let received = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (received += e.encodedDataLength));
      await page.goto(url);
      await page.getByTestId('phone-number').waitFor({ timeout: 30_000 });
      const t = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        shown: performance.now(),
      }));
      fcp.push(t.fcp);
      numberShown.push(t.shown);
      bytes.push(received);
      await context.close();
    }
    return {
      note: 'Chromium (Debian) headless, CPU 4× slower, Slow 4G (562.5 ms, 1.4 Mbit/s); hub on loopback; a cold context per load. numberShownMs is measured when the test sees the number, an upper bound.',
      loads,
      firstContentfulPaintMs: summarize(fcp),
      numberShownMs: summarize(numberShown),
      bytesFinished: summarize(bytes),
    };
  } finally {
    await browser.close();
    await hub.close();
    tmp.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runPhonePaintBench(), null, 2));
