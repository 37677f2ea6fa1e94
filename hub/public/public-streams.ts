import type { ServerResponse } from 'node:http';
import type { PhoneLimits } from './phone-limits';

export type OpenRefusal = 'streams-per-address' | 'streams-per-token' | 'streams-total';

interface Stream {
  readonly key: string;
  readonly address: string;
  readonly res: ServerResponse;
  /** The last data written per event name: an unchanged view is not sent again. */
  readonly last: Map<string, string>;
}

/**
 * The Server-Sent Events streams of the public pages (the ticket page /t/ and the receipt's status
 * page /hs/): one registry, so one set of limits for both — open streams per address, per token
 * (per ticket or dossier) and in all — one heartbeat, one `retry`. Keys name what a stream follows
 * (`t:<ticket id>`, `hs:<dossier code>`); the feeds decide what to send.
 */
export class PublicStreams {
  private readonly byKey = new Map<string, Set<Stream>>();
  private readonly perAddress = new Map<string, number>();
  private readonly emptied = new Map<string, () => void>();
  private readonly heartbeat: NodeJS.Timeout;
  private openStreams = 0;
  private closed = false;

  constructor(private readonly limits: Pick<PhoneLimits, 'streamsPerAddress' | 'streamsPerToken' | 'streamsTotal' | 'heartbeatMs'>) {
    this.heartbeat = setInterval(() => this.every((s) => s.res.write(': hb\n\n')), limits.heartbeatMs);
    this.heartbeat.unref();
  }

  get count(): number {
    return this.openStreams;
  }

  /**
   * Opens a stream following `key` on `res` (headers written, `retry: 3000`), or says which limit
   * refuses it. `onEmpty` runs once the last stream of `key` has closed.
   */
  open(key: string, address: string, res: ServerResponse, onEmpty?: () => void): OpenRefusal | null {
    if (this.closed || this.openStreams >= this.limits.streamsTotal) return 'streams-total';
    if ((this.perAddress.get(address) ?? 0) >= this.limits.streamsPerAddress) return 'streams-per-address';
    if ((this.byKey.get(key)?.size ?? 0) >= this.limits.streamsPerToken) return 'streams-per-token';
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    const stream: Stream = { key, address, res, last: new Map() };
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(stream);
    if (onEmpty) this.emptied.set(key, onEmpty);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    this.openStreams += 1;
    res.on('close', () => this.drop(stream));
    // Tell the browser how long to wait before reconnecting after a drop.
    res.write('retry: 3000\n\n');
    return null;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  /** `event` with `data` to every stream of `key` whose last `event` differed. */
  send(key: string, event: string, data: string): void {
    for (const s of this.byKey.get(key) ?? []) {
      if (s.last.get(event) === data) continue;
      s.last.set(event, data);
      s.res.write(`event: ${event}\ndata: ${data}\n\n`);
    }
  }

  /** A last event to every stream of `key`, then the end of each. */
  end(key: string, event: string, data: string): void {
    for (const s of [...(this.byKey.get(key) ?? [])]) {
      s.res.write(`event: ${event}\ndata: ${data}\n\n`);
      s.res.end();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.every((s) => s.res.end());
    this.byKey.clear();
    this.perAddress.clear();
    this.emptied.clear();
    this.openStreams = 0;
  }

  private every(fn: (s: Stream) => void): void {
    for (const set of this.byKey.values()) for (const s of set) fn(s);
  }

  private drop(stream: Stream): void {
    const set = this.byKey.get(stream.key);
    if (!set?.delete(stream)) return;
    this.openStreams -= 1;
    if (set.size === 0) {
      this.byKey.delete(stream.key);
      const onEmpty = this.emptied.get(stream.key);
      this.emptied.delete(stream.key);
      onEmpty?.();
    }
    const n = (this.perAddress.get(stream.address) ?? 1) - 1;
    if (n <= 0) this.perAddress.delete(stream.address);
    else this.perAddress.set(stream.address, n);
  }
}
