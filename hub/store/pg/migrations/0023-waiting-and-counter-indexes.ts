import type { PgMigration } from '../migrate';

/**
 * The tickets' indexes that a day's load made the planner misuse (SQLite migration 0026 makes the
 * same change; docs/province.md, "The planner's morning"):
 * - `tickets_by_counter` keeps only the tickets a counter has had (`counter_id IS NOT NULL`): every
 *   statement reading it names a counter. Before ANALYZE had seen the day's tickets (autovacuum
 *   comes a minute later at best) the planner took it — the narrowest of the indexes it judged
 *   equal — for the waiting count of every `ticket:issue`, and read every ticket of the centre's
 *   day through it (0.65 ms of a 1.1 ms statement at 2,000 tickets a centre). Now it cannot, and a
 *   new ticket no longer writes to it.
 * - `tickets_by_state` (centre, day, state, service, issued_at) is gone: every statement that read
 *   it asked for the waiting tickets, of a service or per service. `tickets_waiting_heads` serves
 *   them, its columns put service first — (centre, day, service, assigned counter, priority class,
 *   issued_at) — so that a service's queue is one range of it: a call's heads are still one entry
 *   each, the waiting count reads the service's queue and nothing else, and a ticket leaving the
 *   queue writes to no index of waiting tickets. A new ticket writes three index entries, not five.
 *   (A dedicated partial index of the waiting tickets by service was tried first: narrower still,
 *   the planner then took it for the call's heads and sorted the service's whole queue.)
 */
export const pgMigration0023: PgMigration = {
  version: 23,
  name: 'waiting and counter indexes of tickets',
  sql: `
    DROP INDEX tickets_by_state;
    DROP INDEX tickets_waiting_heads;
    CREATE INDEX tickets_waiting_heads ON tickets (centre_id, day, service_id, assigned_counter_id, (priority <> 'normal'), issued_at)
      WHERE state = 'waiting';
    DROP INDEX tickets_by_counter;
    CREATE INDEX tickets_by_counter ON tickets (centre_id, day, counter_id, called_at) WHERE counter_id IS NOT NULL;
  `,
};
