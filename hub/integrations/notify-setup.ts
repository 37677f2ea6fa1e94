import { EsmsNotifier } from './esms';
import type { Notifier } from './notifier';
import { NotifierChain } from './notifier-chain';
import type { NotifierSettings } from './outbox-settings';
import { ZnsNotifier, type ZnsTokenStore } from './zalo-zns';

/** The configured channels to the citizen's phone, in the config's order; null when none is configured. */
export function notifierChainOf(settings: NotifierSettings | undefined, tokens: ZnsTokenStore, clock: () => Date): NotifierChain | null {
  if (!settings || (!settings.zns && !settings.esms)) return null;
  const channels: Notifier[] = [];
  for (const name of settings.order) {
    if (name === 'zns' && settings.zns) {
      const z = settings.zns;
      channels.push(new ZnsNotifier({ apiUrl: z.apiUrl, oauthUrl: z.oauthUrl, appId: z.appId, secretKey: z.secretKey, templates: z.templates, quotaErrorCodes: z.quotaErrorCodes, timeoutMs: z.timeoutMs, tokens, clock }));
    }
    if (name === 'esms' && settings.esms) channels.push(new EsmsNotifier(settings.esms));
  }
  return new NotifierChain(channels);
}
