import type pg from 'pg';

/**
 * What the PostgreSQL building blocks (ticket-numbers, event-log, command-claims) need of a
 * connection: a pg client, a checked-out pool client, or PgSql (the running transaction's client).
 */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- node-postgres' own default row type
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}
