import type { Migration } from '../migration';

/**
 * Issue 13: the tickets' indexes hold only the rows their readers ask for (PostgreSQL migration
 * 0023 makes the same change, where the planner had misused them; docs/province.md, "The planner's
 * morning"):
 * - `tickets_by_counter` keeps only the tickets a counter has had (`counter_id IS NOT NULL`): every
 *   statement reading it names a counter, and a new ticket no longer writes to it.
 * - `tickets_by_state` (day, state, service, issued_at) is gone: every statement that read it asked
 *   for the waiting tickets, of a service or per service. `tickets_waiting_heads` serves them, its
 *   columns put service first — (day, service, assigned counter, priority class, issued_at) — so a
 *   service's queue is one range of it: a call's heads are still one entry each, the waiting count
 *   reads the service's queue alone, and a ticket leaving the queue writes to no index of waiting
 *   tickets. A new ticket writes two index entries, not four (PostgreSQL, with its primary key: 3, not 5).
 */
export const WAITING_AND_COUNTER_INDEXES_VERSION = 26;

export const migrationWaitingAndCounterIndexes: Migration = {
  version: WAITING_AND_COUNTER_INDEXES_VERSION,
  name: 'waiting and counter indexes of tickets',
  up(db) {
    db.exec(`
      DROP INDEX tickets_by_state;
      DROP INDEX tickets_waiting_heads;
      CREATE INDEX tickets_waiting_heads ON tickets (day, service_id, assigned_counter_id, priority <> 'normal', issued_at)
        WHERE state = 'waiting';
      DROP INDEX tickets_by_counter;
      CREATE INDEX tickets_by_counter ON tickets (day, counter_id, called_at) WHERE counter_id IS NOT NULL;
    `);
  },
};
