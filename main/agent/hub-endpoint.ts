import { z } from 'zod';

/**
 * Where a hub address points: its origin, and a path prefix when a front serves several centres
 * at one host (`https://tinh.example.vn/c/<centre>/` → that centre's hub, docs/province.md). The
 * prefix is where the hub's own paths start: Socket.IO at `<prefix>/socket.io`, the REST API at
 * `<prefix>/api/…`. Without it, socket.io-client would take the URL's path as a namespace, and
 * `new URL('/api/…', url)` would drop it.
 */
export interface HubEndpoint {
  /** https://host:port */
  readonly origin: string;
  /** '' or '/c/hoan-kiem' (no trailing slash). */
  readonly prefix: string;
  /** Socket.IO's `path` option: `<prefix>/socket.io`. */
  readonly socketPath: string;
}

/** A path prefix: segments of letters, digits, '-', '_' and '.', no query or fragment. */
const PrefixSchema = z.string().regex(/^(\/[A-Za-z0-9._-]+)*$/, 'a path of plain segments such as /c/hoan-kiem');

/** The endpoint of a hub address; throws (zod's message) for a path that is not plain, a query or a fragment. */
export function hubEndpointOf(hubUrl: string): HubEndpoint {
  const url = new URL(hubUrl);
  if (url.search !== '' || url.hash !== '') throw new Error(`hub address ${hubUrl}: no query or fragment`);
  const prefix = url.pathname.replace(/\/+$/, '');
  const checked = PrefixSchema.safeParse(prefix);
  if (!checked.success) throw new Error(`hub address ${hubUrl}: ${checked.error.issues[0]?.message ?? 'bad path'}`);
  return { origin: url.origin, prefix, socketPath: `${prefix}/socket.io` };
}

/** The URL of one of the hub's own paths (`/api/…`) under the address's prefix. */
export function hubApiUrl(hubUrl: string, hubPath: string): URL {
  if (!hubPath.startsWith('/')) throw new Error(`hub path must start with '/': ${hubPath}`);
  const { origin, prefix } = hubEndpointOf(hubUrl);
  return new URL(`${prefix}${hubPath}`, origin);
}
