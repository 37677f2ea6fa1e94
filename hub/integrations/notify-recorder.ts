import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import type { NotificationKind } from '../../core/integrations/message-template';
import type { NotifyConsent } from '../../core/integrations/notify-consent';
import { normaliseVietnameseMobile } from '../../core/integrations/vn-phone';
import type { Async } from '../store/async-of';
import type { OutboxRepository } from './outbox-repository';

/** The citizen's phone in the outbox: target of the rows the notifier chain delivers. */
export const NOTIFY_TARGET = 'notify';

/** What a notify row carries: the phone (84…, given with consent), the event and the template's values. */
export interface NotifyPayload {
  readonly phone: string;
  readonly kind: NotificationKind;
  readonly params: Readonly<Record<string, string>>;
}

/** The dossier statuses the citizen is told about, and by which message. */
const KIND_OF_STATUS: Readonly<Record<string, NotificationKind>> = {
  'supplement-requested': 'dossier-supplement',
  done: 'dossier-ready',
};

/** "2026-12-10T09:00:00.000Z" → "10/12/2026" (Vietnam's day). */
export function vnDay(iso: string): string {
  const wall = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(wall.getUTCDate())}/${p(wall.getUTCMonth() + 1)}/${wall.getUTCFullYear()}`;
}

/**
 * Notify rows, written in the dossier command's own transaction: on receipt when the applicant
 * gave a phone for it (the phone is kept in that row's payload, nowhere else), then on each
 * change the citizen is told about, to the same phone. The row's event id is the ZNS tracking_id
 * and the eSMS RequestId: a retry or a replayed command never sends twice.
 * The values are the dossier code, its due day and the centre's name: never an identity number.
 */
export class NotifyRecorder {
  constructor(
    private readonly repo: Async<OutboxRepository>,
    private readonly centreName: string,
  ) {}

  async dossierReceived(at: string, dossier: Dossier, notify: NotifyConsent | undefined): Promise<void> {
    if (!notify?.consent) return;
    const phone = normaliseVietnameseMobile(notify.phone);
    // The command's schema refused anything else: a refusal here is a programming error.
    if (!phone.ok) throw new Error(phone.error.message);
    await this.#enqueue(at, dossier, 'dossier-received', phone.value, 0);
  }

  async dossierChanged(at: string, dossier: Dossier, entry: DossierHistoryEntry, historyLength: number): Promise<void> {
    if (entry.fromStatus === dossier.status) return;
    const kind = KIND_OF_STATUS[dossier.status];
    if (kind === undefined) return;
    const phone = await this.phoneOf(dossier.code);
    if (phone !== null) await this.#enqueue(at, dossier, kind, phone, historyLength);
  }

  /** The phone given with consent at receipt, or null (none given: nothing is ever sent). */
  async phoneOf(code: string): Promise<string | null> {
    const payload = (await this.repo.firstPayloadOf(code, NOTIFY_TARGET)) as NotifyPayload | null;
    return payload ? payload.phone : null;
  }

  async #enqueue(at: string, dossier: Dossier, kind: NotificationKind, phone: string, step: number): Promise<void> {
    // "mời ông/bà đến {centre} nhận": the result is collected where the citizen chose (core/dossiers/collection.ts).
    const centre = kind === 'dossier-ready' ? dossier.collectAtCentre.name : this.centreName;
    const payload: NotifyPayload = { phone, kind, params: { code: dossier.code, due: vnDay(dossier.dueAt), centre } };
    await this.repo.enqueue({ target: NOTIFY_TARGET, eventId: `notify_${dossier.code}_${kind}_${step}`, eventType: kind, subject: dossier.code, payload, createdAt: at });
  }
}
