import { err, ok, type Result } from '../result';

/**
 * The SSRF guard's rule: may motcua open a connection to this address on behalf of a webhook
 * subscription? Public addresses yes; loopback, link-local and private ranges only when the
 * operator allowed them (`allowPrivateAddresses`, e.g. a department's server on the centre's
 * LAN); unspecified, multicast, documentation and other reserved ranges never. IPv6 addresses
 * that carry an IPv4 one (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64
 * 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address inside.
 */
export const ADDRESS_CLASSES = ['public', 'private', 'loopback', 'link-local', 'unspecified', 'multicast', 'reserved'] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];

export interface AddressPolicy {
  readonly allowPrivateAddresses: boolean;
}

function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** Eight 16-bit groups, or null. Accepts "::" compression, a trailing dotted IPv4 and a %zone. */
function parseIPv6(text: string): number[] | null {
  let s = text.replace(/%.*$/, '');
  let v4Words: number[] = [];
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const q = parseIPv4(v4[2]!);
    if (!q) return null;
    v4Words = [(q[0]! << 8) | q[1]!, (q[2]! << 8) | q[3]!];
    // "::ffff:" keeps its "::"; "1:2:3:4:5:6:" loses the separator before the IPv4 part.
    s = v4[1]!.endsWith('::') ? v4[1]! : v4[1]!.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const words = (part: string) => {
    const groups = part === '' ? [] : part.split(':');
    return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups.map((g) => parseInt(g, 16)) : null;
  };
  const left = words(halves[0]!);
  const right = halves.length === 2 ? words(halves[1]!) : [];
  if (!left || !right) return null;
  const known = left.length + right.length + v4Words.length;
  if (halves.length === 2) return known > 7 ? null : [...left, ...new Array<number>(8 - known).fill(0), ...right, ...v4Words];
  return known === 8 ? [...left, ...v4Words] : null;
}

function classifyIPv4([a, b, c]: readonly number[]): AddressClass {
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 100 && b! >= 64 && b! <= 127)) return 'private';
  if (a! >= 224 && a! <= 239) return 'multicast';
  if (a! >= 240) return 'reserved';
  if ((a === 192 && b === 0 && (c === 0 || c === 2)) || (a === 198 && (b === 18 || b === 19)) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'reserved';
  return 'public';
}

function classifyIPv6(w: readonly number[]): AddressClass {
  const v4Of = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  const zeros = (from: number, to: number) => w.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && w[7] === 1) return 'loopback';
  if (zeros(0, 5) && w[5] === 0xffff) return classifyIPv4(v4Of(w[6]!, w[7]!)); // IPv4-mapped
  if (zeros(0, 6)) return classifyIPv4(v4Of(w[6]!, w[7]!)); // IPv4-compatible (deprecated)
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) return classifyIPv4(v4Of(w[6]!, w[7]!)); // NAT64
  if (w[0] === 0x2002) return classifyIPv4(v4Of(w[1]!, w[2]!)); // 6to4
  if ((w[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((w[0]! & 0xfe00) === 0xfc00 || (w[0]! & 0xffc0) === 0xfec0) return 'private'; // unique-local, old site-local
  if ((w[0]! & 0xff00) === 0xff00) return 'multicast';
  if (w[0] === 0x2001 && w[1] === 0x0db8) return 'reserved'; // documentation
  return 'public';
}

/** The class of an IP address literal (brackets allowed), or null when it is not one. */
export function classifyAddress(address: string): AddressClass | null {
  const text = address.trim().replace(/^\[(.*)\]$/, '$1');
  const v4 = parseIPv4(text);
  if (v4) return classifyIPv4(v4);
  const v6 = text.includes(':') ? parseIPv6(text) : null;
  return v6 ? classifyIPv6(v6) : null;
}

export function checkAddress(address: string, policy: AddressPolicy): Result<AddressClass> {
  const cls = classifyAddress(address);
  if (cls === null) return err('invalid-input', `"${address}" is not an IP address`);
  if (cls === 'public') return ok(cls);
  if ((cls === 'private' || cls === 'loopback' || cls === 'link-local') && policy.allowPrivateAddresses) return ok(cls);
  const hint = cls === 'private' || cls === 'loopback' || cls === 'link-local' ? ' (allowed only with allowPrivateAddresses)' : '';
  return err('forbidden', `address ${address} is ${cls}: no webhook is sent there${hint}`);
}

/** Every address a host name resolved to must pass: one refused address refuses the host. */
export function checkResolvedAddresses(host: string, addresses: readonly string[], policy: AddressPolicy): Result<readonly string[]> {
  if (addresses.length === 0) return err('not-found', `${host} resolved to no address`);
  for (const a of addresses) {
    const r = checkAddress(a, policy);
    if (!r.ok) return err(r.error.kind, `${host}: ${r.error.message}`);
  }
  return ok(addresses);
}
