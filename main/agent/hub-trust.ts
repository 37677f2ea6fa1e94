import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { err, ok, type Result } from '../../core/result';

/**
 * The one CA a terminal trusts for its hub (the centre's own, or the operator's). Certificates
 * are always verified (`rejectUnauthorized` is never turned off): a hub whose certificate is
 * from another CA gets nothing from the terminal, not even the TLS handshake's end.
 */
export interface HubTrust {
  readonly caPem: string;
  /** SHA-256 of the CA certificate, AA:BB:… */
  readonly fingerprint: string;
}

/** `AA:bb cc…` or `aabbcc…` → `AA:BB:CC:…` */
export function normaliseFingerprint(text: string): string {
  return (text.replace(/[^0-9a-f]/gi, '').toUpperCase().match(/../g) ?? []).join(':');
}

/**
 * Reads `hubCa` (the PEM itself, or the path of a PEM file) and, when `hubCaFingerprint` is
 * given, checks that the CA is that one: a swapped CA file is refused, not trusted.
 */
export function loadHubTrust(hubCa: string, hubCaFingerprint?: string): Result<HubTrust> {
  let pem: string;
  try {
    pem = hubCa.includes('-----BEGIN CERTIFICATE-----') ? hubCa : readFileSync(hubCa, 'utf8');
  } catch (e) {
    return err('invalid-input', `hubCa: cannot read the hub's CA certificate: ${(e as Error).message}`);
  }
  let fingerprint: string;
  try {
    const cert = new X509Certificate(pem);
    if (!cert.ca) return err('invalid-input', 'hubCa: this certificate is not a certificate authority (give the CA, not the hub’s own certificate).');
    fingerprint = cert.fingerprint256;
  } catch (e) {
    return err('invalid-input', `hubCa: not a PEM certificate: ${(e as Error).message}`);
  }
  if (hubCaFingerprint !== undefined && normaliseFingerprint(hubCaFingerprint) !== fingerprint) {
    return err('hub-untrusted', `hubCa: the CA's SHA-256 fingerprint is ${fingerprint}, not the configured ${normaliseFingerprint(hubCaFingerprint)}.`);
  }
  return ok({ caPem: pem, fingerprint });
}

/** The TLS error codes that mean "this certificate is not from the CA we trust (or not for this name)". */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** True when `e` (or what it wraps: a cause, a socket.io transport error's description) is a certificate refusal. */
export function isUntrustedCertificate(e: unknown, depth = 0): boolean {
  if (depth > 5 || typeof e !== 'object' || e === null) return false;
  const o = e as { code?: unknown; cause?: unknown; description?: unknown; error?: unknown };
  if (typeof o.code === 'string' && UNTRUSTED_CODES.has(o.code)) return true;
  return [o.cause, o.description, o.error].some((inner) => isUntrustedCertificate(inner, depth + 1));
}

export function untrustedMessage(hubUrl: string): string {
  return `Chứng chỉ của máy chủ ${hubUrl} không do CA của trung tâm cấp (hubCa): không kết nối, không gửi token.`;
}

/**
 * Completes a TLS handshake with the hub and nothing more: ok when its certificate is from the
 * trusted CA and names the host; hub-untrusted when not; hub-unreachable when no answer.
 */
export function probeHubTls(hubUrl: string, trust: HubTrust, timeoutMs = 5000): Promise<Result<void>> {
  const url = new URL(hubUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(url.port || 443), ca: trust.caPem, servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: true });
    const done = (r: Result<void>) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(timeoutMs, () => done(err('hub-unreachable', `Máy chủ ${hubUrl} không trả lời.`)));
    socket.once('secureConnect', () => done(ok(undefined)));
    socket.once('error', (e) => done(isUntrustedCertificate(e) ? err('hub-untrusted', `${untrustedMessage(hubUrl)} (${(e as NodeJS.ErrnoException).code})`) : err('hub-unreachable', e.message)));
  });
}

// One connection pool per trusted hub origin, so every HTTP call to the hub checks its certificate against the CA.
const dispatchers = new Map<string, Agent>();

/** Makes hubFetch to `hubUrl`'s origin trust exactly `trust`'s CA. */
export function trustHubOrigin(hubUrl: string, trust: HubTrust): void {
  const origin = new URL(hubUrl).origin;
  dispatchers.get(origin)?.close().catch(() => undefined);
  dispatchers.set(origin, new Agent({ connect: { ca: trust.caPem, rejectUnauthorized: true } }));
}

/**
 * fetch for the hub's REST API: over HTTPS with the CA trusted for that hub (trustHubOrigin),
 * else the system's CAs; a certificate refusal throws an error whose `kind` is hub-untrusted.
 */
export async function hubFetch(url: string | URL, init: UndiciRequestInit = {}) {
  const dispatcher = dispatchers.get(new URL(url).origin);
  try {
    return await undiciFetch(url, dispatcher ? { ...init, dispatcher } : init);
  } catch (e) {
    if (isUntrustedCertificate(e)) throw Object.assign(new Error(untrustedMessage(new URL(url).origin), { cause: e }), { kind: 'hub-untrusted' as const });
    throw e;
  }
}
