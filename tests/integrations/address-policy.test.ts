import { describe, expect, it } from 'vitest';
import { checkAddress, checkResolvedAddresses, classifyAddress } from '../../core/integrations/address-policy';

const strict = { allowPrivateAddresses: false };
const lan = { allowPrivateAddresses: true };

describe('SSRF guard: which resolved addresses a webhook may go to', () => {
  it.each([
    ['203.113.131.1', 'public'],
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2001:4860:4860::8888', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1%eth0', 'link-local'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:a00:1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::808:808', 'public'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
  ])('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it.each(['localhost', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1::2::3', '1:2:3:4:5:6:7:8:9', 'gggg::1', '::ffff:300.1.1.1', ''])('"%s" is not an address', (text) => {
    expect(classifyAddress(text)).toBeNull();
    expect(checkAddress(text, lan)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('refuses loopback, link-local and private addresses unless configured', () => {
    for (const a of ['127.0.0.1', '::1', '10.0.0.5', '169.254.169.254', 'fe80::1', '::ffff:192.168.1.1']) {
      const r = checkAddress(a, strict);
      expect(r.ok, a).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('forbidden');
        expect(r.error.message).toContain('allowPrivateAddresses');
      }
      expect(checkAddress(a, lan).ok, a).toBe(true);
    }
    expect(checkAddress('8.8.8.8', strict)).toEqual({ ok: true, value: 'public' });
  });

  it('never allows unspecified, multicast or reserved addresses, even on a LAN', () => {
    for (const a of ['0.0.0.0', '::', '224.0.0.1', 'ff02::1', '192.0.2.1', '2001:db8::1']) expect(checkAddress(a, lan).ok, a).toBe(false);
  });

  it('one refused address among a host’s addresses refuses the host (DNS with a poisoned record)', () => {
    expect(checkResolvedAddresses('hook.example.vn', ['8.8.8.8', '2001:4860:4860::8888'], strict).ok).toBe(true);
    const r = checkResolvedAddresses('hook.example.vn', ['8.8.8.8', '127.0.0.1'], strict);
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    if (!r.ok) expect(r.error.message).toContain('hook.example.vn: address 127.0.0.1 is loopback');
    expect(checkResolvedAddresses('nowhere.example.vn', [], strict)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
