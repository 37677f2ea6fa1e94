import { readFile, readdir } from 'node:fs/promises';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeTicket } from '../../hardware/printer/ticket-layout';
import { encodeWindows1258 } from '../../hardware/printer/vietnamese-text';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import type { VirtualPrintJob } from '../../hardware/virtual/virtual-printer';
import { printerProfile, sampleTicket, tempDir } from './fixtures';

const CUT = Buffer.from([0x1d, 0x56, 0x00]);
const line = (text: string): Buffer => Buffer.concat([Buffer.from([0x1b, 0x74, 52]), encodeWindows1258(text), Buffer.from([0x0a])]);

/** Connects, optionally sends, and returns the socket once connected. */
function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends bytes the way a printer driver does: write, end-of-stream, wait for the printer to close. */
async function send(port: number, bytes: Buffer): Promise<void> {
  const socket = await connect(port);
  await new Promise<void>((resolve) => {
    socket.on('data', () => undefined);
    socket.once('close', () => resolve());
    socket.end(bytes);
  });
}

function firstText(job: VirtualPrintJob): string | undefined {
  const item = job.items.find((i) => i.kind === 'text');
  return item?.kind === 'text' ? item.text : undefined;
}

describe('VirtualPrinter', () => {
  let printer: VirtualPrinter;
  let port: number;
  let outDir: string;

  beforeEach(async () => {
    outDir = await tempDir('virtual-printer');
    printer = new VirtualPrinter({ outDir });
    ({ port } = await printer.start());
  });
  afterEach(() => printer.close());

  it('listens on loopback and refuses a second start', async () => {
    expect(printer.interfaceUri).toBe(`tcp://127.0.0.1:${port}`);
    await expect(printer.start()).rejects.toThrow(/already started/);
  });

  it('numbers jobs across connections and within one, writing three files per job', async () => {
    await send(port, Buffer.concat([line('Một'), CUT]));
    await send(port, Buffer.concat([line('Hai'), CUT, line('Ba'), CUT]));
    const jobs = [await printer.waitForJob(), await printer.waitForJob(), await printer.waitForJob()];
    expect(jobs.map((j) => [j.number, j.connection, firstText(j)])).toEqual([
      [1, 1, 'Một'],
      [2, 2, 'Hai'],
      [3, 2, 'Ba'],
    ]);
    const files = (await readdir(outDir)).sort();
    expect(files).toEqual(['job-0001.json', 'job-0001.png', 'job-0001.txt', 'job-0002.json', 'job-0002.png', 'job-0002.txt', 'job-0003.json', 'job-0003.png', 'job-0003.txt']);
    expect(await readFile(jobs[2]?.files.txt ?? '', 'utf8')).toBe('Ba\n[CUT]\n');
  });

  it('keeps concurrent connections apart, each with its own buffer and state', async () => {
    const a = await connect(port);
    const b = await connect(port);
    const jobs: VirtualPrintJob[] = [];
    printer.on('job', (job) => jobs.push(job));
    // Interleave half-lines: if the buffers were shared, the text would mix.
    a.write(Buffer.concat([Buffer.from([0x1b, 0x45, 0x01, 0x1b, 0x74, 52]), encodeWindows1258('Quầy ')]));
    b.write(Buffer.concat([Buffer.from([0x1b, 0x74, 52]), encodeWindows1258('Bàn ')]));
    const closed = (s: net.Socket): Promise<void> => new Promise((resolve) => s.once('close', () => resolve()));
    const done = Promise.all([closed(a), closed(b)]);
    a.on('data', () => undefined);
    b.on('data', () => undefined);
    b.end(Buffer.concat([encodeWindows1258('số 2'), Buffer.from([0x0a]), CUT]));
    a.end(Buffer.concat([encodeWindows1258('số 1'), Buffer.from([0x0a]), CUT]));
    await done;
    const both = [await printer.waitForJob(), await printer.waitForJob()];
    const byText = new Map(both.map((j) => [firstText(j), j]));
    expect([...byText.keys()].sort()).toEqual(['Bàn số 2', 'Quầy số 1']);
    expect(byText.get('Quầy số 1')?.items[0]).toMatchObject({ bold: true });
    expect(byText.get('Bàn số 2')?.items[0]).toMatchObject({ bold: false });
    expect(jobs).toHaveLength(2);
  });

  it('records a connection that closes without a cut as an uncut job', async () => {
    await send(port, line('Giấy còn treo'));
    const job = await printer.waitForJob();
    expect(job).toMatchObject({ cut: false, number: 1 });
    expect(await readFile(job.files.txt, 'utf8')).toContain('[NO CUT');
  });

  it('records what arrived before a sender reset the connection', async () => {
    const socket = await connect(port);
    // One small write arrives as one chunk: once its cut job is out, the printer holds the unfinished line too.
    socket.write(Buffer.concat([line('Phiếu trước'), CUT, line('Bị ngắt giữa chừng')]));
    await printer.waitForJob();
    socket.resetAndDestroy();
    expect(await printer.waitForJob()).toMatchObject({ cut: false, items: [expect.objectContaining({ text: 'Bị ngắt giữa chừng' })] });
  });

  it('hands each job to one waitForJob, matches predicates and times out', async () => {
    await send(port, encodeTicket(sampleTicket({ number: 1001 }), printerProfile()));
    await send(port, encodeTicket(sampleTicket({ number: 1002 }), printerProfile()));
    const second = await printer.waitForJob((j) => j.items.some((i) => i.kind === 'text' && i.text === '1002'));
    expect(second.number).toBe(2);
    expect((await printer.waitForJob()).number).toBe(1);
    await expect(printer.waitForJob(undefined, 50)).rejects.toThrow(/no matching job/);
  });

  it('closes with connections still open and still records their data', async () => {
    const socket = await connect(port);
    socket.on('error', () => undefined);
    socket.write(Buffer.concat([line('Phiếu trước'), CUT, line('Đang in dở')]));
    await printer.waitForJob();
    await printer.close();
    expect(printer.jobs.map((j) => j.cut)).toEqual([true, false]);
    expect(await readFile(printer.jobs[1]?.files.txt ?? '', 'utf8')).toBe('Đang in dở\n[NO CUT: stream ended before a cut]\n');
  });
});
