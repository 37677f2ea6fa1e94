import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createServer, type Server as TlsServer } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import type { Hub } from '../../hub/hub';
import { createCentreCa, issueServerCertificate, type PemPair } from '../../hub/tls/certificate-authority';
import { HubClient } from '../../main/agent/hub-client';
import { fetchHubPdf } from '../../main/agent/hub-files';
import { loadHubTrust, probeHubTls } from '../../main/agent/hub-trust';
import type { TerminalAgent } from '../../main/agent/terminal-agent';
import type { HubClientState } from '../../main/agent/hub-client-state';
import { demoConfig, startHub, tempDir, tokenOf } from '../support/centre';
import { hubTickets, startKiosk, waitForContext } from './kiosk-support';

const LOOPBACK = { dnsNames: ['localhost'], ips: ['127.0.0.1'] };

/** Resolves with the first state of `client` that satisfies `test`. */
function waitForState(client: HubClient, test: (s: HubClientState) => boolean, timeoutMs = 15_000): Promise<HubClientState> {
  if (test(client.current())) return Promise.resolve(client.current());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`state not reached: ${JSON.stringify(client.current().problem)}`)), timeoutMs);
    const off = client.onChange((s) => {
      if (!test(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

// Terminals and a hub over TLS, with certificates made here (real time: TLS checks validity on the real clock).
describe('a terminal and its hub over TLS', () => {
  const config = demoConfig();
  let tmp: ReturnType<typeof tempDir>;
  let centreCa: PemPair;
  let caFile: string;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeEach(() => {
    tmp = tempDir('motcua-terminal-tls-');
    centreCa = createCentreCa('Trung tâm thử', new Date());
    caFile = path.join(tmp.dir, 'centre-ca.pem');
    writeFileSync(caFile, centreCa.certPem);
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    tmp.remove();
  });

  /** A real hub serving a certificate from `ca` for 127.0.0.1. */
  async function hubSignedBy(ca: PemPair, clock?: () => Date): Promise<Hub> {
    const server = issueServerCertificate(ca, LOOPBACK, new Date());
    const certFile = path.join(tmp.dir, `hub-${randomUUID()}.pem`);
    const keyFile = `${certFile}.key`;
    writeFileSync(certFile, server.certPem);
    writeFileSync(keyFile, server.keyPem, { mode: 0o600 });
    const hub = await startHub(path.join(tmp.dir, 'hub.sqlite'), { tls: { certFile, keyFile }, clock });
    cleanups.push(() => hub.close());
    return hub;
  }

  it('a kiosk that trusts the centre CA connects over WSS and issues a ticket the hub records', async () => {
    // A working Friday morning in Hà Nội, for the queue; the certificates are of today.
    const now = new Date('2026-11-20T02:30:00.000Z');
    const clock = () => now;
    const hub = await hubSignedBy(centreCa, clock);
    expect(hub.url).toMatch(/^https:/);
    const printer = new VirtualPrinter({ outDir: path.join(tmp.dir, 'printed') });
    const printerPort = (await printer.start()).port;
    cleanups.push(() => printer.close());

    const kiosk: TerminalAgent = await startKiosk({ config, deviceId: 'kiosk-1', hubUrl: hub.url, dataDir: tmp.dir, printerPort, clock, extra: { hubCa: caFile } });
    cleanups.push(() => kiosk.close());
    await waitForContext(kiosk, (c) => c.hubConnected && c.kiosk !== null);
    const r = await kiosk.handlers['kiosk:take-ticket']({ serviceId: 'ho-tich', priority: 'normal', commandId: randomUUID() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const atHub = hubTickets(path.join(tmp.dir, 'hub.sqlite'));
    expect(atHub.map((t) => [t.service_id, t.number, t.issued_by])).toEqual([['ho-tich', r.value.ticket.number, 'kiosk-1']]);
  }, 60_000);

  it('the REST API over HTTPS: the agent fetches with the centre CA, and gets a typed not-found, not a TLS error', async () => {
    const hub = await hubSignedBy(centreCa);
    const client = new HubClient({ hubUrl: hub.url, hubCa: caFile, deviceId: 'counter-1', token: tokenOf(config, 'counter-1') });
    cleanups.push(() => client.close());
    const pdf = await fetchHubPdf(hub.url, tokenOf(config, 'counter-1'), 'HK-261120-0001');
    expect(pdf).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses a server whose certificate is from another CA: hub-untrusted, and not one byte (so no token) reaches it', async () => {
    const otherCa = createCentreCa('Kẻ mạo danh', new Date());
    const impostorCert = issueServerCertificate(otherCa, LOOPBACK, new Date());
    const received: Buffer[] = [];
    let handshakes = 0;
    const impostor: TlsServer = createServer({ key: impostorCert.keyPem, cert: impostorCert.certPem }, (socket) => {
      handshakes += 1;
      socket.on('data', (d: Buffer) => received.push(d));
    });
    impostor.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => impostor.close(() => resolve())));
    const url = `https://127.0.0.1:${(impostor.address() as AddressInfo).port}`;

    const trust = loadHubTrust(caFile);
    if (!trust.ok) throw new Error(trust.error.message);
    expect(await probeHubTls(url, trust.value)).toMatchObject({ ok: false, error: { kind: 'hub-untrusted' } });

    const client = new HubClient({ hubUrl: url, hubCa: caFile, deviceId: 'kiosk-1', token: tokenOf(config, 'kiosk-1') });
    cleanups.push(() => client.close());
    client.start();
    const refused = await waitForState(client, (s) => s.problemKind === 'hub-untrusted');
    expect(refused.connected).toBe(false);
    expect(refused.problem).toMatch(/không do CA của trung tâm cấp/);

    const pdf = await fetchHubPdf(url, tokenOf(config, 'kiosk-1'), 'HK-261120-0001');
    expect(pdf).toMatchObject({ ok: false, error: { kind: 'hub-untrusted' } });
    // The handshake never completed, so no HTTP request, header or socket.io auth was sent.
    expect(handshakes).toBe(0);
    expect(Buffer.concat(received).toString('latin1')).not.toContain(tokenOf(config, 'kiosk-1'));
    expect(received).toEqual([]);
  });

  it('a CA file whose fingerprint is not the configured one is refused; the right one (any spelling) is taken', () => {
    const other = createCentreCa('Khác', new Date());
    const otherFile = path.join(tmp.dir, 'other.pem');
    writeFileSync(otherFile, other.certPem);
    const right = loadHubTrust(caFile);
    if (!right.ok) throw new Error(right.error.message);
    expect(loadHubTrust(otherFile, right.value.fingerprint)).toMatchObject({ ok: false, error: { kind: 'hub-untrusted' } });
    expect(loadHubTrust(centreCa.certPem, right.value.fingerprint.replace(/:/g, '').toLowerCase())).toMatchObject({ ok: true, value: { fingerprint: right.value.fingerprint } });
    // The hub's own certificate is not a CA: trusting it would be a mistake, so it is refused.
    const leaf = issueServerCertificate(centreCa, LOOPBACK, new Date());
    expect(loadHubTrust(leaf.certPem)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('an https:// hub without hubCa is a configuration error at start, never "trust anything"', () => {
    expect(() => new HubClient({ hubUrl: 'https://127.0.0.1:9', deviceId: 'kiosk-1', token: tokenOf(config, 'kiosk-1') })).toThrow(/hubCa is needed for https:\/\/127\.0\.0\.1:9/);
  });
});
