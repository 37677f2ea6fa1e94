import { randomBytes } from 'node:crypto';
import type { Dossier } from '../../core/dossiers/dossier';
import { newWebhookSecret } from '../../hub/integrations/webhook-sender';
import type { IntegrationsConfigInput } from '../../kiosk-config/integrations-schema';
import { commandId, type DeviceSocket } from '../support/centre';
import { startFakeDvcqg, type FakeDvcqg } from '../support/fake-dvcqg';
import { startFakeEsms, type FakeEsms } from '../support/fake-esms';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../support/fake-webhook-receiver';
import { startFakeZns, type FakeZns } from '../support/fake-zns';
import { APPLICANT } from './outbox-support';

export const MADONVI = '000.00.31.H26';
/** The ZNS template of "ready to collect". */
export const READY = '301122';
export const ACTOR = { id: 'nvb', name: 'Nguyễn Văn Bình' };

/**
 * Every partner a centre's integrations talk to, each a fake on 127.0.0.1 speaking its real
 * protocol: the national portal (DVCQG), Zalo ZNS, eSMS, and a department's webhook receiver —
 * with the integrations config section and environment that point a hub at them.
 */
export interface FakePartners {
  readonly portal: FakeDvcqg;
  readonly zalo: FakeZns;
  readonly esms: FakeEsms;
  readonly dept: FakeWebhookReceiver;
  readonly integrations: IntegrationsConfigInput;
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export async function startFakePartners(): Promise<FakePartners> {
  const whsec = newWebhookSecret((n) => randomBytes(n));
  const portal = await startFakeDvcqg({ username: 'motcua-hk', password: 'mat-khau-lgsp', madonvi: MADONVI, successCode: 0 });
  const zalo = await startFakeZns({ appId: '1', secretKey: 'zs', templates: { [READY]: ['ma_ho_so'] } });
  const esms = await startFakeEsms({ apiKey: 'k', secretKey: 's', brandnames: ['TTHCC-HK'] });
  const dept = await startFakeWebhookReceiver({ secret: whsec });
  return {
    portal,
    zalo,
    esms,
    dept,
    integrations: {
      nationalPortal: { adapterUrl: portal.url, username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: MADONVI, timeoutMs: 2000 },
      notifier: {
        zns: { apiUrl: zalo.url, oauthUrl: zalo.url, appId: '1', secretKeyEnv: 'MOTCUA_ZALO_SECRET', refreshTokenEnv: 'MOTCUA_ZALO_REFRESH', timeoutMs: 2000, templates: { 'dossier-ready': { templateId: READY, data: { ma_ho_so: '{code}' } } } },
        esms: { apiUrl: esms.url, apiKeyEnv: 'MOTCUA_ESMS_KEY', secretKeyEnv: 'MOTCUA_ESMS_SECRET', brandname: 'TTHCC-HK', timeoutMs: 2000 },
      },
      webhooks: { allowPrivateAddresses: true, timeoutMs: 2000, subscriptions: [{ id: 'so-tai-chinh', system: 'Phần mềm Sở Tài chính', url: `${dept.url}/hooks`, secretEnv: 'MOTCUA_WH_STC', events: ['dossier.received', 'dossier.status_changed'] }] },
    },
    env: { MOTCUA_DVCQG_PASSWORD: 'mat-khau-lgsp', MOTCUA_ZALO_SECRET: 'zs', MOTCUA_ZALO_REFRESH: zalo.refreshToken, MOTCUA_ESMS_KEY: 'k', MOTCUA_ESMS_SECRET: 's', MOTCUA_WH_STC: whsec },
    close: async () => {
      await Promise.all([portal.close(), zalo.close(), esms.close(), dept.close()]);
    },
  };
}

/** A dossier received at the counter with the citizen's phone given with consent to notifications. */
export async function receiveNotified(desk: DeviceSocket): Promise<Dossier> {
  const r = await desk.emitWithAck('dossier:receive', {
    commandId: commandId(),
    procedureCode: 'KD-TL',
    applicant: APPLICANT,
    documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
    feePaid: 100000,
    notify: { phone: '0912 345 678', consent: true },
  } as never);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { dossier: Dossier }).dossier;
}
