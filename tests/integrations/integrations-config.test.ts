import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../core/validation';
import { DEFAULT_DVCQG_STATUS_TABLE, DEFAULT_SMS_TEMPLATES, IntegrationsConfigSchema, readIntegrationSecrets } from '../../kiosk-config/integrations-schema';

const portal = { adapterUrl: 'https://lgsp.hanoi.gov.vn/dvcqg', username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: '000.00.31.H26' };

function problems(raw: unknown): string {
  const r = IntegrationsConfigSchema.safeParse(raw);
  if (r.success) throw new Error('expected the config to be refused');
  return describeIssues('centre.json: integrations', r.error);
}

describe('integrations config schema', () => {
  it('an empty section: nothing connected, webhooks guarded by default', () => {
    expect(IntegrationsConfigSchema.parse({})).toEqual({ notifier: { order: ['zns', 'esms'] }, webhooks: { timeoutMs: 15_000, allowPrivateAddresses: false, subscriptions: [] } });
  });

  it('a national portal gets the default paths, timeout, code pattern and status table', () => {
    const c = IntegrationsConfigSchema.parse({ nationalPortal: portal });
    expect(c.nationalPortal).toEqual({
      ...portal,
      adapter: 'mc-legacy',
      authPath: '/auth',
      integrationPath: '/integration',
      dossierCodePattern: '{agency}-{yymmdd}-{seq:4}',
      timeoutMs: 20_000,
      statusTable: DEFAULT_DVCQG_STATUS_TABLE,
      procedureCodes: {},
    });
  });

  it('notifiers: ZNS template ids per event, SMS texts default to the Vietnamese ones', () => {
    const c = IntegrationsConfigSchema.parse({
      notifier: {
        zns: { appId: '1234567890', secretKeyEnv: 'MOTCUA_ZALO_SECRET', templates: { 'dossier-ready': { templateId: '298765' } } },
        esms: { apiKeyEnv: 'MOTCUA_ESMS_KEY', secretKeyEnv: 'MOTCUA_ESMS_SECRET', brandname: 'TTHCC-HK', templates: { 'queue-near': 'Con {remaining} luot nua' } },
      },
    });
    expect(c.notifier.zns).toMatchObject({ apiUrl: 'https://business.openapi.zalo.me', oauthUrl: 'https://oauth.zaloapp.com', timeoutMs: 15_000 });
    expect(c.notifier.esms?.templates).toEqual({ ...DEFAULT_SMS_TEMPLATES, 'queue-near': 'Con {remaining} luot nua' });
    expect(c.notifier.esms).toMatchObject({ apiUrl: 'https://rest.esms.vn', smsType: '2', sandbox: false });
  });

  it('names the field and what was expected', () => {
    expect(problems({ nationalPortal: { ...portal, madonvi: 'UBND-HK' } })).toContain('nationalPortal.madonvi: an agency electronic code like "000.00.31.H26"');
    expect(problems({ nationalPortal: { ...portal, passwordEnv: 'hunter2!' } })).toContain('nationalPortal.passwordEnv: the name of an environment variable');
    expect(problems({ nationalPortal: { ...portal, password: 'hunter2' } })).toContain('nationalPortal: Unrecognized key: "password"');
    expect(problems({ nationalPortal: { ...portal, adapterUrl: 'ftp://lgsp' } })).toContain('nationalPortal.adapterUrl: an http(s) URL');
    expect(problems({ nationalPortal: { ...portal, statusTable: { ...DEFAULT_DVCQG_STATUS_TABLE, done: 11 } } })).toContain('nationalPortal.statusTable.done: a DVCQG status code, an integer 1–10');
    expect(problems({ nationalPortal: { ...portal, dossierCodePattern: '{agency}-{seq:4}' } })).toContain('nationalPortal.dossierCodePattern: dossier code pattern "{agency}-{seq:4}": needs one date');
    expect(problems({ nationalPortal: { ...portal, timeoutMs: 10 } })).toContain('nationalPortal.timeoutMs: at least 1000 ms');
    expect(problems({ notifier: { zns: { appId: 'abc', secretKeyEnv: 'X' } } })).toContain('notifier.zns.appId: the Zalo app id (digits)');
    expect(problems({ notifier: { zns: { appId: '1', secretKeyEnv: 'X', templates: { 'lottery-win': { templateId: '1' } } } } })).toContain('notifier.zns.templates');
    expect(problems({ notifier: { esms: { apiKeyEnv: 'K', secretKeyEnv: 'S', brandname: 'A-VERY-LONG-BRAND' } } })).toContain('notifier.esms.brandname: a registered brandname, at most 11 characters');
    expect(problems({ notifier: { order: ['esms', 'esms'] } })).toContain('notifier.order: each channel at most once');
    expect(problems({ webhooks: { timeoutMs: 120_000 } })).toContain('webhooks.timeoutMs: at most 30000 ms');
    expect(problems({ webhooks: { allowPrivateAddresses: 'yes' } })).toContain('webhooks.allowPrivateAddresses');
  });
});

describe('integration secrets come from the environment', () => {
  const config = IntegrationsConfigSchema.parse({
    nationalPortal: portal,
    notifier: { zns: { appId: '1', secretKeyEnv: 'MOTCUA_ZALO_SECRET' }, esms: { apiKeyEnv: 'MOTCUA_ESMS_KEY', secretKeyEnv: 'MOTCUA_ESMS_SECRET', brandname: 'TTHCC-HK' } },
  });

  it('fills each client’s secret from the variable the config names', () => {
    const r = readIntegrationSecrets(config, { MOTCUA_DVCQG_PASSWORD: 'p', MOTCUA_ZALO_SECRET: 'z', MOTCUA_ESMS_KEY: 'k', MOTCUA_ESMS_SECRET: 's' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.nationalPortal).toMatchObject({ username: 'motcua-hk', password: 'p', madonvi: '000.00.31.H26' });
    expect(r.value.zns).toMatchObject({ appId: '1', secretKey: 'z' });
    expect(r.value.esms).toMatchObject({ apiKey: 'k', secretKey: 's', brandname: 'TTHCC-HK' });
  });

  it('lists every missing or empty variable at once, never a value', () => {
    const r = readIntegrationSecrets(config, { MOTCUA_ZALO_SECRET: '', MOTCUA_ESMS_KEY: 'k-value' });
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'integrations: no value in the environment for nationalPortal.passwordEnv (MOTCUA_DVCQG_PASSWORD), notifier.zns.secretKeyEnv (MOTCUA_ZALO_SECRET), notifier.esms.secretKeyEnv (MOTCUA_ESMS_SECRET)',
      },
    });
  });

  it('nothing configured, nothing needed', () => {
    expect(readIntegrationSecrets(IntegrationsConfigSchema.parse({}), {})).toEqual({ ok: true, value: { webhooks: { timeoutMs: 15_000, allowPrivateAddresses: false, subscriptions: [] } } });
  });
});

describe('webhook subscriptions in the config', () => {
  const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
  const OLD = `whsec_${Buffer.alloc(24, 9).toString('base64')}`;
  const sub = (extra: Record<string, unknown> = {}) => ({ id: 'so-tai-chinh', system: 'Sở Tài chính', url: 'https://stc.example.gov.vn/hooks', secretEnv: 'MOTCUA_WH_STC', events: ['dossier.received'], ...extra });
  const problems = (webhooks: unknown) => {
    const r = IntegrationsConfigSchema.safeParse({ webhooks });
    return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
  };

  it('names each event type, the endpoint and its secret by environment variable; refuses unknown events, duplicates and inline secrets', () => {
    expect(problems({ subscriptions: [sub()] })).toBe('');
    expect(problems({ subscriptions: [sub({ events: ['dossier.deleted'] })] })).toContain('subscriptions.0.events.0');
    expect(problems({ subscriptions: [sub({ events: [] })] })).toContain('at least one event type');
    expect(problems({ subscriptions: [sub({ events: ['ticket.called', 'ticket.called'] })] })).toContain('each event type at most once');
    expect(problems({ subscriptions: [sub(), sub()] })).toContain('duplicate subscription id "so-tai-chinh"');
    expect(problems({ subscriptions: [sub({ secret: SECRET })] })).toContain('secret');
    expect(problems({ subscriptions: [sub({ url: 'ftp://x' })] })).toContain('subscriptions.0.url');
  });

  it('reads the secrets, newest first, and refuses one that is not whsec_<base64 of ≥ 24 bytes>, naming the variable only', () => {
    const config = IntegrationsConfigSchema.parse({ webhooks: { subscriptions: [sub({ previousSecretEnv: 'MOTCUA_WH_STC_OLD' })] } });
    const r = readIntegrationSecrets(config, { MOTCUA_WH_STC: SECRET, MOTCUA_WH_STC_OLD: OLD });
    expect(r).toMatchObject({ ok: true, value: { webhooks: { subscriptions: [{ id: 'so-tai-chinh', secrets: [SECRET, OLD] }] } } });
    const bad = readIntegrationSecrets(config, { MOTCUA_WH_STC: 'hunter2', MOTCUA_WH_STC_OLD: OLD });
    expect(bad).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'integrations: not a webhook secret "whsec_<base64 of ≥ 24 bytes>" in webhooks.subscriptions[0].secretEnv (MOTCUA_WH_STC)' } });
    expect(readIntegrationSecrets(config, { MOTCUA_WH_STC: SECRET })).toMatchObject({ ok: false, error: { message: expect.stringContaining('webhooks.subscriptions[0].previousSecretEnv (MOTCUA_WH_STC_OLD)') } });
  });
});
