import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubAddressRotation } from '../../main/agent/hub-address-rotation';
import { hubAddressesOf } from '../../main/agent/hub-connection';
import { loadTerminalConfig, MAX_HUB_URLS } from '../../main/agent/terminal-config';
import { tempDir } from '../support/centre';

const A = 'https://10.0.0.11:8080';
const B = 'https://10.0.0.12:8080';
const C = 'https://10.0.0.13:8080';

describe('moving between a hub’s addresses', () => {
  it('stays on the first address while it works; a drop goes to the next at once, the rest of the round quickly', () => {
    const r = new HubAddressRotation([A, B, C], { random: () => 0.5 });
    expect(r.current()).toBe(A);
    r.connected();
    expect(r.failed()).toEqual({ url: B, delayMs: 0 });
    expect(r.failed()).toEqual({ url: C, delayMs: 100 });
    // The whole list failed once: the next round waits, doubling, up to the ceiling.
    expect(r.failed()).toEqual({ url: A, delayMs: 100 });
    expect(r.failed()).toEqual({ url: B, delayMs: 500 });
    expect(r.failed()).toEqual({ url: C, delayMs: 500 });
    expect(r.failed()).toEqual({ url: A, delayMs: 500 });
    expect(r.failed()).toEqual({ url: B, delayMs: 1000 });
    const later = Array.from({ length: 12 }, () => r.failed().delayMs);
    expect(later.slice(-3)).toEqual([5000, 5000, 5000]);
    expect(Math.max(...later)).toBe(5000);
  });

  it('a connection starts a fresh round from where it is: the next drop moves on at once again', () => {
    const r = new HubAddressRotation([A, B], { random: () => 0.5 });
    for (let i = 0; i < 6; i++) r.failed();
    expect(r.failed().delayMs).toBeGreaterThan(0);
    const here = r.current();
    r.connected();
    const next = r.failed();
    expect(next.delayMs).toBe(0);
    expect(next.url).not.toBe(here);
  });

  it('the back-off is spread by ±25 % (injected randomness), never past the ceiling', () => {
    const low = new HubAddressRotation([A, B], { random: () => 0, backoffMs: 1000, maxBackoffMs: 5000 });
    const high = new HubAddressRotation([A, B], { random: () => 0.999, backoffMs: 1000, maxBackoffMs: 5000 });
    const delays = (r: HubAddressRotation) => Array.from({ length: 12 }, () => r.failed().delayMs);
    expect(delays(low)).toEqual([0, 100, 750, 750, 1500, 1500, 3000, 3000, 3750, 3750, 3750, 3750]);
    expect(delays(high)).toEqual([0, 100, 1250, 1250, 2499, 2499, 4998, 4998, 5000, 5000, 5000, 5000]);
  });

  it('one address: it is tried again, with the back-off from the second failure on', () => {
    const r = new HubAddressRotation([A], { random: () => 0.5 });
    expect(r.failed()).toEqual({ url: A, delayMs: 0 });
    expect(r.failed()).toEqual({ url: A, delayMs: 500 });
    expect(r.failed()).toEqual({ url: A, delayMs: 1000 });
    expect(() => new HubAddressRotation([])).toThrow(/no hub address/);
  });

  it('the connection’s addresses: hubUrls when given, else hubUrl alone', () => {
    expect(hubAddressesOf({ hubUrl: A })).toEqual([A]);
    expect(hubAddressesOf({ hubUrl: A, hubUrls: [A, B] })).toEqual([A, B]);
    expect(hubAddressesOf({ hubUrl: A, hubUrls: [] })).toEqual([A]);
  });
});

describe('the terminal config: one hub address or a list', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('motcua-terminal-urls-');
  });
  afterEach(() => tmp.remove());
  const load = (config: Record<string, unknown>) => {
    const file = path.join(tmp.dir, 'terminal.json');
    writeFileSync(file, JSON.stringify({ deviceId: 'kiosk-1', token: 'a-token-of-16-chars-or-more', hubCa: 'ca.pem', ...config }));
    return loadTerminalConfig(file);
  };
  const refusal = (config: Record<string, unknown>) => {
    const r = load(config);
    expect(r.ok).toBe(false);
    return r.ok ? '' : `${r.error.kind}: ${r.error.message}`;
  };

  it('a single hubUrl is still valid and becomes a list of one', () => {
    expect(load({ hubUrl: A })).toMatchObject({ ok: true, value: { hubUrl: A, hubUrls: [A] } });
  });

  it('a list of addresses: the first is hubUrl (REST calls), all are kept in order', () => {
    expect(load({ hubUrls: [B, A] })).toMatchObject({ ok: true, value: { hubUrl: B, hubUrls: [B, A] } });
  });

  it('a bad list is refused with the file, the field and what was expected', () => {
    const file = path.join(tmp.dir, 'terminal.json');
    expect(refusal({ hubUrls: [] })).toBe(`invalid-input: ${file}: hubUrls: at least one hub address`);
    expect(refusal({ hubUrls: [A, 'not a url'] })).toMatch(/^invalid-input: .*terminal\.json: hubUrls\[1\]: the hub address, e\.g\./);
    expect(refusal({ hubUrls: [A, `${A}/`] })).toMatch(/terminal\.json: hubUrls: each hub address once/);
    expect(refusal({ hubUrls: [A, 'http://10.0.0.12:8080'] })).toMatch(/hubUrls: all hub addresses https:\/\/ .*not a mix/);
    expect(refusal({ hubUrls: Array.from({ length: MAX_HUB_URLS + 1 }, (_, i) => `https://10.0.0.${i + 1}:8080`) })).toMatch(/hubUrls: at most 8 hub addresses/);
    expect(refusal({ hubUrl: A, hubUrls: [A, B] })).toMatch(/hubUrl: give the hub address \(hubUrl\) or a list of its addresses \(hubUrls\); exactly one/);
    expect(refusal({})).toMatch(/hubUrl: give the hub address/);
  });

  it('an https:// list needs the CA, as one address does', () => {
    expect(refusal({ hubUrls: [A, B], hubCa: undefined })).toMatch(/hubCa: an https:\/\/ hub needs hubCa/);
    expect(load({ hubUrls: ['http://127.0.0.1:1', 'http://127.0.0.1:2'], hubCa: undefined })).toMatchObject({ ok: true });
  });
});
