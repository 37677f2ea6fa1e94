import { z } from 'zod';
import { renderMessageTemplate, type NotificationKind } from '../../core/integrations/message-template';
import { addressAndTemplate, type Notifier, type NotifierMessage } from './notifier';
import { callPartner, readSuccessJson } from './partner-http';
import { partnerErr, partnerOk, type PartnerResult } from './partner-result';

/**
 * eSMS brandname SMS (customer care, SmsType 2):
 *
 *   POST <apiUrl>/MainService.svc/json/SendMultipleMessage_V4_post_json/
 *        {ApiKey, SecretKey, Phone, Content, Brandname, SmsType, IsUnicode, Sandbox, RequestId}
 *        → {CodeResult: "100", SMSID} on success, another CodeResult and ErrorMessage otherwise.
 */
export interface EsmsNotifierOptions {
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly secretKey: string;
  readonly brandname: string;
  readonly smsType: string;
  readonly sandbox: boolean;
  readonly templates: Readonly<Partial<Record<NotificationKind, string>>>;
  readonly timeoutMs: number;
}

const PARTNER = 'eSMS';
export const ESMS_SEND_PATH = '/MainService.svc/json/SendMultipleMessage_V4_post_json/';
/** eSMS's "wrong ApiKey/SecretKey" answer. */
const AUTH_CODES = new Set(['101']);

const AnswerSchema = z.looseObject({
  CodeResult: z.union([z.string(), z.number()]).transform(String),
  SMSID: z.string().nullish(),
  ErrorMessage: z.string().nullish(),
});

export class EsmsNotifier implements Notifier {
  readonly channel = 'esms';

  constructor(private readonly options: Readonly<EsmsNotifierOptions>) {}

  handles(kind: NotificationKind): boolean {
    return this.options.templates[kind] !== undefined;
  }

  async send(message: NotifierMessage): Promise<PartnerResult<{ readonly providerMsgId: string }>> {
    const addressed = addressAndTemplate(PARTNER, message, this.options.templates);
    if (!addressed.ok) return addressed;
    const { phone, template } = addressed.value;
    const content = renderMessageTemplate(template, message.params);
    if (!content.ok) return partnerErr('invalid-input', content.error.message);
    const o = this.options;
    const body = JSON.stringify({
      ApiKey: o.apiKey,
      SecretKey: o.secretKey,
      Phone: phone,
      Content: content.value,
      Brandname: o.brandname,
      SmsType: o.smsType,
      // Vietnamese with diacritics needs a Unicode SMS (more segments, but readable).
      IsUnicode: /[^\x20-\x7e]/.test(content.value) ? '1' : '0',
      Sandbox: o.sandbox ? '1' : '0',
      RequestId: message.idempotencyKey,
    });
    const sent = await callPartner(PARTNER, `${o.apiUrl.replace(/\/+$/, '')}${ESMS_SEND_PATH}`, { headers: { 'content-type': 'application/json' }, body, timeoutMs: o.timeoutMs });
    if (!sent.ok) return sent;
    const answer = readSuccessJson(PARTNER, sent.value, AnswerSchema);
    if (!answer.ok) return answer;
    const { CodeResult: code, SMSID, ErrorMessage } = answer.value;
    if (code === '100') {
      if (!SMSID) return partnerErr('malformed-answer', `${PARTNER}: CodeResult 100 without SMSID`);
      return partnerOk({ providerMsgId: SMSID });
    }
    return partnerErr(AUTH_CODES.has(code) ? 'unauthorized' : 'rejected', `${PARTNER}: ${ErrorMessage ?? 'no message'} (CodeResult ${code})`, { code });
  }
}
