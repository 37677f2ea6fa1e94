import net from 'node:net';

/**
 * A loopback TCP proxy in front of the hub, for ONE device: point that device at `url` and it can
 * be cut off from the hub (a pulled cable, a dead switch port) while every other device keeps its
 * direct link.
 */
export interface PartitionProxy {
  readonly url: string;
  readonly port: number;
  /** Destroys the live connections and refuses new ones (each is accepted and closed at once). */
  cut(): void;
  /** Lets connections through again, and ends any reply-dropping (see dropReplies). */
  heal(): void;
  /**
   * On: client→hub bytes still flow, hub→client bytes are thrown away — the hub acts and answers,
   * the answer never arrives (a lost acknowledgement). Off: the connections that lost bytes are
   * destroyed, since their stream is torn mid-frame, so the device reconnects cleanly.
   */
  dropReplies(on: boolean): void;
  /** Connections accepted so far (a reconnect shows as one more). */
  readonly connections: number;
  close(): Promise<void>;
}

interface Pair {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  /** Hub→client bytes were dropped on this pair: its stream is no longer whole. */
  torn: boolean;
}

export async function startPartitionProxy(target: { readonly host: string; readonly port: number }): Promise<PartitionProxy> {
  const pairs = new Set<Pair>();
  let isCut = false;
  let dropping = false;
  let accepted = 0;

  const destroy = (p: Pair) => {
    p.client.destroy();
    p.upstream.destroy();
    pairs.delete(p);
  };
  const server = net.createServer((client) => {
    accepted += 1;
    if (isCut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair: Pair = { client, upstream, torn: false };
    pairs.add(pair);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (dropping) {
        pair.torn = true;
        return;
      }
      client.write(chunk);
    });
    const end = () => destroy(pair);
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('partition proxy has no port');
  const port = address.port;

  const stopDropping = () => {
    dropping = false;
    for (const p of [...pairs]) if (p.torn) destroy(p);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get connections() {
      return accepted;
    },
    cut() {
      isCut = true;
      for (const p of [...pairs]) destroy(p);
    },
    heal() {
      isCut = false;
      stopDropping();
    },
    dropReplies(on: boolean) {
      if (on) dropping = true;
      else stopDropping();
    },
    async close() {
      isCut = true;
      for (const p of [...pairs]) destroy(p);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
