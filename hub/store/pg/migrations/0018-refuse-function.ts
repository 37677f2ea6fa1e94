import type { PgMigration } from '../migrate';

/**
 * `motcua_refuse(message)`: raises an error with that message (SQLSTATE P0001). A statement sent
 * without waiting for its answer (PgSql.send, pipelined with what follows) cannot have its result
 * checked by the hub before the COMMIT goes out, so it checks itself: the command log's answer
 * calls this when it wrote no row, which aborts the transaction and turns its COMMIT into a
 * rollback. A VOLATILE function, so the planner never evaluates it while folding constants (a
 * cast that fails, in a CASE arm, would raise at planning with a custom plan).
 */
export const pgMigration0018: PgMigration = {
  version: 18,
  name: 'refuse function',
  sql: `
    CREATE FUNCTION motcua_refuse(message text) RETURNS integer LANGUAGE plpgsql VOLATILE AS $body$
    BEGIN
      RAISE EXCEPTION USING MESSAGE = message, ERRCODE = 'P0001';
    END
    $body$;
  `,
};
