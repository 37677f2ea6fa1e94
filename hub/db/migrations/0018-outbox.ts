import type { Migration } from '../migration';

export const OUTBOX_VERSION = 18;

/**
 * The durable outbox of deliveries to other systems (issue 14): one row per delivery target
 * (`webhook:<subscription>` or `dvcqg`) and event, written in the transaction of the command that
 * caused it, so an acknowledged change is never lost to a crash. The worker
 * (hub/integrations/outbox-worker.ts) sends due rows and records each attempt here.
 */
export const migrationOutbox: Migration = {
  version: OUTBOX_VERSION,
  name: 'outbox of deliveries',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id               INTEGER PRIMARY KEY,
        target           TEXT NOT NULL,
        -- The webhook-id for a webhook (the receiver's idempotency key, the same on every retry).
        event_id         TEXT NOT NULL,
        event_type       TEXT NOT NULL,
        -- The dossier code or ticket id the event is about: the portal's steps go in order per subject.
        subject          TEXT NOT NULL,
        payload          TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('pending','delivered','failed','disabled')),
        attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        first_attempt_at TEXT,
        next_attempt_at  TEXT,
        last_attempt_at  TEXT,
        last_error       TEXT,
        delivered_at     TEXT,
        UNIQUE (target, event_id)
      ) STRICT;
      -- The worker's question: what is due now.
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
      -- A dossier's sync state, and the order of its portal steps.
      CREATE INDEX outbox_by_subject ON outbox (subject, target, id);

      -- A subscription whose receiver answered 410 Gone: no deliveries until an administrator re-sends.
      CREATE TABLE webhook_subscription_states (
        subscription_id TEXT PRIMARY KEY,
        disabled_at     TEXT,
        reason          TEXT
      ) STRICT;
    `);
  },
};
