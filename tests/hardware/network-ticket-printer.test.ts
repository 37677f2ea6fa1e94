import { readFile } from 'node:fs/promises';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeTicket } from '../../hardware/printer/ticket-layout';
import { createTicketPrinter, probePrinter } from '../../hardware/printer/ticket-printer';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import { SAMPLE_QR, printerProfile, sampleTicket, tempDir } from './fixtures';
import { sampleDocument } from './printing-support';

describe('printing a ticket to the virtual network printer', () => {
  let printer: VirtualPrinter;
  let port: number;
  let outDir: string;

  beforeEach(async () => {
    outDir = await tempDir('virtual-printer');
    printer = new VirtualPrinter({ outDir });
    ({ port } = await printer.start());
  });
  afterEach(() => printer.close());

  it('arrives as one cut job with its text, picture and structure on disk', async () => {
    const ticketPrinter = createTicketPrinter(printerProfile({ interface: `tcp://127.0.0.1:${port}` }));
    const result = await ticketPrinter.print(sampleTicket());
    expect(result).toEqual({ ok: true, value: { bytes: encodeTicket(sampleTicket(), printerProfile()).length, status: 'ok' } });
    const job = await printer.waitForJob();
    expect(job).toMatchObject({ number: 1, cut: true, warnings: [] });

    const text = await readFile(job.files.txt, 'utf8');
    expect(text).toContain('SỐ THỨ TỰ\n1023\n');
    expect(text).toContain('Số người chờ trước bạn: 12');
    expect(text).toContain(`[QR: ${SAMPLE_QR}]`);
    expect(text.trimEnd().endsWith('[CUT]')).toBe(true);

    const json = JSON.parse(await readFile(job.files.json, 'utf8')) as { number: number; items: { kind: string; text?: string }[] };
    expect(json.number).toBe(1);
    expect(json.items).toContainEqual(expect.objectContaining({ kind: 'text', text: '1023', width: 4, height: 4 }));

    const png = PNG.sync.read(await readFile(job.files.png));
    expect(png.width).toBe(576);
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr?.data).toBe(SAMPLE_QR);
  });

  it('has every method of TicketPrinter working on the real printer: status, a form, close', async () => {
    const ticketPrinter = createTicketPrinter(printerProfile({ interface: `tcp://127.0.0.1:${port}` }));
    try {
      expect(await ticketPrinter.status()).toEqual({ ok: true, value: 'ok' });
      printer.setState('paper-out');
      expect(await ticketPrinter.status()).toMatchObject({ ok: false, error: { kind: 'paper-out' } });
      printer.setState('ok');
      const slip = await ticketPrinter.printDocument(sampleDocument('slip'));
      expect(slip).toMatchObject({ ok: true, value: { status: 'ok' } });
      expect((await printer.waitForJob()).cut).toBe(true);
    } finally {
      await ticketPrinter.close();
    }
  });

  it('is reachable for a probe', async () => {
    expect(await probePrinter(printerProfile({ interface: `tcp://127.0.0.1:${port}` }))).toEqual({ ok: true, value: undefined });
  });
});

describe('a 58 mm virtual printer', () => {
  it('renders 384 px wide and its QR still scans', async () => {
    const printer = new VirtualPrinter({ outDir: await tempDir('virtual-printer-58'), paperWidth: 58 });
    const { port } = await printer.start();
    try {
      const result = await createTicketPrinter(printerProfile({ interface: `tcp://127.0.0.1:${port}`, paperWidth: 58 })).print(sampleTicket());
      expect(result.ok).toBe(true);
      const job = await printer.waitForJob();
      const png = PNG.sync.read(await readFile(job.files.png));
      expect(png.width).toBe(384);
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(SAMPLE_QR);
    } finally {
      await printer.close();
    }
  });
});
