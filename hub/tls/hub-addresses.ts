import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { ServerNames } from './certificate-authority';

/** True for an address only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.startsWith('::ffff:127.');
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/**
 * The names terminals may use to reach a hub listening on `host`: always localhost, 127.0.0.1
 * and ::1; the machine's name; the listen address itself, or every address of the machine when
 * it listens on all of them; plus the operator's extra names (a DNS name the centre gave the hub).
 */
export function serverNamesFor(host: string, extraNames: readonly string[] = []): ServerNames {
  const dns = new Set<string>(['localhost']);
  const ips = new Set<string>(['127.0.0.1', '::1']);
  const add = (name: string) => {
    const n = name.replace(/^\[|\]$/g, '');
    if (n === '') return;
    if (isIP(n)) ips.add(n);
    else dns.add(n.toLowerCase());
  };
  add(hostname());
  if (isWildcard(host)) {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!a.internal) add(a.address.split('%')[0]!);
  } else add(host);
  extraNames.forEach(add);
  return { dnsNames: [...dns], ips: [...ips] };
}
