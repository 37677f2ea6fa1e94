import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createCentreCa, issueServerCertificate } from '../../hub/tls/certificate-authority';
import { isLoopbackHost } from '../../hub/tls/hub-addresses';
import type { Hub, HubOptions } from '../../hub/hub';
import { useHubFixture } from '../support/hub-fixture';

// These hubs ask for TLS (the fixture's default is plain loopback HTTP): each test starts its own.
describe('the hub over TLS', () => {
  const f = useHubFixture({ autoStart: false });
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  /** A hub asking for TLS; its TLS material goes in its data dir (beside the SQLite file, on either store). */
  async function tlsHub(extra: Partial<HubOptions> = {}): Promise<{ hub: Hub; dir: string }> {
    const hub = await f.start({ tls: {}, ...extra });
    return { hub, dir: f.dir };
  }
  const trusting = (caPem: string) => {
    const dispatcher = new Agent({ connect: { ca: caPem } });
    cleanups.push(() => dispatcher.close());
    return dispatcher;
  };

  it('makes the centre CA and a server certificate on first start, keys 0600, and serves the REST API over HTTPS', async () => {
    const { hub, dir } = await tlsHub();
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const tls = path.join(dir, 'tls');
    for (const key of ['ca-key.pem', 'hub-key.pem']) expect(statSync(path.join(tls, key)).mode & 0o777).toBe(0o600);
    const caPem = readFileSync(path.join(tls, 'ca.pem'), 'utf8');
    const ca = new X509Certificate(caPem);
    expect(ca.ca).toBe(true);
    expect(hub.tls).toEqual({ caFile: path.join(tls, 'ca.pem'), caFingerprint: ca.fingerprint256 });
    const server = new X509Certificate(readFileSync(path.join(tls, 'hub.pem')));
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');

    const res = await fetch(`${hub.url}/api/health`, { dispatcher: trusting(caPem) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { status: 'ok' } });
  });

  it('a client that does not trust the centre CA is refused by its own TLS check', async () => {
    const { hub } = await tlsHub();
    const error = await fetch(`${hub.url}/api/health`).catch((e: Error & { cause?: { code?: string } }) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
  });

  it('keeps its CA and server certificate across restarts', async () => {
    const { hub, dir } = await tlsHub();
    const first = hub.tls?.caFingerprint;
    const serverPem = readFileSync(path.join(dir, 'tls', 'hub.pem'), 'utf8');
    const again = await f.restart({ tls: {} });
    expect(again.tls?.caFingerprint).toBe(first);
    expect(readFileSync(path.join(dir, 'tls', 'hub.pem'), 'utf8')).toBe(serverPem);
  });

  it("serves the operator's own certificate when the config names it", async () => {
    const now = new Date();
    const ca = createCentreCa('Sở Nội vụ', now);
    const server = issueServerCertificate(ca, { dnsNames: ['localhost'], ips: ['127.0.0.1'] }, now);
    const file = (name: string, text: string) => {
      writeFileSync(path.join(f.dir, name), text);
      return path.join(f.dir, name);
    };
    const settings = { certFile: file('server.pem', server.certPem), keyFile: file('server-key.pem', server.keyPem), caFile: file('ca.pem', ca.certPem) };
    const hub = await f.start({ tls: settings });
    expect(hub.tls?.caFingerprint).toBe(new X509Certificate(ca.certPem).fingerprint256);
    expect(existsSync(path.join(f.dir, 'tls'))).toBe(false);
    const res = await fetch(`${hub.url}/api/health`, { dispatcher: trusting(ca.certPem) });
    expect(res.status).toBe(200);
  });

  it('refuses to serve plain HTTP on a non-loopback address, before opening anything', async () => {
    const start = f.start({ tls: false, host: '0.0.0.0' });
    await expect(start).rejects.toThrow(/Refusing to serve plain HTTP on 0\.0\.0\.0: only a loopback address/);
    expect(existsSync(path.join(f.dir, 'hub.sqlite'))).toBe(false);
  });

  it('knows which addresses are loopback', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'hub.local', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});
