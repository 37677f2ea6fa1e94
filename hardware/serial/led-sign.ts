import { SerialLink, type SerialLinkOptions } from './serial-link';

/**
 * A counter's LED number sign on a serial line (RS-232/RS-485 adapter or USB CDC, 9600 8N1).
 *
 * Protocol (motcua LED sign v1). Every frame is
 *
 *     STX (0x02) · CMD · DATA · ETX (0x03) · CHK
 *
 * where CHK is the XOR of every byte from CMD through ETX inclusive. Commands:
 *
 * | CMD      | DATA                                   | the sign                                  |
 * |----------|----------------------------------------|-------------------------------------------|
 * | 'N' 0x4E | 5 ASCII chars: the number, right-aligned, space-padded ("  1001") | shows the number, steady |
 * | 'B' 0x42 | same 5 chars                           | shows the number blinking (a new call or a recall; the sign stops blinking by itself after a few seconds or on the next frame) |
 * | 'C' 0x43 | none                                   | blank (no ticket at the counter)          |
 *
 * The sign answers nothing; the PC is the only talker, so a frame is simply resent after the
 * sign comes back (replug, power cut). Numbers are 0–99999 (a day's numbers are 4 digits).
 */

export const STX = 0x02;
export const ETX = 0x03;
export const LED_NUMBER_WIDTH = 5;

export type LedFrame = { readonly kind: 'number'; readonly number: number; readonly blink: boolean } | { readonly kind: 'blank' };

export function encodeLedFrame(frame: LedFrame): Buffer {
  let body: Buffer;
  if (frame.kind === 'blank') body = Buffer.from('C', 'ascii');
  else {
    if (!Number.isInteger(frame.number) || frame.number < 0 || frame.number > 99_999) throw new RangeError(`an LED sign shows 0–99999 (got ${frame.number})`);
    body = Buffer.from(`${frame.blink ? 'B' : 'N'}${String(frame.number).padStart(LED_NUMBER_WIDTH, ' ')}`, 'ascii');
  }
  const withEtx = Buffer.concat([body, Buffer.from([ETX])]);
  let chk = 0;
  for (const b of withEtx) chk ^= b;
  return Buffer.concat([Buffer.from([STX]), withEtx, Buffer.from([chk])]);
}

/** Splits a byte stream into frames (the sign's side, and tests); bad checksums and junk are skipped. */
export class LedFrameDecoder {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer): LedFrame[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: LedFrame[] = [];
    for (;;) {
      const start = this.buf.indexOf(STX);
      if (start < 0) {
        this.buf = Buffer.alloc(0);
        return out;
      }
      const end = this.buf.indexOf(ETX, start);
      if (end < 0 || end + 1 >= this.buf.length) {
        this.buf = this.buf.subarray(start);
        return out;
      }
      const body = this.buf.subarray(start + 1, end + 1);
      const chk = this.buf[end + 1];
      this.buf = this.buf.subarray(end + 2);
      let x = 0;
      for (const b of body) x ^= b;
      if (x !== chk) continue;
      const text = body.subarray(0, body.length - 1).toString('ascii');
      if (text === 'C') out.push({ kind: 'blank' });
      else if (/^[NB] {0,4}\d{1,5}$/.test(text) && text.length === 1 + LED_NUMBER_WIDTH) out.push({ kind: 'number', number: Number(text.slice(1)), blink: text[0] === 'B' });
    }
  }
}

/** The part of a ticket the sign follows (core/queue/types Ticket fits). */
export interface SignTicket {
  readonly id: number;
  readonly number: number;
  readonly state: string;
  readonly calledAt: string | null;
  /** How many times it was called again; a recall within the same clock tick still blinks. */
  readonly recalls?: number;
}

export type LedSignOptions = SerialLinkOptions;

/**
 * Keeps a sign in step with a counter's current ticket: `follow(ticket)` on every change of the
 * counter's ticket. Called or serving → its number; a new call or a recall (calledAt changed) →
 * blink; nothing active → blank. The current frame is resent whenever the port (re)opens.
 */
export class LedSign {
  readonly link: SerialLink;
  private current: LedFrame = { kind: 'blank' };
  private lastCall: string | null = null;
  private sending: Promise<unknown> = Promise.resolve();

  constructor(options: LedSignOptions) {
    this.link = new SerialLink(options);
    this.link.on('open', () => void this.send(this.current));
  }

  /** The frame the sign should be showing now. */
  get frame(): LedFrame {
    return this.current;
  }

  start(): Promise<void> {
    return this.link.start();
  }

  close(): Promise<void> {
    return this.link.close();
  }

  follow(ticket: SignTicket | null): void {
    const active = ticket !== null && (ticket.state === 'called' || ticket.state === 'serving');
    if (!active) {
      this.lastCall = null;
      this.show({ kind: 'blank' });
      return;
    }
    const call = `${ticket.id}@${ticket.calledAt ?? ''}#${ticket.recalls ?? 0}`;
    if (call !== this.lastCall) {
      this.lastCall = call;
      this.show({ kind: 'number', number: ticket.number, blink: true }, true);
    } else if (ticket.state === 'serving') {
      // The citizen has arrived: the sign stops blinking.
      this.show({ kind: 'number', number: ticket.number, blink: false });
    }
  }

  /** Sends `frame` unless the sign already shows it (`force`: a blink is resent for a recall). */
  show(frame: LedFrame, force = false): void {
    if (!force && JSON.stringify(frame) === JSON.stringify(this.current)) return;
    this.current = frame;
    void this.send(frame);
  }

  private send(frame: LedFrame): Promise<unknown> {
    // In order, one at a time: a blank must not overtake the number before it.
    this.sending = this.sending.then(() => this.link.write(encodeLedFrame(frame)));
    return this.sending;
  }
}
