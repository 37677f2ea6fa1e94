import pg from 'pg';

/**
 * What the database spent its time on while `work` ran (pg_stat_statements; the server must have
 * been started with STATEMENT_SETTINGS): per statement, calls, execution and planning time. Execution
 * time includes waiting for row locks, so a statement that waits on a busy row looks expensive;
 * planning time is pure CPU. BENCH_PROVINCE_STATEMENTS=1 (bench/province.ts) prints it.
 */
export const STATEMENT_SETTINGS = ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track_planning=on'] as const;

export interface StatementFigures {
  readonly calls: number;
  readonly execMs: number;
  readonly planMs: number;
  readonly statement: string;
}

export async function profileStatements<T>(url: string, work: () => Promise<T>, top = 20): Promise<{ result: T; statements: StatementFigures[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
    const result = await work();
    const { rows } = await client.query<{ calls: string; exec_ms: string; plan_ms: string; q: string }>(
      `SELECT calls, round(total_exec_time::numeric, 1) AS exec_ms, round(total_plan_time::numeric, 1) AS plan_ms,
         left(regexp_replace(query, '\\s+', ' ', 'g'), 120) AS q
       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
      [top],
    );
    return { result, statements: rows.map((r) => ({ calls: Number(r.calls), execMs: Number(r.exec_ms), planMs: Number(r.plan_ms), statement: r.q })) };
  } finally {
    await client.end();
  }
}
