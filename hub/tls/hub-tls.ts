import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HubTlsConfig } from '../../core/centre';
import { createCentreCa, issueServerCertificate, type PemPair, type ServerNames } from './certificate-authority';
import { isLoopbackHost, serverNamesFor } from './hub-addresses';

/** What the hub serves HTTPS with, and what terminals must trust. */
export interface HubTlsMaterial {
  readonly key: string;
  readonly cert: string;
  /** The CA file terminals are given as `hubCa`; null when the operator did not name one. */
  readonly caFile: string | null;
  /** SHA-256 of the CA certificate (AA:BB:…), for the terminals' `hubCaFingerprint`. */
  readonly caFingerprint: string | null;
}

/** Renew the server certificate when it has less than this left. */
const RENEW_BEFORE_MS = 30 * 86_400_000;

/** Refuses plain HTTP anywhere but on loopback: a centre's LAN is shared with guests and contractors. */
export function assertPlainHttpAllowed(host: string): void {
  if (!isLoopbackHost(host)) {
    throw new Error(
      `Refusing to serve plain HTTP on ${host}: only a loopback address (127.0.0.1, ::1, localhost) may go without TLS. ` +
        'Remove "tls": false from the hub config (the hub then makes its own certificates), or listen on 127.0.0.1.',
    );
  }
}

function writeSecret(file: string, pem: string): void {
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function readPair(certFile: string, keyFile: string): PemPair {
  return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
}

function fingerprintOf(caPem: string): string {
  return new X509Certificate(caPem).fingerprint256;
}

/** True when the stored server certificate is from this CA, names every address and is not about to expire. */
function stillGood(serverPem: string, caPem: string, names: ServerNames, now: Date): boolean {
  try {
    const cert = new X509Certificate(serverPem);
    if (!cert.verify(new X509Certificate(caPem).publicKey)) return false;
    if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_BEFORE_MS) return false;
    return names.dnsNames.every((n) => cert.checkHost(n) !== undefined) && names.ips.every((ip) => cert.checkIP(ip) !== undefined);
  } catch {
    return false;
  }
}

/**
 * The hub's certificates: the operator's when the config names them; otherwise the centre's own
 * CA and a server certificate for `host`, made on first start in `<dataDir>/tls` (keys 0600) and
 * kept; the server certificate is issued again when an address is new or it nears its end.
 */
export function hubTlsMaterial(settings: HubTlsConfig, where: { readonly dataDir: string; readonly host: string; readonly centreName: string }, now: Date): HubTlsMaterial {
  const { dataDir, host, centreName } = where;
  if (settings.certFile || settings.keyFile) {
    if (!settings.certFile || !settings.keyFile) throw new Error('hub.tls: certFile and keyFile go together (the server certificate and its private key, PEM).');
    const own = readPair(settings.certFile, settings.keyFile);
    const caPem = settings.caFile ? readFileSync(settings.caFile, 'utf8') : null;
    return { key: own.keyPem, cert: own.certPem, caFile: settings.caFile ?? null, caFingerprint: caPem ? fingerprintOf(caPem) : null };
  }
  const dir = path.join(dataDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caFile = path.join(dir, 'ca.pem');
  const caKeyFile = path.join(dir, 'ca-key.pem');
  const certFile = path.join(dir, 'hub.pem');
  const keyFile = path.join(dir, 'hub-key.pem');

  let ca: PemPair;
  if (existsSync(caFile) && existsSync(caKeyFile)) ca = readPair(caFile, caKeyFile);
  else {
    ca = createCentreCa(centreName, now);
    writeSecret(caKeyFile, ca.keyPem);
    writeFileSync(caFile, ca.certPem);
  }
  const names = serverNamesFor(host, settings.hostnames);
  let server: PemPair;
  if (existsSync(certFile) && existsSync(keyFile) && stillGood(readFileSync(certFile, 'utf8'), ca.certPem, names, now)) server = readPair(certFile, keyFile);
  else {
    server = issueServerCertificate(ca, names, now);
    writeSecret(keyFile, server.keyPem);
    writeFileSync(certFile, `${server.certPem}${ca.certPem}`);
  }
  return { key: server.keyPem, cert: readFileSync(certFile, 'utf8'), caFile, caFingerprint: fingerprintOf(ca.certPem) };
}
