import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * The hub's parameterised statements as named prepared statements (docs/province.md, "The command
 * rate on PostgreSQL"). Unnamed, PostgreSQL parses, analyses and plans every statement on every
 * execution: under the province bench that was about 0.9 ms of the database's CPU per `ticket:issue`
 * (the wait-figures statement alone 0.47 ms of planning). Named, each connection parses a text once
 * (node-postgres remembers per connection which names it has prepared) and PostgreSQL may keep a
 * generic plan. The name is a hash of the text, so the same text always gets the same name and two
 * texts never share one. The texts are the repositories' constants (a few assembled from a bounded
 * set of parts); past MAX_NAMED distinct texts — something assembling texts without bound — the rest
 * stay unnamed rather than fill every connection with statements.
 */
const MAX_NAMED = 2_000;
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `m${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * The query node-postgres is given: named when it has parameters (a statement without them — BEGIN,
 * SAVEPOINT s3, a DDL — goes as a simple query, as before).
 */
export function preparedQuery(text: string, values: readonly unknown[]): pg.QueryConfig {
  const name = values.length === 0 ? undefined : nameOf(text);
  return name === undefined ? { text, values: values as unknown[] } : { name, text, values: values as unknown[] };
}

/** How many distinct texts are named so far (for the test of the bound). */
export function namedStatementCount(): number {
  return names.size;
}
