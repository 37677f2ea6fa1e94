import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import type { DecodedJob } from './decoded-job';
import { EscPosDecoder } from './escpos-decoder';
import { jobFilePaths, writeJobFiles } from './job-files';
import type { JobFiles } from './job-files';
import { PrintMechanism } from './print-mechanism';
import type { HostConnection } from './print-mechanism';
import type { VirtualPrinterState } from './printer-state';
import { RealTimeScanner } from './real-time-scanner';

export type { VirtualPrinterState } from './printer-state';
export { VIRTUAL_PRINTER_STATES, isVirtualPrinterState } from './printer-state';

/**
 * A receipt printer that exists only in software. It listens on a TCP port
 * like a network printer (raw port 9100: connect, send ESC/POS, close) and can
 * also sit on a serial line (a pty from socat); it answers status requests as
 * a real printer does, can be told to be out of paper, cover open or offline,
 * and leaves each job in a folder as text, PNG and JSON. Tests and demos print
 * to it exactly as they would to the real thing.
 */

export interface VirtualPrinterOptions {
  /** Loopback by default: a test printer is never reachable from the network. */
  readonly host?: string;
  /** 0 (default) picks a free port; start() reports it. */
  readonly port?: number;
  readonly outDir: string;
  readonly paperWidth?: 80 | 58;
  /** `ESC t` numbers → encodings, over the Epson defaults (52 windows1258, 30/31 tcvn3), for clones. */
  readonly codePages?: Readonly<Record<number, string>>;
  readonly initialState?: VirtualPrinterState;
}

export interface VirtualPrintJob extends DecodedJob {
  /** 1, 2, 3 … across all connections, in the order jobs completed. */
  readonly number: number;
  /** Which accepted connection (1, 2, 3 …) carried the job. */
  readonly connection: number;
  readonly receivedAt: string;
  readonly files: JobFiles;
}

export type VirtualPrinterEvents = { job: [VirtualPrintJob] };

export class VirtualPrinter {
  private readonly options: Readonly<Required<Omit<VirtualPrinterOptions, 'codePages' | 'initialState'>>> & Pick<VirtualPrinterOptions, 'codePages'>;
  private readonly events = new EventEmitter<VirtualPrinterEvents>();
  private readonly received: VirtualPrintJob[] = [];
  private readonly delivered = new Set<number>();
  private readonly streams = new Set<Duplex>();
  private readonly streamsClosed = new Set<Promise<void>>();
  private readonly mechanism = new PrintMechanism((job, connection) => this.record(job, connection));
  private server: net.Server | undefined;
  private started = false;
  private closing: Promise<void> | undefined;
  private nextJobNumber = 1;
  private nextConnection = 1;
  private dropAfterBytes: number | undefined;
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
    if (options.initialState !== undefined) this.mechanism.setState(options.initialState);
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

  get state(): VirtualPrinterState {
    return this.mechanism.state;
  }

  /** Bytes received but not printed, because printing is stopped. */
  get bufferedBytes(): number {
    return this.mechanism.bufferedBytes;
  }

  /** Puts the printer in a state; back to `ok` or `paper-near-end`, what waited in the buffer prints, as on a real printer. */
  setState(state: VirtualPrinterState): void {
    this.mechanism.setState(state);
  }

  /** The state changes after this many more bytes arrive: a roll running out, a cover lifted mid-job. */
  armFault(state: VirtualPrinterState, afterBytes: number): void {
    this.mechanism.armFault(state, afterBytes);
  }

  /** The next TCP connection is reset after this many bytes: a printer switched off or a cable pulled mid-job. */
  dropNextConnectionAfter(bytes: number): void {
    this.dropAfterBytes = Math.max(0, Math.floor(bytes));
  }

  async start(): Promise<{ port: number }> {
    if (this.started) throw new Error('VirtualPrinter already started');
    this.started = true;
    await mkdir(this.options.outDir, { recursive: true });
    const server = net.createServer((socket) => {
      // Status answers are single bytes the host is waiting for: no Nagle delay, as on a printer's own network card.
      socket.setNoDelay(true);
      this.accept(socket, this.takeDropAfter());
    });
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

  /** Also listens on a serial line (e.g. one end of a socat pty pair), as a printer on RS-232 or USB-serial. */
  async attachSerial(path: string, baudRate = 9600): Promise<void> {
    await mkdir(this.options.outDir, { recursive: true });
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    this.accept(port, undefined);
  }

  /** Stops listening, drops open connections (their unfinished data still becomes a job if printable) and waits for every file. */
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

  /** Waits until every job recorded so far has its files written and its event emitted. */
  async settled(): Promise<void> {
    await this.writing;
  }

  private takeDropAfter(): number | undefined {
    const bytes = this.dropAfterBytes;
    this.dropAfterBytes = undefined;
    return bytes;
  }

  private accept(stream: Duplex, dropAfter: number | undefined): void {
    const host: HostConnection = {
      id: this.nextConnection++,
      decoder: new EscPosDecoder({ codePages: this.options.codePages }),
      reply: (bytes) => {
        if (!stream.destroyed && stream.writable) stream.write(Buffer.from(bytes));
      },
    };
    const scanner = new RealTimeScanner();
    let bytesLeft = dropAfter;
    let ended = false;
    const hangUp = (): void => {
      if (ended) return;
      ended = true;
      this.mechanism.receive(host, scanner.end());
      this.mechanism.hangUp(host);
    };
    this.streams.add(stream);
    this.streamsClosed.add(
      new Promise((resolve) => {
        stream.once('close', () => {
          hangUp();
          this.streams.delete(stream);
          resolve();
        });
      }),
    );
    stream.on('data', (chunk: Buffer) => {
      if (bytesLeft !== undefined && chunk.length >= bytesLeft) {
        this.mechanism.receive(host, scanner.push(chunk.subarray(0, bytesLeft)));
        bytesLeft = undefined;
        if (stream instanceof net.Socket) stream.resetAndDestroy();
        else stream.destroy();
        return;
      }
      if (bytesLeft !== undefined) bytesLeft -= chunk.length;
      this.mechanism.receive(host, scanner.push(chunk));
    });
    // The sender's end-of-stream: the rest is printed (or waits in the buffer); our side then closes too
    // (allowHalfOpen is off), which is the sender's sign that every byte was read.
    stream.once('end', hangUp);
    // A sender that resets mid-job: 'close' follows, and what arrived is still printed.
    stream.on('error', () => undefined);
  }

  private record(job: DecodedJob, connection: number): void {
    const number = this.nextJobNumber++;
    const receivedAt = new Date().toISOString();
    // A throwing 'job' listener is the listener's bug; it must not stop later jobs from being written.
    this.writing = this.writing.then(() => this.writeJob(job, number, connection, receivedAt)).catch(() => undefined);
  }

  private async writeJob(job: DecodedJob, number: number, connection: number, receivedAt: string): Promise<void> {
    const files = jobFilePaths(this.options.outDir, number);
    const warnings = [...job.warnings];
    const printed: VirtualPrintJob = { ...job, warnings, number, connection, receivedAt, files };
    const { files: _files, ...serialisable } = printed;
    warnings.push(...(await writeJobFiles(job, files, serialisable, this.options.paperWidth)));
    this.received.push(printed);
    this.events.emit('job', printed);
  }

  private async shutDown(): Promise<void> {
    const server = this.server;
    const stopped = server === undefined ? Promise.resolve() : new Promise<void>((resolve) => server.close(() => resolve()));
    for (const stream of this.streams) stream.destroy();
    await stopped;
    await Promise.all(this.streamsClosed);
    await this.writing;
  }
}
