import Database from 'better-sqlite3';
import { verifyAllChains, type ChainReport } from '../../hub/audit/chain-verifier';

/**
 * "Nothing changed", read straight from the hub's SQLite file (WAL: a reader beside the running
 * hub sees every committed row): the row count of every table, and the audit chains.
 * `commands` is left out by default: a refused write's answer is logged there on purpose, so a
 * replay of its commandId gets the same refusal.
 */
export function rowCounts(dbFile: string, except: readonly string[] = ['commands']): Record<string, number> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all();
    return Object.fromEntries(tables.filter((t) => !except.includes(t.name)).map((t) => [t.name, db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${t.name}"`).get()!.n]));
  } finally {
    db.close();
  }
}

/**
 * `rowCounts` on the hub fixture's store, whichever it is (`f.rows()`: the SQLite file, or the
 * test's PostgreSQL database: every centre's rows, the test hub's the only ones).
 */
export async function storeRowCounts(rows: (sql: string) => Promise<unknown[]>, store: 'sqlite' | 'postgres', except: readonly string[] = ['commands']): Promise<Record<string, number>> {
  const listed = (await rows(
    store === 'sqlite'
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
      : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  )) as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of listed.filter((t) => !except.includes(t.name))) {
    const [row] = (await rows(`SELECT count(*) AS n FROM "${name}"`)) as { n: number | string }[];
    counts[name] = Number(row!.n);
  }
  return counts;
}

export function chains(dbFile: string): ChainReport {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return verifyAllChains(db);
  } finally {
    db.close();
  }
}

/** `auditRows` on the hub fixture's store, whichever it is. */
export async function storeAuditRows(rows: (sql: string) => Promise<unknown[]>): Promise<{ action: string; actor: string; subject: string; detail: Record<string, unknown> }[]> {
  const listed = (await rows(`SELECT action, actor, subject, detail_json FROM audit_log ORDER BY id`)) as { action: string; actor: string; subject: string; detail_json: string }[];
  return listed.map((r) => ({ action: r.action, actor: r.actor, subject: r.subject, detail: JSON.parse(r.detail_json) as Record<string, unknown> }));
}

/** The audit log's rows (action, actor, subject, detail), oldest first. */
export function auditRows(dbFile: string): { action: string; actor: string; subject: string; detail: Record<string, unknown> }[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { action: string; actor: string; subject: string; detail_json: string }>(`SELECT action, actor, subject, detail_json FROM audit_log ORDER BY id`)
      .all()
      .map((r) => ({ action: r.action, actor: r.actor, subject: r.subject, detail: JSON.parse(r.detail_json) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}
