import { randomUUID } from 'node:crypto';
import { startFakeServer, jsonBody, type FakeServer } from './fake-http-server';

/**
 * A fake eSMS gateway: POST /MainService.svc/json/SendMultipleMessage_V4_post_json/ with
 * {ApiKey, SecretKey, Phone, Content, Brandname, SmsType, IsUnicode, …} → {CodeResult: "100", SMSID}.
 * Refuses wrong keys (101), an unregistered brandname (104), a phone that is not Vietnamese (99).
 */
export interface EsmsSent {
  readonly phone: string;
  readonly content: string;
  readonly brandname: string;
  readonly isUnicode: string;
  readonly requestId: string;
  readonly smsId: string;
}

export interface FakeEsms extends FakeServer {
  readonly sent: EsmsSent[];
  /** The next send answers this CodeResult and message. */
  failNext(code: string, message: string): void;
}

export async function startFakeEsms(options: { readonly apiKey: string; readonly secretKey: string; readonly brandnames: readonly string[] }): Promise<FakeEsms> {
  const sent: EsmsSent[] = [];
  const failures: { code: string; message: string }[] = [];
  const server = await startFakeServer((request) => {
    if (request.method !== 'POST' || request.path !== '/MainService.svc/json/SendMultipleMessage_V4_post_json/') return { status: 404, body: '<html>404</html>' };
    const b = jsonBody(request) as Record<string, unknown> | null;
    if (!b || typeof b !== 'object') return { body: { CodeResult: '99', ErrorMessage: 'Body phải là JSON' } };
    if (b.ApiKey !== options.apiKey || b.SecretKey !== options.secretKey) return { body: { CodeResult: '101', ErrorMessage: 'Sai ApiKey hoặc SecretKey' } };
    if (typeof b.Brandname !== 'string' || !options.brandnames.includes(b.Brandname)) return { body: { CodeResult: '104', ErrorMessage: `Brandname ${JSON.stringify(b.Brandname)} chưa đăng ký` } };
    if (typeof b.Phone !== 'string' || !/^(?:84|0)\d{9}$/.test(b.Phone)) return { body: { CodeResult: '99', ErrorMessage: `Số điện thoại ${JSON.stringify(b.Phone)} không hợp lệ` } };
    if (typeof b.Content !== 'string' || b.Content.length === 0) return { body: { CodeResult: '99', ErrorMessage: 'Content bắt buộc' } };
    if (b.SmsType !== '2') return { body: { CodeResult: '99', ErrorMessage: `SmsType ${JSON.stringify(b.SmsType)} không hỗ trợ` } };
    const failure = failures.shift();
    if (failure) return { body: { CodeResult: failure.code, ErrorMessage: failure.message } };
    const smsId = randomUUID();
    sent.push({ phone: b.Phone, content: b.Content, brandname: b.Brandname, isUnicode: String(b.IsUnicode), requestId: String(b.RequestId), smsId });
    return { body: { CodeResult: '100', CountRegenerate: 0, SMSID: smsId } };
  });
  return { ...server, sent, failNext: (code, message) => failures.push({ code, message }) };
}
