import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { classifyAddress, type AddressClass } from '../../core/integrations/address-policy';

/** A small seeded PRNG (mulberry32): the same cases on every run, a failure reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The IPv4 ranges as Node's own BlockList sees them: an independent reference for the hand-written rule. */
const RANGES: readonly [AddressClass, string, number][] = [
  ['unspecified', '0.0.0.0', 8],
  ['loopback', '127.0.0.0', 8],
  ['link-local', '169.254.0.0', 16],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['private', '100.64.0.0', 10],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4],
  ['reserved', '192.0.0.0', 24],
  ['reserved', '192.0.2.0', 24],
  ['reserved', '198.18.0.0', 15],
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
];
const lists = RANGES.map(([cls, net4, prefix]) => {
  const list = new net.BlockList();
  list.addSubnet(net4, prefix, 'ipv4');
  return [cls, list] as const;
});
const reference = (ip: string): AddressClass => lists.find(([, list]) => list.check(ip, 'ipv4'))?.[0] ?? 'public';

describe('SSRF address classes, checked against Node’s BlockList and net.isIP', () => {
  const random = prng(20261203);
  // Biased towards the edges of the special ranges, where mistakes live.
  const firstOctets = [0, 10, 100, 127, 169, 172, 192, 198, 203, 223, 224, 239, 240, 255];
  const octet = () => Math.floor(random() * 256);
  const ipv4s = Array.from({ length: 3000 }, (_, i) => [i % 2 === 0 ? firstOctets[i % firstOctets.length]! : octet(), octet(), octet(), octet()].join('.'));

  it('every IPv4 address is classed as the reference does', () => {
    const wrong = ipv4s.filter((ip) => classifyAddress(ip) !== reference(ip)).map((ip) => `${ip}: ${classifyAddress(ip)} ≠ ${reference(ip)}`);
    expect(wrong).toEqual([]);
  });

  it('an IPv4 address inside IPv6 (mapped, dotted or hex, bracketed) is classed as the IPv4 address', () => {
    const wrong: string[] = [];
    for (const ip of ipv4s) {
      const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
      const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
      for (const form of [`::ffff:${ip}`, `::FFFF:${hex}`, `[0:0:0:0:0:ffff:${ip}]`, `64:ff9b::${ip}`]) {
        if (classifyAddress(form) !== reference(ip)) wrong.push(`${form}: ${classifyAddress(form)} ≠ ${reference(ip)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('accepts exactly what net.isIP accepts, on random and mutated address text', () => {
    const alphabet = '0123456789abcdef:.';
    const samples: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const length = 2 + Math.floor(random() * 24);
      samples.push(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    }
    const valid = ['::1', 'fe80::1', '2001:db8::8a2e:370:7334', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8', '1::8', '::', '1:2:3:4:5:6:1.2.3.4', '8.8.8.8'];
    for (const v of valid) {
      for (let i = 0; i < 200; i++) {
        const chars = [...v];
        const at = Math.floor(random() * (chars.length + 1));
        const op = Math.floor(random() * 3);
        const ch = alphabet[Math.floor(random() * alphabet.length)]!;
        if (op === 0) chars.splice(at, 0, ch);
        else if (op === 1) chars.splice(at, 1);
        else chars.splice(at, 1, ch);
        samples.push(chars.join(''));
      }
    }
    // Not vacuous: a good share of the mutated samples are still addresses, and many are not.
    const accepted = samples.filter((s) => net.isIP(s) !== 0).length;
    expect(accepted).toBeGreaterThan(300);
    expect(samples.length - accepted).toBeGreaterThan(3000);
    const disagree = samples.filter((s) => (classifyAddress(s) !== null) !== (net.isIP(s) !== 0)).map((s) => `${s}: ours ${classifyAddress(s)}, net.isIP ${net.isIP(s)}`);
    expect(disagree).toEqual([]);
  });
});
