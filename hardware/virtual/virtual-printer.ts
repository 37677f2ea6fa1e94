import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { DecodedJob } from './decoded-job';
import { EscPosDecoder } from './escpos-decoder';
import { renderJobToPng } from './job-renderer';
import { jobToText } from './job-text';

/**
 * A network receipt printer that exists only in software: it listens on a TCP
 * port like a real one (raw port 9100 protocol: connect, send ESC/POS, close),
 * decodes what it receives and leaves each job in a folder as text, PNG and
 * JSON. Tests and demos print to it exactly as they would to the real thing.
 */

export interface VirtualPrinterOptions {
  /** Loopback by default: a test printer is never reachable from the network. */
  readonly host?: string;
  /** 0 (default) picks a free port; start() reports it. */
  readonly port?: number;
  readonly outDir: string;
  readonly paperWidth?: 80 | 58;
  /** Extra `ESC t` numbers → iconv encodings, for profiles that put Windows-1258 elsewhere. */
  readonly codePages?: Readonly<Record<number, string>>;
}

export interface VirtualPrintJob extends DecodedJob {
  /** 1, 2, 3 … across all connections, in the order jobs completed. */
  readonly number: number;
  /** Which accepted connection (1, 2, 3 …) carried the job. */
  readonly connection: number;
  readonly receivedAt: string;
  readonly files: { readonly txt: string; readonly png: string; readonly json: string };
}

export type VirtualPrinterEvents = { job: [VirtualPrintJob] };

export class VirtualPrinter {
  private readonly options: Readonly<Required<Omit<VirtualPrinterOptions, 'codePages'>>> & Pick<VirtualPrinterOptions, 'codePages'>;
  private readonly events = new EventEmitter<VirtualPrinterEvents>();
  private readonly received: VirtualPrintJob[] = [];
  private readonly delivered = new Set<number>();
  private readonly sockets = new Set<net.Socket>();
  private readonly socketsClosed = new Set<Promise<void>>();
  private server: net.Server | undefined;
  private started = false;
  private closing: Promise<void> | undefined;
  private nextJobNumber = 1;
  private nextConnection = 1;
  /** Jobs are written one after another so files and events come in job order. */
  private writing: Promise<void> = Promise.resolve();

  constructor(options: VirtualPrinterOptions) {
    this.options = {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      outDir: options.outDir,
      paperWidth: options.paperWidth ?? 80,
      codePages: options.codePages,
    };
  }

  /** Every job received so far, files written. */
  get jobs(): readonly VirtualPrintJob[] {
    return this.received;
  }

  /** The tcp:// address to put in a printer profile (after start). */
  get interfaceUri(): string {
    const address = this.server?.address();
    if (address === null || address === undefined || typeof address === 'string') throw new Error('VirtualPrinter is not listening');
    return `tcp://${this.options.host}:${address.port}`;
  }

  async start(): Promise<{ port: number }> {
    if (this.started) throw new Error('VirtualPrinter already started');
    this.started = true;
    await mkdir(this.options.outDir, { recursive: true });
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('VirtualPrinter: unexpected server address');
    return { port: address.port };
  }

  /** Stops listening, drops open connections (their unfinished data still becomes a job) and waits for every file. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  on(event: 'job', listener: (job: VirtualPrintJob) => void): this {
    this.events.on(event, listener);
    return this;
  }

  off(event: 'job', listener: (job: VirtualPrintJob) => void): this {
    this.events.off(event, listener);
    return this;
  }

  /**
   * The first job matching `predicate` that no earlier waitForJob returned —
   * already received or still to come, so a test cannot miss a job that beat it.
   */
  waitForJob(predicate: (job: VirtualPrintJob) => boolean = () => true, timeoutMs = 5000): Promise<VirtualPrintJob> {
    const claim = (job: VirtualPrintJob): boolean => {
      if (this.delivered.has(job.number) || !predicate(job)) return false;
      this.delivered.add(job.number);
      return true;
    };
    const existing = this.received.find(claim);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onJob = (job: VirtualPrintJob): void => {
        if (!claim(job)) return;
        clearTimeout(timer);
        this.events.off('job', onJob);
        resolve(job);
      };
      const timer = setTimeout(() => {
        this.events.off('job', onJob);
        reject(new Error(`VirtualPrinter: no matching job within ${timeoutMs} ms (${this.received.length} received)`));
      }, timeoutMs);
      this.events.on('job', onJob);
    });
  }

  private accept(socket: net.Socket): void {
    const connection = this.nextConnection++;
    const decoder = new EscPosDecoder({ codePages: this.options.codePages });
    let ended = false;
    const finishStream = (): void => {
      if (ended) return;
      ended = true;
      const rest = decoder.end();
      if (rest !== undefined) this.record(rest, connection);
    };
    this.sockets.add(socket);
    this.socketsClosed.add(
      new Promise((resolve) => {
        socket.once('close', () => {
          finishStream();
          this.sockets.delete(socket);
          resolve();
        });
      }),
    );
    socket.on('data', (chunk: Buffer) => {
      for (const job of decoder.push(chunk)) this.record(job, connection);
    });
    // The sender's end-of-stream: decode the rest first, then our side closes too (allowHalfOpen is off),
    // which is the sender's sign that every byte was read.
    socket.once('end', finishStream);
    // A sender that resets mid-job: 'close' follows, and what arrived is still recorded.
    socket.on('error', () => undefined);
  }

  private record(job: DecodedJob, connection: number): void {
    const number = this.nextJobNumber++;
    const receivedAt = new Date().toISOString();
    // A throwing 'job' listener is the listener's bug; it must not stop later jobs from being written.
    this.writing = this.writing.then(() => this.writeJob(job, number, connection, receivedAt)).catch(() => undefined);
  }

  private async writeJob(job: DecodedJob, number: number, connection: number, receivedAt: string): Promise<void> {
    const base = path.join(this.options.outDir, `job-${String(number).padStart(4, '0')}`);
    const files = { txt: `${base}.txt`, png: `${base}.png`, json: `${base}.json` };
    const warnings = [...job.warnings];
    const printed: VirtualPrintJob = { ...job, warnings, number, connection, receivedAt, files };
    try {
      const { files: _files, ...serialisable } = printed;
      await writeFile(files.txt, jobToText(job), 'utf8');
      await writeFile(files.json, `${JSON.stringify(serialisable, null, 2)}\n`, 'utf8');
      await writeFile(files.png, await renderJobToPng(job, { paperWidth: this.options.paperWidth }));
    } catch (error) {
      // A full disk must not take the printer down; the job is still reported.
      warnings.push(`could not write job files: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.received.push(printed);
    this.events.emit('job', printed);
  }

  private async shutDown(): Promise<void> {
    const server = this.server;
    if (server !== undefined) {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of this.sockets) socket.destroy();
      await stopped;
    }
    await Promise.all(this.socketsClosed);
    await this.writing;
  }
}
