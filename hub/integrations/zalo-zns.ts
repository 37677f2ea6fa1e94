import { z } from 'zod';
import { checkMessageParams, renderMessageTemplate, type NotificationKind } from '../../core/integrations/message-template';
import { addressAndTemplate, type Notifier, type NotifierMessage } from './notifier';
import { callPartner, readSuccessJson } from './partner-http';
import { partnerErr, partnerOk, type PartnerResult } from './partner-result';

/**
 * Zalo Notification Service (ZNS) template messages:
 *
 *   POST <apiUrl>/message/template   header access_token
 *        {phone: "84…", template_id, template_data: {k: string}, tracking_id} → {error: 0, data: {msg_id}}
 *   POST <oauthUrl>/v4/oa/access_token   header secret_key, form app_id, grant_type=refresh_token, refresh_token
 *        → {access_token, refresh_token, expires_in}
 *
 * The refresh token rotates and is single-use: each new one is saved through the injected store
 * before the new access token is used, so a crash never leaves the centre holding a spent refresh
 * token; and a refresh runs inside the store's `exclusive` section, which re-reads the stored
 * tokens first — when another process (several hubs of one centre on PostgreSQL) refreshed
 * meanwhile, its tokens are used and the spent refresh token is never sent again.
 */
export interface ZnsTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** ISO instant the access token stops working. */
  readonly accessExpiresAt: string;
}

export interface ZnsTokenStore {
  load(): Promise<ZnsTokens | null>;
  save(tokens: ZnsTokens): Promise<void>;
  /**
   * Runs `work` (load, maybe refresh, save) with the right to spend the stored refresh token: one
   * at a time for every process that shares the store, a `load` inside seeing what the previous
   * holder saved. A file of one process: just runs it (the notifier already refreshes one at a time).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export interface ZnsNotifierOptions {
  readonly apiUrl: string;
  readonly oauthUrl: string;
  readonly appId: string;
  readonly secretKey: string;
  readonly templates: Readonly<Partial<Record<NotificationKind, { readonly templateId: string; readonly data?: Readonly<Record<string, string>> }>>>;
  /** Zalo error codes meaning "quota used up": typed 'quota' (the chain then tries SMS). */
  readonly quotaErrorCodes?: readonly number[];
  readonly timeoutMs: number;
  readonly tokens: ZnsTokenStore;
  readonly clock: () => Date;
}

const PARTNER = 'Zalo ZNS';
/** An access token is renewed this long before it expires, so none expires mid-request. */
const RENEW_MARGIN_MS = 5 * 60_000;
/** Zalo's "access token invalid or expired" codes (ZNS -124; OA OpenAPI -216). */
const TOKEN_ERRORS = new Set([-124, -216]);

const SendAnswerSchema = z.looseObject({
  error: z.number(),
  message: z.string().nullish(),
  data: z.looseObject({ msg_id: z.string() }).nullish(),
});
const TokenGrantedSchema = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1), expires_in: z.union([z.string().regex(/^\d+$/), z.number().int()]) });
const TokenRefusedSchema = z.object({ error: z.number(), error_name: z.string().nullish(), error_description: z.string().nullish(), message: z.string().nullish() });
const TokenAnswerSchema = z.union([TokenGrantedSchema, TokenRefusedSchema]);

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

export class ZnsNotifier implements Notifier {
  readonly channel = 'zns';
  #refreshing: Promise<PartnerResult<ZnsTokens>> | null = null;

  constructor(private readonly options: Readonly<ZnsNotifierOptions>) {}

  handles(kind: NotificationKind): boolean {
    return this.options.templates[kind] !== undefined;
  }

  async send(message: NotifierMessage): Promise<PartnerResult<{ readonly providerMsgId: string }>> {
    const addressed = addressAndTemplate(PARTNER, message, this.options.templates);
    if (!addressed.ok) return addressed;
    const { phone, template } = addressed.value;
    const params = checkMessageParams(message.params);
    if (!params.ok) return partnerErr('invalid-input', params.error.message);
    const data = templateData(template.data, params.value);
    if (!data.ok) return data;
    const body = JSON.stringify({ phone, template_id: template.templateId, template_data: data.value, tracking_id: message.idempotencyKey });

    let tokens = await this.#validTokens();
    for (let attempt = 0; ; attempt++) {
      if (!tokens.ok) return tokens;
      const sent = await callPartner(PARTNER, join(this.options.apiUrl, '/message/template'), {
        headers: { 'content-type': 'application/json', access_token: tokens.value.accessToken },
        body,
        timeoutMs: this.options.timeoutMs,
      });
      if (!sent.ok) return sent;
      const answer = readSuccessJson(PARTNER, sent.value, SendAnswerSchema);
      if (!answer.ok) return answer;
      const { error, data } = answer.value;
      if (error === 0) {
        if (!data) return partnerErr('malformed-answer', `${PARTNER}: success without data.msg_id`);
        return partnerOk({ providerMsgId: data.msg_id });
      }
      if (TOKEN_ERRORS.has(error) && attempt === 0) {
        tokens = await this.#refresh(tokens.value);
        continue;
      }
      const kind = TOKEN_ERRORS.has(error) ? 'unauthorized' : (this.options.quotaErrorCodes ?? []).includes(error) ? 'quota' : 'rejected';
      return partnerErr(kind, `${PARTNER}: ${answer.value.message ?? 'no message'} (error ${error})`, { code: error });
    }
  }

  async #validTokens(): Promise<PartnerResult<ZnsTokens>> {
    const tokens = await this.options.tokens.load();
    if (tokens === null) return partnerErr('unauthorized', `${PARTNER}: no tokens stored; connect the Official Account first`);
    const expiresAt = Date.parse(tokens.accessExpiresAt);
    if (Number.isNaN(expiresAt) || expiresAt - RENEW_MARGIN_MS <= this.options.clock().getTime()) return this.#refresh(tokens);
    return partnerOk(tokens);
  }

  /** One refresh at a time: a rotated refresh token can be spent only once. */
  #refresh(stale: ZnsTokens): Promise<PartnerResult<ZnsTokens>> {
    if (this.#refreshing === null) {
      this.#refreshing = this.#doRefresh(stale).finally(() => {
        this.#refreshing = null;
      });
    }
    return this.#refreshing;
  }

  #doRefresh(stale: ZnsTokens): Promise<PartnerResult<ZnsTokens>> {
    return this.options.tokens.exclusive(async () => {
      const current = await this.options.tokens.load();
      // Another process refreshed since `stale` was read: its refresh token is the live one, ours is spent.
      if (current !== null && current.refreshToken !== stale.refreshToken) return partnerOk(current);
      return this.#refreshWith(stale);
    });
  }

  async #refreshWith(stale: ZnsTokens): Promise<PartnerResult<ZnsTokens>> {
    const form = new URLSearchParams({ app_id: this.options.appId, grant_type: 'refresh_token', refresh_token: stale.refreshToken });
    const sent = await callPartner(`${PARTNER} token`, join(this.options.oauthUrl, '/v4/oa/access_token'), {
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.options.secretKey },
      body: form.toString(),
      timeoutMs: this.options.timeoutMs,
    });
    if (!sent.ok) return sent;
    const answer = readSuccessJson(`${PARTNER} token`, sent.value, TokenAnswerSchema);
    if (!answer.ok) return answer;
    const granted = TokenGrantedSchema.safeParse(answer.value);
    if (!granted.success) {
      const a = TokenRefusedSchema.parse(answer.value);
      return partnerErr('unauthorized', `${PARTNER} token refresh refused: ${a.error_description ?? a.error_name ?? a.message ?? 'no message'} (error ${a.error})`, { code: a.error });
    }
    const tokens: ZnsTokens = {
      accessToken: granted.data.access_token,
      refreshToken: granted.data.refresh_token,
      accessExpiresAt: new Date(this.options.clock().getTime() + Number(granted.data.expires_in) * 1000).toISOString(),
    };
    await this.options.tokens.save(tokens);
    return partnerOk(tokens);
  }
}

/**
 * The ZNS template's parameters from the event's values: each approved template names its own
 * parameters (`ma_ho_so`, `ngay_hen`, …), mapped in the config to a text with `{code}`-style
 * placeholders; no mapping sends the event's values under their own names.
 */
function templateData(mapping: Readonly<Record<string, string>> | undefined, params: Readonly<Record<string, string>>): PartnerResult<Readonly<Record<string, string>>> {
  if (mapping === undefined) return partnerOk(params);
  const data: Record<string, string> = {};
  for (const [name, text] of Object.entries(mapping)) {
    const value = renderMessageTemplate(text, params);
    if (!value.ok) return partnerErr('invalid-input', `${PARTNER}: template_data.${name}: ${value.error.message}`);
    data[name] = value.value;
  }
  return partnerOk(data);
}
