import type { NotificationKind } from '../../core/integrations/message-template';
import type { Notifier, NotifierMessage } from './notifier';
import { partnerErr, type PartnerResult } from './partner-result';

/**
 * The configured channels in order (`notifier.order`, ZNS before SMS by default): a message goes
 * through the first that has a template for its kind. A channel that fails is not silently
 * swapped for another — the caller's queue retries it and shows the reason — so a citizen never
 * gets the same news twice by two channels. The one exception is a quota error (kind 'quota'):
 * the channel said it sent nothing and will send nothing today, so the next channel with a
 * template for the kind is tried.
 */
export class NotifierChain {
  constructor(private readonly channels: readonly Notifier[]) {}

  channelFor(kind: NotificationKind): Notifier | null {
    return this.channels.find((c) => c.handles(kind)) ?? null;
  }

  async send(message: NotifierMessage): Promise<PartnerResult<{ readonly channel: string; readonly providerMsgId: string }>> {
    const channel = this.channelFor(message.kind);
    if (channel === null) return partnerErr('invalid-input', `no notifier has a template for "${message.kind}" (channels: ${this.channels.map((c) => c.channel).join(', ') || 'none'})`);
    const quotaErrors: string[] = [];
    for (const next of this.channels.slice(this.channels.indexOf(channel))) {
      if (!next.handles(message.kind)) continue;
      const sent = await next.send(message);
      if (sent.ok) return { ok: true, value: { channel: next.channel, providerMsgId: sent.value.providerMsgId } };
      if (sent.error.kind !== 'quota') return quotaErrors.length === 0 ? sent : partnerErr(sent.error.kind, `${quotaErrors.join('; ')}; ${sent.error.message}`, {
              ...(sent.error.code !== undefined ? { code: sent.error.code } : {}),
              ...(sent.error.status !== undefined ? { status: sent.error.status } : {}),
            });
      quotaErrors.push(sent.error.message);
    }
    return partnerErr('quota', quotaErrors.join('; '));
  }
}
