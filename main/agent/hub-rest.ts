import { hubApiUrl } from './hub-endpoint';
import { hubFetch } from './hub-trust';

/**
 * Where a REST call to the hub may go: one address, or a terminal's addresses in the order to try
 * them (HubClient.restAddresses(): the one the socket is on first). Callers hold a getter and read
 * it at each call, so a call made after the socket moved starts where the socket is now.
 */
export type HubAddresses = string | readonly string[];

/** The hub's answer, whatever its HTTP status. */
export type HubResponse = Awaited<ReturnType<typeof hubFetch>>;

export interface HubRestRequest {
  /** GET by default. GET and PUT are safe to send again; a POST goes to the first address only. */
  readonly method?: 'GET' | 'PUT' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  /** Bytes or text, never a stream: the same body is sent again at the next address. */
  readonly body?: Uint8Array | string;
  /** How long one address has to answer; each try gets its own. */
  readonly timeoutMs: number;
  /**
   * A GET not answered within this long is asked of the next address too, the first answer
   * winning (default HEDGE_AFTER_MS): an address that hears but never answers then costs this
   * delay, not a whole timeout per address.
   */
  readonly hedgeAfterMs?: number;
}

/** A hub process answers a GET's headers in milliseconds on a LAN; a PDF is rendered in well under this. */
export const HEDGE_AFTER_MS = 3_000;

/**
 * The order a REST call tries a terminal's addresses in: the one the socket is (or was last) up on,
 * then the others in the list's order. Before the first connection (`current` undefined), the list.
 */
export function restAddressOrder(current: string | undefined, addresses: readonly string[]): readonly string[] {
  if (current === undefined || !addresses.includes(current)) return addresses;
  return [current, ...addresses.filter((a) => a !== current)];
}

/**
 * A REST call to the hub (`hubPath`: `/api/…`, with its query) that survives a dead hub process.
 * When a process is killed, the socket moves to the next address within a second or so, but a call
 * made in that window would still go to the dead one: so a try that got no HTTP answer at all
 * (connection refused or reset, no answer within `timeoutMs`) goes on to the next address, once
 * each. Only for GET and PUT (a file PUT is the same bytes to the same path): a POST might have been
 * done before its connection broke, so it is never sent twice. An HTTP answer, whatever its status,
 * comes back as it is — the hub heard the request. A certificate refusal (`kind: 'hub-untrusted'`)
 * is thrown at once: it is not an outage, and the screen must say so rather than hide it behind
 * another address. With every address tried, throws the last connection error, as hubFetch does.
 * A GET does not wait a whole timeout on an address that hears but never answers: after
 * hedgeAfterMs the next address is asked too (tryInTurn).
 */
export async function hubRestFetch(addresses: HubAddresses, hubPath: string, request: HubRestRequest): Promise<HubResponse> {
  const order = typeof addresses === 'string' ? [addresses] : addresses;
  const method = request.method ?? 'GET';
  const tries = method === 'POST' ? order.slice(0, 1) : order;
  if (tries.length === 0) throw new Error('no hub address');
  return tryInTurn(tries, hubPath, method, request, method === 'GET' ? (request.hedgeAfterMs ?? HEDGE_AFTER_MS) : null);
}

/**
 * The tries of one call: the first address at once, the next when the one before failed without
 * an HTTP answer or — with `hedgeAfterMs` (a GET) — has not answered within it, each try with its
 * own timeout. The first HTTP answer wins and the tries still waiting are aborted (a late second
 * answer's body is dropped); a certificate refusal ends it at once; with every try failed, the
 * last failure is thrown. Without `hedgeAfterMs` the tries go strictly one after another.
 */
function tryInTurn(tries: readonly string[], hubPath: string, method: string, request: HubRestRequest, hedgeAfterMs: number | null): Promise<HubResponse> {
  return new Promise((resolve, reject) => {
    const pending = new Set<AbortController>();
    let next = 0;
    let settled = false;
    let failure: unknown;
    let hedge: ReturnType<typeof setTimeout> | undefined;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(hedge);
      for (const c of pending) c.abort();
      done();
    };
    const launch = () => {
      if (settled || next >= tries.length) return;
      const address = tries[next++]!;
      const own = new AbortController();
      pending.add(own);
      clearTimeout(hedge);
      if (hedgeAfterMs !== null && next < tries.length) hedge = setTimeout(launch, hedgeAfterMs);
      const signal = AbortSignal.any([own.signal, AbortSignal.timeout(request.timeoutMs)]);
      hubFetch(hubApiUrl(address, hubPath), { method, headers: request.headers, body: request.body, signal }).then(
        (res) => {
          pending.delete(own);
          if (settled) void res.body?.cancel().catch(() => undefined);
          else settle(() => resolve(res));
        },
        (e: unknown) => {
          pending.delete(own);
          if (settled) return;
          if ((e as { kind?: unknown }).kind === 'hub-untrusted') return settle(() => reject(e));
          failure = e;
          if (next < tries.length) launch();
          else if (pending.size === 0) settle(() => reject(failure));
        },
      );
    };
    launch();
  });
}

/** What a hubRestFetch that threw means for the screen: hub-untrusted for a refused certificate, else hub-unreachable. */
export function restFailureKind(e: unknown): 'hub-untrusted' | 'hub-unreachable' {
  return (e as { kind?: unknown }).kind === 'hub-untrusted' ? 'hub-untrusted' : 'hub-unreachable';
}
