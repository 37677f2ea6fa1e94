import type { PgMigration } from '../migrate';

/**
 * The hub processes that have a subscriber of the centre's queue (a device's socket in its room),
 * on the centre's row, which every event already locks to take its seq: a statement numbering
 * events returns them with the seqs, so whether an event must be published to the other processes
 * is decided in the same order as the events (hub/store/pg/centre-listeners.ts). Each process
 * names itself by its host, its port and an id kept in its data dir (listener-name.ts); one that
 * dies leaves its name (the others keep publishing — safe) and removes it when it starts again.
 */
export const pgMigration0022: PgMigration = {
  version: 22,
  name: 'listening processes on the centre row',
  sql: `ALTER TABLE centres ADD COLUMN listeners TEXT[] NOT NULL DEFAULT '{}';`,
};
