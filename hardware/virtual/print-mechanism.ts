import type { DecodedJob } from './decoded-job';
import type { EscPosDecoder } from './escpos-decoder';
import { paperStatusByte, realTimeStatusByte, stopsPrinting } from './printer-state';
import type { VirtualPrinterState } from './printer-state';
import type { ScannedPiece } from './real-time-scanner';

/**
 * The virtual printer's receive buffer and mechanism. Like a real one it
 * answers DLE EOT the moment the request arrives, whatever its state; it
 * prints (decodes) data in order while it is able to; and when it is stopped
 * — offline, out of paper, cover open — data waits in the buffer, GS r goes
 * unanswered, and no job comes out until the fault clears (or DLE DC4 8
 * clears the buffer).
 */

/** One host connection: its own decoder (a job does not continue across connections) and a way to answer. */
export interface HostConnection {
  readonly id: number;
  readonly decoder: EscPosDecoder;
  reply(bytes: readonly number[]): void;
}

type Queued =
  | { readonly host: HostConnection; readonly kind: 'data'; readonly bytes: Buffer }
  | { readonly host: HostConnection; readonly kind: 'paper-status'; readonly n: number }
  /** The host hung up: what was printed after the last cut still comes out, uncut. */
  | { readonly host: HostConnection; readonly kind: 'end' };

export class PrintMechanism {
  private currentState: VirtualPrinterState = 'ok';
  private readonly buffer: Queued[] = [];
  private armed: { readonly state: VirtualPrinterState; bytesLeft: number } | undefined;

  constructor(private readonly onJob: (job: DecodedJob, connection: number) => void) {}

  get state(): VirtualPrinterState {
    return this.currentState;
  }

  /** Bytes waiting for the printer to be able to print. */
  get bufferedBytes(): number {
    return this.buffer.reduce((sum, q) => sum + (q.kind === 'data' ? q.bytes.length : 0), 0);
  }

  setState(state: VirtualPrinterState): void {
    this.currentState = state;
    this.drain();
  }

  /** The fault strikes after this many more bytes reach the buffer — paper running out in the middle of a job. */
  armFault(state: VirtualPrinterState, afterBytes: number): void {
    this.armed = { state, bytesLeft: Math.max(0, Math.floor(afterBytes)) };
  }

  receive(host: HostConnection, pieces: readonly ScannedPiece[]): void {
    for (const piece of pieces) {
      switch (piece.kind) {
        case 'real-time-status': {
          const byte = realTimeStatusByte(this.currentState, piece.n);
          if (byte !== undefined) host.reply([byte]);
          break;
        }
        case 'clear-buffers':
          // What has not printed yet never will; hang-ups stay queued so their decoders still end.
          this.buffer.splice(0, this.buffer.length, ...this.buffer.filter((q) => q.kind === 'end'));
          break;
        case 'paper-status':
          this.enqueue({ host, kind: 'paper-status', n: piece.n });
          break;
        case 'data':
          this.receiveData(host, piece.bytes);
          break;
      }
    }
  }

  hangUp(host: HostConnection): void {
    this.enqueue({ host, kind: 'end' });
  }

  private receiveData(host: HostConnection, bytes: Buffer): void {
    const armed = this.armed;
    if (armed === undefined || bytes.length <= armed.bytesLeft) {
      if (armed !== undefined) armed.bytesLeft -= bytes.length;
      this.enqueue({ host, kind: 'data', bytes });
      return;
    }
    // Print up to the fault, then stop with the rest in the buffer.
    this.enqueue({ host, kind: 'data', bytes: bytes.subarray(0, armed.bytesLeft) });
    this.armed = undefined;
    this.setState(armed.state);
    this.enqueue({ host, kind: 'data', bytes: bytes.subarray(armed.bytesLeft) });
  }

  private enqueue(item: Queued): void {
    if (item.kind === 'data' && item.bytes.length === 0) return;
    this.buffer.push(item);
    this.drain();
  }

  private drain(): void {
    while (!stopsPrinting(this.currentState)) {
      const item = this.buffer.shift();
      if (item === undefined) return;
      this.print(item);
    }
  }

  private print(item: Queued): void {
    switch (item.kind) {
      case 'data':
        for (const job of item.host.decoder.push(item.bytes)) this.onJob(job, item.host.id);
        return;
      case 'paper-status':
        // GS r 1 / 49: paper sensors. Drawer (2 / 50) and ink (4 / 52) answers are not modelled: a receipt printer has neither here.
        if (item.n === 1 || item.n === 49) item.host.reply([paperStatusByte(this.currentState)]);
        return;
      case 'end': {
        const rest = item.host.decoder.end();
        if (rest !== undefined) this.onJob(rest, item.host.id);
        return;
      }
    }
  }
}
