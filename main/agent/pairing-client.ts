import { X509Certificate } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect as tlsConnect } from 'node:tls';
import { PairAnswerSchema, type PairAnswer } from '../../core/protocol/pairing-commands';
import { resultSchema } from '../../core/protocol/result-schema';
import { err, ok, type Result } from '../../core/result';
import { hubApiUrl } from './hub-endpoint';
import { normaliseFingerprint } from './hub-trust';

export interface PairingRequest {
  /** The hub's address as typed at the setup page, e.g. https://192.168.1.10:8080 */
  readonly hubUrl: string;
  /** The 8 digits the administrator's screen showed. */
  readonly code: string;
  /** A CA fingerprint known beforehand (from the administrator): the hub's must be this one. */
  readonly expectedCaFingerprint?: string;
  readonly timeoutMs?: number;
  /** The terminal's clock (certificate validity); the system's when absent. */
  readonly clock?: () => Date;
}

/** What the terminal keeps of a pairing: with it, the hub's CA is pinned from then on. */
export interface PairedTerminal {
  readonly hubUrl: string;
  readonly deviceId: string;
  readonly credential: string;
  /** The centre's CA (PEM) and its SHA-256; absent for a plain-HTTP hub (the loopback demo). */
  readonly hubCa?: string;
  readonly hubCaFingerprint?: string;
}

const AnswerSchema = resultSchema(PairAnswerSchema);
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Exchanges a pairing code for the device's credential (`POST /api/pair`).
 *
 * Trust on first use: before pairing, the terminal knows no CA, so the TLS handshake is not
 * checked against one; instead the certificate the handshake presented must be signed by the CA
 * the hub answers, and name the host. A machine in the middle would have to present a
 * certificate of the centre's CA, which it cannot make. The answer is thrown away otherwise (the
 * code is then spent: the administrator makes another). From then on the CA is pinned (hubCa).
 */
export async function pairWithHub(req: PairingRequest): Promise<Result<PairedTerminal>> {
  let url: URL;
  try {
    url = hubApiUrl(req.hubUrl, '/api/pair');
  } catch {
    return err('invalid-input', `Địa chỉ máy chủ không hợp lệ: ${req.hubUrl} (e.g. https://192.168.1.10:8080).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return err('invalid-input', 'Địa chỉ máy chủ phải bắt đầu bằng https:// (or http:// on loopback).');
  const exchanged = await post(url, JSON.stringify({ code: req.code }), req.timeoutMs ?? 10_000);
  if (!exchanged.ok) return exchanged;
  const { status, body, presented } = exchanged.value;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return err('hub-unreachable', `Máy chủ trả lời không phải JSON (HTTP ${status}): đây có phải máy chủ motcua?`);
  }
  const parsed = AnswerSchema.safeParse(json);
  if (!parsed.success) return err('hub-unreachable', `Câu trả lời ghép nối không hợp lệ (HTTP ${status}).`);
  if (!parsed.data.ok) return err(parsed.data.error.kind, parsed.data.error.message);
  const answer = parsed.data.value;
  const base = url.origin;
  if (url.protocol === 'http:') return ok({ hubUrl: base, deviceId: answer.deviceId, credential: answer.credential });
  const trusted = checkPresentedCertificate(answer, presented, url.hostname.replace(/^\[|\]$/g, ''), (req.clock ?? (() => new Date()))(), req.expectedCaFingerprint);
  if (!trusted.ok) return trusted;
  return ok({ hubUrl: base, deviceId: answer.deviceId, credential: answer.credential, hubCa: answer.caPem!, hubCaFingerprint: trusted.value });
}

/** The CA's fingerprint when the certificate the handshake presented is the answered CA's and names `host`. */
export function checkPresentedCertificate(answer: PairAnswer, presented: X509Certificate | null, host: string, now: Date, expected?: string): Result<string> {
  const untrusted = (why: string) => err<string>('hub-untrusted', `Không tin được máy chủ: ${why}. Mã ghép nối đã dùng; tạo mã mới (pairing refused).`);
  if (!answer.caPem || !answer.caFingerprint) return untrusted('máy chủ không gửi CA của trung tâm (no CA in the answer)');
  let ca: X509Certificate;
  try {
    ca = new X509Certificate(answer.caPem);
  } catch {
    return untrusted('CA không phải chứng chỉ PEM');
  }
  if (!ca.ca) return untrusted('chứng chỉ gửi kèm không phải CA');
  if (normaliseFingerprint(answer.caFingerprint) !== ca.fingerprint256) return untrusted('dấu vân tay CA không khớp với CA gửi kèm');
  if (expected !== undefined && normaliseFingerprint(expected) !== ca.fingerprint256) return untrusted(`CA có dấu vân tay ${ca.fingerprint256}, không phải ${normaliseFingerprint(expected)}`);
  if (!presented) return untrusted('không nhận được chứng chỉ của máy chủ');
  if (!presented.verify(ca.publicKey)) return untrusted('chứng chỉ của máy chủ không do CA gửi kèm ký (the certificate presented is not from the CA answered)');
  const names = /^[\d.]+$|:/.test(host) ? presented.checkIP(host) : presented.checkHost(host);
  if (!names) return untrusted(`chứng chỉ không mang tên ${host}`);
  if (new Date(presented.validTo) < now) return untrusted('chứng chỉ của máy chủ đã hết hạn');
  return ok(ca.fingerprint256);
}

interface Exchanged {
  readonly status: number;
  readonly body: string;
  /** The server certificate the TLS handshake presented (https only). */
  readonly presented: X509Certificate | null;
}

function post(url: URL, body: string, timeoutMs: number): Promise<Result<Exchanged>> {
  return new Promise((resolve) => {
    let presented: X509Certificate | null = null;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const https = url.protocol === 'https:';
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_ANSWER_BYTES) res.destroy(new Error('answer too large'));
        else chunks.push(c);
      });
      res.on('end', () => resolve(ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), presented })));
      res.on('error', (e) => resolve(err('hub-unreachable', e.message)));
    };
    const req = httpRequest(
      {
        method: 'POST',
        host,
        port: Number(url.port || (https ? 443 : 80)),
        path: url.pathname,
        timeout: timeoutMs,
        headers: { host: url.host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        // HTTPS by hand (createConnection, so no agent): the TLS socket is not checked against a CA here (none is known yet);
        // checkPresentedCertificate checks what it presented once the hub has answered its CA.
        ...(https
          ? {
              createConnection: () => {
                const socket = tlsConnect({ host, port: Number(url.port || 443), servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: false });
                socket.once('secureConnect', () => {
                  presented = socket.getPeerX509Certificate() ?? null;
                });
                return socket;
              },
            }
          : // A fresh connection for the one request (keep-alive would outlive it).
            { agent: false }),
      },
      onResponse,
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', (e) => resolve(err('hub-unreachable', `Không kết nối được máy chủ ${url.origin}: ${e.message}`)));
    req.end(body);
  });
}
