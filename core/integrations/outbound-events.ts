import { z } from 'zod';

/**
 * What motcua tells other systems, and how far each dossier has reached the national portal.
 * Pure: the hub's outbox (hub/integrations/outbox-*.ts) builds rows from these and the admin and
 * staff screens read the states.
 */

/** The webhook event types a subscription can ask for (Standard Webhooks `type`). */
export const WEBHOOK_EVENT_TYPES = ['dossier.received', 'dossier.status_changed', 'dossier.overdue', 'ticket.called', 'rating.given'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A row of the outbox: one delivery target and one event. */
export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'disabled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DELIVERY_STATE_VI: Readonly<Record<DeliveryState, string>> = {
  pending: 'Đang chờ gửi',
  delivered: 'Đã gửi',
  failed: 'Gửi lỗi, đã dừng',
  disabled: 'Đã tắt (đầu nhận trả 410)',
};

/** The national portal's target in the outbox; a webhook subscription's is `webhook:<id>`. */
export const PORTAL_TARGET = 'dvcqg';
export const webhookTarget = (subscriptionId: string) => `webhook:${subscriptionId}`;

/** One delivery as the admin's log shows it (no payload: it may name a dossier). */
export const DeliverySchema = z.object({
  id: z.number().int(),
  target: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  subject: z.string(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** A dossier's sync with the national portal: what the counter and the back office show. */
export const DossierSyncSchema = z.object({
  state: z.enum(['synced', 'pending', 'error']),
  /** "đã đồng bộ", "chờ đồng bộ", "lỗi: …". */
  label: z.string(),
  /** When the last step reached the portal, or null. */
  syncedAt: z.string().nullable(),
});
export type DossierSync = z.infer<typeof DossierSyncSchema>;

/** The portal rows of one dossier, oldest first, as far as the sync state needs them. */
export interface PortalRowState {
  readonly state: DeliveryState;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
}

/**
 * The dossier's sync state from its portal rows: null when nothing goes to the portal (no portal
 * configured); an error as soon as the oldest undelivered row has met one (it is retried, and
 * later steps wait behind it); pending while rows wait; synced when every row was delivered.
 */
export function dossierSyncState(rows: readonly PortalRowState[]): DossierSync | null {
  if (rows.length === 0) return null;
  const open = rows.find((r) => r.state !== 'delivered');
  const syncedAt = rows.filter((r) => r.deliveredAt !== null).map((r) => r.deliveredAt!).sort().at(-1) ?? null;
  if (!open) return { state: 'synced', label: 'đã đồng bộ', syncedAt };
  if (open.state === 'failed' || open.state === 'disabled' || open.lastError !== null) {
    // The short reason before " — " is for staff; the technical detail after it stays in the admin's log.
    const reason = open.lastError?.split(' — ')[0] ?? DELIVERY_STATE_VI[open.state];
    return { state: 'error', label: `lỗi: ${reason}`, syncedAt };
  }
  return { state: 'pending', label: 'chờ đồng bộ', syncedAt };
}

/** The admin screen's filter of the delivery log. */
export const DeliveryLogQuerySchema = z.strictObject({
  state: z.enum(DELIVERY_STATES).optional(),
  target: z.string().min(1).max(60).optional(),
});
export type DeliveryLogQuery = z.infer<typeof DeliveryLogQuerySchema>;

/** A webhook subscription as the admin sees it: where, for which events, and whether a 410 switched it off. */
export const SubscriptionViewSchema = z.object({
  id: z.string(),
  system: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  /** The reason it is off (HTTP 410 Gone), or null. */
  disabled: z.string().nullable(),
});

export const DeliveryLogSchema = z.object({
  deliveries: z.array(DeliverySchema),
  subscriptions: z.array(SubscriptionViewSchema),
  portalConfigured: z.boolean(),
});
export type DeliveryLog = z.infer<typeof DeliveryLogSchema>;

export const ResendDeliveryInputSchema = z.strictObject({ id: z.number().int().positive() });
export const ResendDeliveryOutputSchema = z.object({ delivery: DeliverySchema });
