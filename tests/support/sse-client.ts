import { request, type IncomingHttpHeaders } from 'node:http';

export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/** A GET over plain HTTP from a chosen loopback source address (127.0.0.x: a different "citizen"). */
export function httpGet(url: string, localAddress = '127.0.0.1', headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', localAddress, agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A Server-Sent Events reader speaking the wire format (event:/data: lines, blank line ends an
 * event, ':' lines are comments), for the hub's phone streams. Not EventSource: the test sees the
 * status, the headers, the comments (heartbeats) and the end of the stream.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  private waiters: (() => void)[] = [];
  private buffer = '';
  ended = false;
  private destroy: () => void = () => undefined;

  private constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    readonly body: string,
  ) {}

  static open(url: string, localAddress = '127.0.0.1'): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', localAddress, agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
        const streaming = res.statusCode === 200 && String(res.headers['content-type']).startsWith('text/event-stream');
        if (!streaming) {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const c = new SseClient(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString('utf8'));
            c.ended = true;
            resolve(c);
          });
          return;
        }
        const client = new SseClient(200, res.headers, '');
        client.destroy = () => req.destroy();
        res.setEncoding('utf8');
        res.on('data', (text: string) => client.feed(text));
        res.on('close', () => {
          client.ended = true;
          client.wake();
        });
        resolve(client);
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** The first event (from the start of the stream) matching, waiting for it if needed. */
  async next(match: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended without the event; got ${JSON.stringify(this.events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The latest `ticket` event's data, parsed. */
  async ticket<T = Record<string, unknown>>(match: (v: T) => boolean, timeoutMs?: number): Promise<T> {
    const e = await this.next((x) => x.event === 'ticket' && match(JSON.parse(x.data) as T), timeoutMs);
    return JSON.parse(e.data) as T;
  }

  async untilEnded(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('stream still open');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.destroy();
  }

  private feed(text: string): void {
    this.buffer += text;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      let event = 'message';
      const data: string[] = [];
      let any = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments.push(line.slice(1).trim());
        } else if (line.startsWith('event:')) {
          event = line.slice(6).trim();
          any = true;
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).trimStart());
          any = true;
        }
      }
      if (any) this.events.push({ event, data: data.join('\n') });
    }
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
