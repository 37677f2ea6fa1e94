import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { checkResolvedAddresses, type AddressPolicy } from '../../core/integrations/address-policy';

/**
 * An undici agent whose connections go only to addresses the SSRF guard allows. The check runs
 * in the socket's own DNS lookup, so the address tested is the address connected to: a host
 * that resolves to a public address for a check and to 127.0.0.1 for the connection (DNS
 * rebinding) cannot slip through. `refusal()` says why the last connection was refused.
 */
export interface GuardedDispatcher {
  readonly agent: Agent;
  refusal(): string | null;
}

export function guardedDispatcher(policy: AddressPolicy): GuardedDispatcher {
  let refused: string | null = null;
  const lookup: LookupFunction = (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : typeof options.family === 'number' ? options.family : 0;
    dnsLookup(hostname, { all: true, family }, (error, addresses) => {
      if (error) return callback(error, []);
      const checked = checkResolvedAddresses(hostname, addresses.map((a) => a.address), policy);
      if (!checked.ok) {
        refused = checked.error.message;
        return callback(Object.assign(new Error(checked.error.message), { code: 'EADDRNOTALLOWED' }), []);
      }
      if (options.all) return callback(null, addresses as LookupAddress[]);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  return { agent: new Agent({ connect: { lookup } }), refusal: () => refused };
}
