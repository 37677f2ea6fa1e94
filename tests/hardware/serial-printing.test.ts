import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSerialAddress } from '../../hardware/printer/serial-link';
import { createPrinter } from '../../hardware/printer/thermal-printer';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import { tempDir } from './fixtures';
import { decodedPaper, expectedPaper, profileFor, sampleDocument } from './printing-support';

/**
 * Printing over a serial line: the driver opens one end of a socat pty pair,
 * the virtual printer listens on the other, as a printer on a USB-serial cable
 * would. CI installs socat; where it is missing the suite says so and skips.
 */

const socat = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
if (!socat) console.warn('serial-printing: socat is not installed (apt-get install socat) — serial printing tests SKIPPED');

/** Starts `socat pty,link=A pty,link=B` and resolves once both links exist (socat says so on stderr). */
function ptyPair(dir: string): Promise<{ host: string; printer: string; process: ChildProcess }> {
  const host = path.join(dir, 'host');
  const printer = path.join(dir, 'printer');
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${printer}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('starting data transfer loop')) resolve({ host, printer, process: child });
    });
    child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
  });
}

describe.skipIf(!socat)('printing over a serial line (socat pty pair)', () => {
  let pair: Awaited<ReturnType<typeof ptyPair>>;
  let printer: VirtualPrinter;

  beforeAll(async () => {
    const dir = await tempDir('serial');
    pair = await ptyPair(dir);
    printer = new VirtualPrinter({ outDir: path.join(dir, 'printed'), paperWidth: 58 });
    await printer.attachSerial(pair.printer, 9600);
  });
  afterAll(async () => {
    await printer?.close();
    pair?.process.kill();
  });

  it.each(['after-print', 'realtime', 'none'] as const)('a TCVN3 ticket arrives whole and decodes exactly (statusQueries %s)', async (statusQueries) => {
    const profile = profileFor('tcvn3', 58, { interface: `serial:${pair.host}?baud=9600`, statusQueries });
    const printed = await createPrinter(profile).print(sampleDocument('ticket'));
    expect(printed).toMatchObject({ ok: true });
    const job = await printer.waitForJob();
    expect(job.cut).toBe(true);
    expect(decodedPaper(job)).toEqual(expectedPaper(sampleDocument('ticket'), 58));
  });

  it('reports cover-open over serial, and sends nothing', async () => {
    printer.setState('cover-open');
    try {
      const driver = createPrinter(profileFor('cp1258', 58, { interface: `serial:${pair.host}` }));
      expect(await driver.status()).toMatchObject({ ok: false, error: { kind: 'cover-open' } });
      expect(await driver.print(sampleDocument('slip'))).toMatchObject({ ok: false, error: { kind: 'cover-open' } });
      expect(printer.bufferedBytes).toBe(0);
    } finally {
      printer.setState('ok');
    }
  });

  it('a port that does not exist is printer-offline, naming it', async () => {
    const printed = await createPrinter(profileFor('cp1258', 58, { interface: 'serial:/dev/motcua-no-such-port' })).print(sampleDocument('ticket'));
    expect(printed).toMatchObject({ ok: false, error: { kind: 'printer-offline' } });
    if (!printed.ok) expect(printed.error.message).toContain('/dev/motcua-no-such-port');
  });
});

describe('serial printer addresses', () => {
  it('reads path, baud (default 9600) and flow control', () => {
    expect(parseSerialAddress('serial:/dev/ttyUSB0')).toEqual({ ok: true, value: { path: '/dev/ttyUSB0', baudRate: 9600, rtscts: false } });
    expect(parseSerialAddress('serial:/dev/ttyS1?baud=115200&flow=rtscts')).toEqual({ ok: true, value: { path: '/dev/ttyS1', baudRate: 115200, rtscts: true } });
  });

  it.each(['serial:ttyUSB0', 'serial:/dev/ttyUSB0?baud=9601', 'serial:/dev/ttyUSB0?parity=odd', 'serial:/dev/ttyUSB0?flow=xon'])('refuses %s', (uri) => {
    expect(parseSerialAddress(uri)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});
