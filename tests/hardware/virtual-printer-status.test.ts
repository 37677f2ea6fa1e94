import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearBuffers, rasterImage, realTimeStatusRequest, transmitPaperStatus } from '../../hardware/printer/escpos-commands';
import { encodeWindows1258 } from '../../hardware/printer/vietnamese-text';
import { startControlServer } from '../../hardware/virtual/control-server';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import type { VirtualPrinterState } from '../../hardware/virtual/virtual-printer';
import { tempDir } from './fixtures';

/**
 * The virtual printer answers as Epson's ESC/POS reference says a printer
 * does. Expected bytes are written out from the reference, not computed by
 * the code under test.
 */

/** A host connection that collects what the printer sends back and can wait for the n-th byte. */
async function connect(port: number): Promise<{ socket: net.Socket; nextBytes(n: number): Promise<number[]>; close(): Promise<void> }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.setNoDelay(true);
  const received: number[] = [];
  let waiting: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    received.push(...chunk);
    waiting?.();
  });
  return {
    socket,
    nextBytes: (n) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (received.length < n) return;
          waiting = undefined;
          resolve(received.splice(0, n));
        };
        waiting = check;
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
      }),
  };
}

const ticketBytes = Buffer.concat([Buffer.from([0x1b, 0x40, 0x1b, 0x74, 52]), encodeWindows1258('Số 1023'), Buffer.from([0x0a, 0x1d, 0x56, 0x00])]);

describe('the virtual printer’s status answers', () => {
  let printer: VirtualPrinter;
  let port: number;

  beforeEach(async () => {
    printer = new VirtualPrinter({ outDir: await tempDir('status') });
    ({ port } = await printer.start());
  });
  afterEach(() => printer.close());

  // DLE EOT 1, 2, 3, 4 and GS r 1 for each state (Epson ESC/POS reference).
  const expected: Record<VirtualPrinterState, { eot: [number, number, number, number]; gsr: number | null }> = {
    ok: { eot: [0x12, 0x12, 0x12, 0x12], gsr: 0x00 },
    'paper-near-end': { eot: [0x12, 0x12, 0x12, 0x1e], gsr: 0x03 },
    offline: { eot: [0x1a, 0x52, 0x52, 0x12], gsr: null },
    'paper-out': { eot: [0x1a, 0x32, 0x12, 0x7e], gsr: null },
    'cover-open': { eot: [0x1a, 0x16, 0x12, 0x12], gsr: null },
  };

  it.each(Object.entries(expected))('%s: DLE EOT 1–4 answer %j, at once', async (state, answers) => {
    printer.setState(state as VirtualPrinterState);
    const host = await connect(port);
    for (const n of [1, 2, 3, 4] as const) host.socket.write(realTimeStatusRequest(n));
    expect(await host.nextBytes(4)).toEqual(answers.eot);
    await host.close();
  });

  it.each(Object.entries(expected))('%s: a job and GS r 1 — printed and answered only when the printer can print', async (state, answers) => {
    printer.setState(state as VirtualPrinterState);
    const host = await connect(port);
    host.socket.write(Buffer.concat([ticketBytes, transmitPaperStatus(), realTimeStatusRequest(1)]));
    if (answers.gsr === null) {
      // Stopped: only the real-time answer comes; the job waits in the buffer.
      expect(await host.nextBytes(1)).toEqual([0x1a]);
      expect(printer.bufferedBytes).toBe(ticketBytes.length);
      expect(printer.jobs).toEqual([]);
      printer.setState('ok');
      expect(await host.nextBytes(1)).toEqual([0x00]);
    } else {
      expect(await host.nextBytes(2)).toEqual([answers.gsr, 0x12]);
    }
    const job = await printer.waitForJob();
    expect(job).toMatchObject({ cut: true, items: [{ kind: 'text', text: 'Số 1023' }] });
    await host.close();
  });

  it('DLE DC4 8 throws away what waits in the buffer: nothing prints when the fault clears', async () => {
    printer.setState('cover-open');
    const host = await connect(port);
    host.socket.write(Buffer.concat([ticketBytes, clearBuffers(), realTimeStatusRequest(1)]));
    expect(await host.nextBytes(1)).toEqual([0x1a]);
    expect(printer.bufferedBytes).toBe(0);
    printer.setState('ok');
    await host.close();
    await printer.settled();
    expect(printer.jobs).toEqual([]);
  });

  it('a fault armed mid-job stops printing there; the rest waits', async () => {
    printer.armFault('paper-out', 6);
    const host = await connect(port);
    host.socket.write(Buffer.concat([ticketBytes, realTimeStatusRequest(4)]));
    expect(await host.nextBytes(1)).toEqual([0x7e]);
    expect(printer.state).toBe('paper-out');
    expect(printer.bufferedBytes).toBe(ticketBytes.length - 6);
    printer.setState('ok');
    expect((await printer.waitForJob()).cut).toBe(true);
    await host.close();
  });

  it('does not take bytes inside a picture for a status request', async () => {
    // A raster row that happens to contain DLE EOT 1: the printer must print it, not answer it.
    const picture = rasterImage(Buffer.from([0x10, 0x04, 0x01, 0xff]), 4, 1);
    const host = await connect(port);
    host.socket.write(Buffer.concat([picture, realTimeStatusRequest(2)]));
    expect(await host.nextBytes(1)).toEqual([0x12]);
    await host.close();
    const job = await printer.waitForJob();
    expect(job.items).toMatchObject([{ kind: 'image', width: 32, height: 1 }]);
  });

  it('can be switched from outside through its control API', async () => {
    const control = await startControlServer(printer);
    try {
      const base = `http://127.0.0.1:${control.port}/state`;
      expect(await (await fetch(base, { method: 'PUT', body: 'paper-out' })).json()).toMatchObject({ state: 'paper-out' });
      expect(printer.state).toBe('paper-out');
      expect((await fetch(base, { method: 'PUT', body: 'on-fire' })).status).toBe(400);
      expect(await (await fetch(base)).json()).toMatchObject({ state: 'paper-out', jobs: 0 });
    } finally {
      await control.close();
    }
  });
});
