import type { Migration } from '../migration';

/**
 * Calling next reads a handful of index entries instead of the whole day's queue, snapshots and
 * wait estimates read a few rows instead of sorting the day or the history, and the
 * command log keeps what idempotency needs and nothing more: every write's first answer
 * (refusals included, marked ok = 0) for a retention window, never the answers of reads.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'call-next indexes, command log retention',
  up(db) {
    db.exec(`
      -- The head of each (service, class) of the unassigned queue, and of each counter's transfers:
      -- partial, so called and finished tickets never cost an index entry here.
      CREATE INDEX tickets_waiting_heads ON tickets (day, assigned_counter_id, service_id, priority <> 'normal', issued_at)
        WHERE state = 'waiting';
      CREATE INDEX tickets_waiting_transferred ON tickets (day, assigned_counter_id, issued_at)
        WHERE state = 'waiting' AND assigned_counter_id IS NOT NULL;
      -- A counter's calls of the day, newest first (the priority ratio), and per service (the weights).
      CREATE INDEX tickets_called_here ON tickets (day, counter_id, first_called_at)
        WHERE first_called_at IS NOT NULL;
      CREATE INDEX tickets_called_by_service ON tickets (day, counter_id, service_id)
        WHERE first_called_at IS NOT NULL;
      -- Every snapshot reads the day's latest calls, every issue the service's latest finished
      -- services (the wait estimate): without these both sorted the whole day, or the whole history.
      CREATE INDEX tickets_recent_calls ON tickets (day, called_at) WHERE called_at IS NOT NULL;
      CREATE INDEX tickets_done_by_service ON tickets (service_id, finished_at) WHERE state = 'done' AND started_at IS NOT NULL;

      ALTER TABLE commands ADD COLUMN ok INTEGER NOT NULL DEFAULT 1 CHECK (ok IN (0, 1));
      CREATE INDEX commands_by_at ON commands (at);
      -- Reads were logged with their answers (names, CCCD numbers): they never needed to be.
      DELETE FROM commands WHERE name IN ('appointment:slots', 'appointment:list', 'dossier:lookup', 'dossier:list', 'dossier:get');
    `);
  },
};
