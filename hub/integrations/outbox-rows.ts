import type { DeliveryState } from '../../core/integrations/outbound-events';
import type { OutboxRow } from './outbox-repository';

/** An outbox row as both stores hold it (SQLite and PostgreSQL: the same columns and values). */
export interface OutboxDbRow {
  id: number;
  target: string;
  event_id: string;
  event_type: string;
  subject: string;
  payload: string;
  created_at: string;
  state: DeliveryState;
  attempts: number;
  first_attempt_at: string | null;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

/** The row's columns, in the order above. */
export const OUTBOX_COLUMNS = 'id, target, event_id, event_type, subject, payload, created_at, state, attempts, first_attempt_at, next_attempt_at, last_attempt_at, last_error, delivered_at';

export const toDelivery = (r: OutboxDbRow): OutboxRow => ({
  id: r.id,
  target: r.target,
  eventId: r.event_id,
  eventType: r.event_type,
  subject: r.subject,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  firstAttemptAt: r.first_attempt_at,
  payload: JSON.parse(r.payload) as unknown,
});

