import { randomUUID } from 'node:crypto';
import { startFakeServer, jsonBody, type FakeServer } from './fake-http-server';

/**
 * A fake Zalo: the ZNS send endpoint and the OA token endpoint on one server.
 *   POST /message/template   header access_token, {phone, template_id, template_data, tracking_id}
 *   POST /v4/oa/access_token header secret_key, form app_id, grant_type=refresh_token, refresh_token
 * It refuses a phone not in 84… form, an unknown template or a missing parameter, an unknown or
 * expired access token (-124), and a refresh token that was already spent (they rotate).
 */
export interface ZnsSent {
  readonly phone: string;
  readonly templateId: string;
  readonly data: Readonly<Record<string, string>>;
  readonly trackingId: string;
  readonly msgId: string;
}

export interface FakeZns extends FakeServer {
  readonly sent: ZnsSent[];
  readonly refreshes: number;
  /** The refresh token the fake accepts now; tests seed the notifier's store with it. */
  readonly refreshToken: string;
  /** A valid access token, issued now (tests seed the store with it). */
  issueAccessToken(): string;
  /** Every access token stops working (as after Zalo's 25 h lifetime). */
  expireAccessTokens(): void;
  /** The next send answers this Zalo error (a quota error, a template not approved, …). */
  failNextSend(error: number, message: string): void;
  /** The next send answers after this many ms. */
  slowNextSend(delayMs: number): void;
}

export interface FakeZnsOptions {
  readonly appId: string;
  readonly secretKey: string;
  /** template_id → the template's parameter names. */
  readonly templates: Readonly<Record<string, readonly string[]>>;
}

export async function startFakeZns(options: FakeZnsOptions): Promise<FakeZns> {
  const accessTokens = new Set<string>();
  let refreshToken = `rt-${randomUUID()}`;
  let refreshes = 0;
  const sent: ZnsSent[] = [];
  const failures: { error: number; message: string }[] = [];
  let slowMs = 0;
  const issue = () => {
    const t = `at-${randomUUID()}`;
    accessTokens.add(t);
    return t;
  };

  const server = await startFakeServer((request) => {
    if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
    if (request.path === '/v4/oa/access_token') {
      if (request.headers.secret_key !== options.secretKey) return { body: { error: -14002, error_name: 'Invalid secret key', error_description: 'secret_key không đúng' } };
      if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return { body: { error: -14001, error_name: 'Invalid parameter', error_description: 'form expected' } };
      const form = new URLSearchParams(request.body);
      if (form.get('app_id') !== options.appId || form.get('grant_type') !== 'refresh_token') return { body: { error: -14001, error_name: 'Invalid parameter', error_description: 'app_id hoặc grant_type không đúng' } };
      if (form.get('refresh_token') !== refreshToken) return { body: { error: -14014, error_name: 'Invalid refresh token', error_description: 'refresh_token không hợp lệ hoặc đã được dùng' } };
      refreshes += 1;
      refreshToken = `rt-${randomUUID()}`;
      return { body: { access_token: issue(), refresh_token: refreshToken, expires_in: '90000' } };
    }
    if (request.path !== '/message/template') return { status: 404, body: '<html>404</html>' };
    const token = request.headers.access_token;
    if (typeof token !== 'string' || !accessTokens.has(token)) return { body: { error: -124, message: 'Access token không hợp lệ hoặc đã hết hạn' } };
    const body = jsonBody(request) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') return { body: { error: -100, message: 'Body phải là JSON' } };
    if (typeof body.phone !== 'string' || !/^84\d{9}$/.test(body.phone)) return { body: { error: -108, message: `Số điện thoại ${JSON.stringify(body.phone)} không hợp lệ (dạng 84xxxxxxxxx)` } };
    const params = options.templates[String(body.template_id)];
    if (!params) return { body: { error: -109, message: `Template ${JSON.stringify(body.template_id)} không tồn tại` } };
    const data = body.template_data as Record<string, unknown> | undefined;
    if (!data || typeof data !== 'object' || params.some((p) => typeof data[p] !== 'string')) return { body: { error: -112, message: `template_data thiếu tham số (cần ${params.join(', ')})` } };
    if (typeof body.tracking_id !== 'string' || body.tracking_id.length === 0) return { body: { error: -100, message: 'tracking_id bắt buộc' } };
    const failure = failures.shift();
    if (failure) return { body: { error: failure.error, message: failure.message } };
    const msgId = randomUUID().replace(/-/g, '');
    sent.push({ phone: body.phone, templateId: String(body.template_id), data: data as Record<string, string>, trackingId: body.tracking_id, msgId });
    const delayMs = slowMs;
    slowMs = 0;
    return { body: { error: 0, message: 'Success', data: { msg_id: msgId, sent_time: String(Date.now()), quota: { dailyQuota: '500', remainingQuota: String(500 - sent.length) } } }, delayMs };
  });

  return {
    ...server,
    sent,
    get refreshes() {
      return refreshes;
    },
    get refreshToken() {
      return refreshToken;
    },
    issueAccessToken: issue,
    expireAccessTokens: () => accessTokens.clear(),
    failNextSend: (error, message) => failures.push({ error, message }),
    slowNextSend: (delayMs) => {
      slowMs = delayMs;
    },
  };
}
