import { z } from 'zod';
import { err, ok, type Result } from '../core/result';
import { WEBHOOK_EVENT_TYPES } from '../core/integrations/outbound-events';
import { DvcqgStatusTableSchema, type DvcqgStatusTable } from '../core/integrations/dvcqg-status';
import { NOTIFICATION_KINDS, placeholdersOf, type NotificationKind } from '../core/integrations/message-template';
import { AGENCY_ELECTRONIC_CODE, compileDossierCodePattern, DEFAULT_NATIONAL_CODE_PATTERN } from '../core/integrations/national-dossier-code';

/**
 * The partner systems a centre talks to (issue 14): the national portal (DVCQG), the citizen's
 * phone (Zalo ZNS, an eSMS brandname gateway) and outbound webhooks. Secrets are named by
 * environment variable (`…Env`), never written in the file, which is read by every operator.
 */
const EnvVarNameSchema = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'the name of an environment variable, e.g. "MOTCUA_DVCQG_PASSWORD"');
const BaseUrlSchema = z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. "https://lgsp.example.gov.vn"' });
const PathSchema = z.string().regex(/^\/[^\s?#]*$/, 'a path starting with "/"');
const TimeoutSchema = (fallback: number) => z.number().int().min(1000, 'at least 1000 ms').max(60_000, 'at most 60000 ms').default(fallback);

/**
 * motcua status → DVCQG code (1 mới đăng ký … 10 đã trả kết quả): received at the counter is 2
 * (được tiếp nhận), in the department 4, waiting for a supplement 5, refused 3, done 9, returned 10.
 */
export const DEFAULT_DVCQG_STATUS_TABLE: DvcqgStatusTable = {
  received: 2,
  processing: 4,
  'supplement-requested': 5,
  refused: 3,
  done: 9,
  returned: 10,
};

export const NationalPortalConfigSchema = z.strictObject({
  /** The portal's dialect; only the mc-legacy services (DongBoHoSoMC, …) for now. */
  adapter: z.literal('mc-legacy').default('mc-legacy'),
  /** The LGSP/NGSP adapter in front of the portal. */
  adapterUrl: BaseUrlSchema,
  authPath: PathSchema.default('/auth'),
  integrationPath: PathSchema.default('/integration'),
  /** Sent as the `dstcode` header when the province's gateway routes by it (e.g. VN:GOV:000.00.00.G22:vpcpdvcprovider). */
  dstcode: z.string().min(1).optional(),
  username: z.string().min(1),
  passwordEnv: EnvVarNameSchema,
  /** The agency's electronic code (Decision 20/2020/QĐ-TTg), sent as `madonvi` and starting national dossier codes. */
  madonvi: z.string().regex(AGENCY_ELECTRONIC_CODE, 'an agency electronic code like "000.00.31.H26"'),
  /** Layout of national dossier codes (core/integrations/national-dossier-code.ts). */
  dossierCodePattern: z
    .string()
    .default(DEFAULT_NATIONAL_CODE_PATTERN)
    .superRefine((p, ctx) => {
      const r = compileDossierCodePattern(p);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error.message });
    }),
  timeoutMs: TimeoutSchema(20_000),
  statusTable: DvcqgStatusTableSchema.default(DEFAULT_DVCQG_STATUS_TABLE),
  /** Older alias: the mã TTHC of each catalogue procedure; prefer `procedures[].nationalCode` (it wins). A procedure in neither is sent with its own code. */
  procedureCodes: z.record(z.string().min(1), z.string().regex(/^\d\.\d{6}(\.[0-9A-Z.]+)?$/, 'a national procedure code like "1.005129"')).default({}),
});

const ZnsTemplateSchema = z.strictObject({
  templateId: z.string().regex(/^\d+$/, 'the ZNS template id (digits)'),
  /**
   * The approved template's parameters, each a text with the event's `{code}`, `{due}`, `{centre}`,
   * `{remaining}`, `{number}`, `{service}` (e.g. {"ma_ho_so": "{code}", "ngay_hen": "{due}"}); absent: sent under those names.
   */
  data: z
    .record(z.string(), z.string().min(1).max(100))
    .superRefine((d, ctx) => {
      for (const [name, text] of Object.entries(d)) {
        if (!/^[a-z][a-z0-9_]{0,29}$/.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'a ZNS parameter name (lower-case letters, digits, "_"), as in the approved template' });
        const unknown = placeholdersOf(text).filter((p) => !(MESSAGE_PLACEHOLDERS as readonly string[]).includes(p));
        if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: [name], message: `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; expected ${MESSAGE_PLACEHOLDERS.map((m) => `{${m}}`).join(', ')}` });
      }
    })
    .optional(),
});

/** The values a message can name. */
export const MESSAGE_PLACEHOLDERS = ['code', 'due', 'centre', 'remaining', 'number', 'service'] as const;

export const ZnsConfigSchema = z.strictObject({
  apiUrl: BaseUrlSchema.default('https://business.openapi.zalo.me'),
  oauthUrl: BaseUrlSchema.default('https://oauth.zaloapp.com'),
  appId: z.string().regex(/^\d+$/, 'the Zalo app id (digits)'),
  secretKeyEnv: EnvVarNameSchema,
  templates: z.partialRecord(z.enum(NOTIFICATION_KINDS), ZnsTemplateSchema).default({}),
  /** The first refresh token of the OA (then rotated into zns-tokens.json beside the hub's database). */
  refreshTokenEnv: EnvVarNameSchema.optional(),
  /**
   * Zalo error codes meaning "quota used up": the message then goes by the next channel (SMS)
   * instead of being retried. None by default: Zalo's official list was not verified, so set the
   * codes your OA answers when its daily quota is spent.
   */
  quotaErrorCodes: z.array(z.number().int()).default([]),
  timeoutMs: TimeoutSchema(15_000),
});

/** Default brandname SMS texts; `{name}` placeholders are filled from the event. */
export const DEFAULT_SMS_TEMPLATES: Readonly<Record<NotificationKind, string>> = {
  'queue-near': 'Còn {remaining} người nữa đến lượt số {number} ({service}) của bạn tại {centre}.',
  'dossier-received': 'Hồ sơ {code} đã được tiếp nhận, hẹn trả ngày {due}.',
  'dossier-supplement': 'Hồ sơ {code} cần bổ sung giấy tờ. Mời ông/bà liên hệ {centre}.',
  'dossier-ready': 'Hồ sơ {code} đã có kết quả, mời ông/bà đến {centre} nhận.',
};

export const EsmsConfigSchema = z.strictObject({
  apiUrl: BaseUrlSchema.default('https://rest.esms.vn'),
  apiKeyEnv: EnvVarNameSchema,
  secretKeyEnv: EnvVarNameSchema,
  brandname: z.string().min(1).max(11, 'a registered brandname, at most 11 characters'),
  /** eSMS SmsType: "2" customer care (brandname). */
  smsType: z.string().regex(/^\d+$/).default('2'),
  sandbox: z.boolean().default(false),
  templates: z
    .partialRecord(
      z.enum(NOTIFICATION_KINDS),
      z
        .string()
        .min(1)
        .max(480)
        .superRefine((text, ctx) => {
          const unknown = placeholdersOf(text).filter((p) => !(MESSAGE_PLACEHOLDERS as readonly string[]).includes(p));
          if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; expected ${MESSAGE_PLACEHOLDERS.map((m) => `{${m}}`).join(', ')}` });
        }),
    )
    .default({})
    .transform((t) => ({ ...DEFAULT_SMS_TEMPLATES, ...t })),
  timeoutMs: TimeoutSchema(15_000),
});

export const NotifierConfigSchema = z.strictObject({
  zns: ZnsConfigSchema.optional(),
  esms: EsmsConfigSchema.optional(),
  /** Tried in this order; a message goes by the first channel that has a template for its event. */
  order: z
    .array(z.enum(['zns', 'esms']))
    .default(['zns', 'esms'])
    .refine((o) => new Set(o).size === o.length, 'each channel at most once'),
});

/** One external system's endpoint: where, signed with which secret(s), for which events. */
export const WebhookSubscriptionSchema = z.strictObject({
  /** Stable id: the delivery log and the outbox name the subscription by it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and "-", e.g. "so-tai-chinh"'),
  /** The external system, as the admin screen shows it (e.g. "Phần mềm một cửa Sở Tài chính"). */
  system: z.string().min(1).max(120),
  url: BaseUrlSchema,
  /** The endpoint's whsec_… secret, named by environment variable. */
  secretEnv: EnvVarNameSchema,
  /** During a rotation: the previous secret, also signing until the receiver has switched. */
  previousSecretEnv: EnvVarNameSchema.optional(),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, 'at least one event type')
    .refine((e) => new Set(e).size === e.length, 'each event type at most once'),
});

export const WebhookDefaultsSchema = z.strictObject({
  /** One attempt's time limit (Standard Webhooks: 15–30 s). */
  timeoutMs: z.number().int().min(1000, 'at least 1000 ms').max(30_000, 'at most 30000 ms').default(15_000),
  /** Deliver to loopback, link-local and private addresses (a department's server on the LAN); off: SSRF guard. */
  allowPrivateAddresses: z.boolean().default(false),
  subscriptions: z
    .array(WebhookSubscriptionSchema)
    .default([])
    .superRefine((subs, ctx) => {
      const seen = new Set<string>();
      subs.forEach((s, i) => {
        if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate subscription id "${s.id}"` });
        seen.add(s.id);
      });
    }),
});

export const IntegrationsConfigSchema = z.strictObject({
  nationalPortal: NationalPortalConfigSchema.optional(),
  notifier: NotifierConfigSchema.prefault({}),
  webhooks: WebhookDefaultsSchema.prefault({}),
});

export type NationalPortalConfig = z.infer<typeof NationalPortalConfigSchema>;
export type ZnsConfig = z.infer<typeof ZnsConfigSchema>;
export type EsmsConfig = z.infer<typeof EsmsConfigSchema>;
export type NotifierConfig = z.infer<typeof NotifierConfigSchema>;
export type WebhookDefaults = z.infer<typeof WebhookDefaultsSchema>;
export type WebhookSubscriptionConfig = z.infer<typeof WebhookSubscriptionSchema>;
export type IntegrationsConfig = z.infer<typeof IntegrationsConfigSchema>;
export type IntegrationsConfigInput = z.input<typeof IntegrationsConfigSchema>;

/** The config with each `…Env` secret read from the environment, in the shapes the clients take. */
export interface IntegrationSecrets {
  readonly nationalPortal?: NationalPortalConfig & { readonly password: string };
  readonly zns?: ZnsConfig & { readonly secretKey: string; readonly refreshToken?: string };
  readonly esms?: EsmsConfig & { readonly apiKey: string; readonly secretKey: string };
  /** Every subscription with its secrets read, newest first (both sign during a rotation). */
  readonly webhooks: Omit<WebhookDefaults, 'subscriptions'> & { readonly subscriptions: readonly (WebhookSubscriptionConfig & { readonly secrets: readonly string[] })[] };
}

/** Standard Webhooks: `whsec_` and base64 of at least 24 bytes. */
const WEBHOOK_SECRET_FORM = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

/**
 * Reads the secrets the config names. Every missing or empty variable is listed at once, so an
 * operator fixes the service unit in one go; the values never appear in the message.
 */
export function readIntegrationSecrets(config: IntegrationsConfig, env: Readonly<Record<string, string | undefined>>): Result<IntegrationSecrets> {
  const missing: string[] = [];
  const read = (name: string, field: string) => {
    const value = env[name];
    if (value === undefined || value === '') missing.push(`${field} (${name})`);
    return value ?? '';
  };
  const portal = config.nationalPortal;
  const zns = config.notifier.zns;
  const esms = config.notifier.esms;
  const malformed: string[] = [];
  const secret = (name: string, field: string) => {
    const value = read(name, field);
    if (value !== '' && !WEBHOOK_SECRET_FORM.test(value)) malformed.push(`${field} (${name})`);
    return value;
  };
  const subscriptions = config.webhooks.subscriptions.map((s, i) => ({
    ...s,
    secrets: [secret(s.secretEnv, `webhooks.subscriptions[${i}].secretEnv`), ...(s.previousSecretEnv ? [secret(s.previousSecretEnv, `webhooks.subscriptions[${i}].previousSecretEnv`)] : [])],
  }));
  const secrets: IntegrationSecrets = {
    webhooks: { timeoutMs: config.webhooks.timeoutMs, allowPrivateAddresses: config.webhooks.allowPrivateAddresses, subscriptions },
    ...(portal ? { nationalPortal: { ...portal, password: read(portal.passwordEnv, 'nationalPortal.passwordEnv') } } : {}),
    ...(zns ? { zns: { ...zns, secretKey: read(zns.secretKeyEnv, 'notifier.zns.secretKeyEnv'), ...(zns.refreshTokenEnv ? { refreshToken: read(zns.refreshTokenEnv, 'notifier.zns.refreshTokenEnv') } : {}) } } : {}),
    ...(esms ? { esms: { ...esms, apiKey: read(esms.apiKeyEnv, 'notifier.esms.apiKeyEnv'), secretKey: read(esms.secretKeyEnv, 'notifier.esms.secretKeyEnv') } } : {}),
  };
  if (missing.length > 0) return err('invalid-input', `integrations: no value in the environment for ${missing.join(', ')}`);
  if (malformed.length > 0) return err('invalid-input', `integrations: not a webhook secret "whsec_<base64 of ≥ 24 bytes>" in ${malformed.join(', ')}`);
  return ok(secrets);
}
