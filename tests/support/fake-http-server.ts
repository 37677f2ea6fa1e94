import http from 'node:http';

/** One request as a fake partner server saw it: the raw body, so the fake can check it itself. */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string as it is (an HTML error page, broken JSON). */
  readonly body?: unknown;
  /** Hold the answer this long (a slow partner). */
  readonly delayMs?: number;
}

export interface FakeServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A partner's server for tests: node:http on 127.0.0.1 and a free port. The handler sees the
 * request whole and returns the reply; a slow reply is held with a timer that close() cancels.
 */
export async function startFakeServer(handle: (request: FakeRequest) => FakeReply | Promise<FakeReply>): Promise<FakeServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const request: FakeRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        let reply: FakeReply;
        try {
          reply = await handle(request);
        } catch (e) {
          reply = { status: 500, body: `fake server error: ${(e as Error).message}` };
        }
        const send = () => {
          if (res.destroyed) return;
          const json = typeof reply.body !== 'string' && reply.body !== undefined;
          const text = reply.body === undefined ? '' : json ? JSON.stringify(reply.body) : (reply.body as string);
          res.writeHead(reply.status ?? 200, { 'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8', ...reply.headers });
          res.end(text);
        };
        if (reply.delayMs) {
          const t = setTimeout(() => {
            timers.delete(t);
            send();
          }, reply.delayMs);
          timers.add(t);
        } else send();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request's JSON body, or null when it is not JSON. */
export function jsonBody(request: FakeRequest): unknown {
  try {
    return JSON.parse(request.body);
  } catch {
    return null;
  }
}
