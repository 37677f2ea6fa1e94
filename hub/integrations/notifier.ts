import type { NotificationKind } from '../../core/integrations/message-template';
import { normaliseVietnameseMobile } from '../../core/integrations/vn-phone';
import { partnerErr, partnerOk, type PartnerResult } from './partner-result';

/** One message to a citizen who gave a phone number for this purpose. */
export interface NotifierMessage {
  /** As the citizen gave it: "0912 345 678", "+84912345678"; each adapter normalises to 84…. */
  readonly to: string;
  readonly kind: NotificationKind;
  /** The template's values (never an identity number: refused before sending). */
  readonly params: Readonly<Record<string, string>>;
  /** Sent to the provider (ZNS tracking_id, eSMS RequestId) and the caller's key against doubles. */
  readonly idempotencyKey: string;
}

/** A channel to the citizen's phone (Zalo ZNS, a brandname SMS gateway, …). */
export interface Notifier {
  readonly channel: string;
  /** Whether this channel has a template for the kind (otherwise the next channel is tried). */
  handles(kind: NotificationKind): boolean;
  send(message: NotifierMessage): Promise<PartnerResult<{ readonly providerMsgId: string }>>;
}

/** What every channel checks first: the phone in 84… form and the channel's template for the kind. */
export function addressAndTemplate<T>(
  partner: string,
  message: NotifierMessage,
  templates: Readonly<Partial<Record<NotificationKind, T>>>,
): PartnerResult<{ readonly phone: string; readonly template: T }> {
  const phone = normaliseVietnameseMobile(message.to);
  if (!phone.ok) return partnerErr('invalid-input', phone.error.message);
  const template = templates[message.kind];
  if (template === undefined) return partnerErr('invalid-input', `${partner}: no template for "${message.kind}"`);
  return partnerOk({ phone: phone.value, template });
}
