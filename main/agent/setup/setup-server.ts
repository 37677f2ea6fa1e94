import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { err, ok, type Result } from '../../../core/result';
import { writePairedConfig } from '../paired-config';
import { pairWithHub, type PairedTerminal } from '../pairing-client';
import { SETUP_CSS, SETUP_HTML, SETUP_JS } from './setup-page';

const SetupRequestSchema = z.strictObject({ hubUrl: z.string().min(1).max(300), code: z.string().min(1).max(20) });
const MAX_BODY_BYTES = 2048;
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface SetupServerOptions {
  /** The terminal config file the pairing writes (mode 0600). */
  readonly configFile: string;
  readonly port?: number;
  /** The CA fingerprint the administrator gave, if any (else trust on first use). */
  readonly expectedCaFingerprint?: string;
}

/**
 * The page a browser-mode terminal serves on 127.0.0.1 while it has no credential yet: the
 * technician types the hub's address and the pairing code; the terminal pairs (pairing-client.ts)
 * and writes its config. Only its own page may ask it to pair: the request must be JSON (a
 * cross-site form cannot send that without a preflight, which is refused) from its own origin.
 */
export class SetupServer {
  private server: Server | null = null;
  private origin = '';
  private resolvePaired: ((p: PairedTerminal) => void) | null = null;
  /** Resolves once a pairing has been written. */
  readonly paired: Promise<PairedTerminal>;

  constructor(private readonly options: SetupServerOptions) {
    this.paired = new Promise((resolve) => (this.resolvePaired = resolve));
  }

  async start(): Promise<{ url: string }> {
    if (this.server) throw new Error('SetupServer.start() called twice');
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url: `${this.origin}/` };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method === 'GET' && path === '/') return send(200, 'text/html', SETUP_HTML);
    if (req.method === 'GET' && path === '/setup.css') return send(200, 'text/css', SETUP_CSS);
    if (req.method === 'GET' && path === '/setup.js') return send(200, 'text/javascript', SETUP_JS);
    if (req.method === 'POST' && path === '/setup/pair') {
      const answer = await this.pair(req);
      return send(answer.ok ? 200 : answer.error.kind === 'forbidden' ? 403 : 400, 'application/json', JSON.stringify(answer));
    }
    return send(404, 'application/json', JSON.stringify(err('not-found', 'Không có trang này (no such page).')));
  }

  private async pair(req: IncomingMessage): Promise<Result<{ deviceId: string; hubUrl: string; hubCaFingerprint: string | null }>> {
    if (req.headers.origin !== this.origin) return err('forbidden', 'Chỉ trang cài đặt của thiết bị này được ghép nối (wrong origin).');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return err('invalid-input', 'Gửi JSON (application/json).');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return err('invalid-input', 'Yêu cầu quá lớn.');
      chunks.push(chunk as Buffer);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return err('invalid-input', 'Yêu cầu không phải JSON.');
    }
    const input = SetupRequestSchema.safeParse(raw);
    if (!input.success) return err('invalid-input', 'Cần địa chỉ máy chủ và mã ghép nối.');
    const paired = await pairWithHub({ hubUrl: input.data.hubUrl, code: input.data.code, expectedCaFingerprint: this.options.expectedCaFingerprint });
    if (!paired.ok) return paired;
    const written = writePairedConfig(this.options.configFile, paired.value);
    if (!written.ok) return written;
    this.resolvePaired?.(paired.value);
    return ok({ deviceId: paired.value.deviceId, hubUrl: paired.value.hubUrl, hubCaFingerprint: paired.value.hubCaFingerprint ?? null });
  }
}
