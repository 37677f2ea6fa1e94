import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../hub/db/migration';
import { MIGRATIONS } from '../../../hub/db/migrations';
import { checkPlanCoversFile } from '../../../hub/store/pg/import/import-centre';
import { IMPORT_PLAN, sourceIdOf } from '../../../hub/store/pg/import/import-plan';

/**
 * The import's plan against the SQLite schema itself: a new migration that adds a table, or a
 * column referring to an id, fails here (fast, without PostgreSQL) until the plan says how its
 * rows move.
 */
describe('province import plan', () => {
  const db = new BetterSqlite3(':memory:');
  migrate(db, MIGRATIONS);
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const identity = new Set(IMPORT_PLAN.filter((t) => t.identity).map((t) => t.table));

  it('names every table of the latest SQLite schema once, and the file check agrees', () => {
    expect(IMPORT_PLAN.map((t) => t.table).sort()).toEqual(tables);
    expect(new Set(IMPORT_PLAN.map((t) => t.table)).size).toBe(IMPORT_PLAN.length);
    expect(() => checkPlanCoversFile(db)).not.toThrow();
    const extra = new BetterSqlite3(':memory:');
    migrate(extra, MIGRATIONS);
    extra.exec('CREATE TABLE later_feature (id INTEGER PRIMARY KEY)');
    expect(() => checkPlanCoversFile(extra)).toThrow(/tables not in the import plan: later_feature/);
    extra.close();
  });

  it('shifts exactly the INTEGER PRIMARY KEY ids, and follows every foreign key to them', () => {
    for (const spec of IMPORT_PLAN) {
      const cols = db.prepare('SELECT name, type, pk FROM pragma_table_info(?)').all(spec.table) as { name: string; type: string; pk: number }[];
      const rowid = cols.length > 0 && cols.filter((c) => c.pk > 0).length === 1 && cols.some((c) => c.name === 'id' && c.pk === 1 && c.type === 'INTEGER');
      expect(spec.identity, `${spec.table}: id is SQLite's rowid`).toBe(rowid);
      const fks = db.prepare('SELECT "from" AS col, "table" AS target, "to" AS target_col FROM pragma_foreign_key_list(?)').all(spec.table) as { col: string; target: string; target_col: string }[];
      const toIds = Object.fromEntries(fks.filter((f) => identity.has(f.target) && f.target_col === 'id').map((f) => [f.col, f.target]));
      expect(spec.refs, `${spec.table}: references to shifted ids`).toEqual(toIds);
      // Parents before children.
      for (const f of fks) expect(IMPORT_PLAN.findIndex((t) => t.table === f.target), `${spec.table} → ${f.target}`).toBeLessThan(IMPORT_PLAN.indexOf(spec));
    }
  });

  it('gives a verifier the SQLite id of an imported row, and leaves other rows\' ids alone', () => {
    const offsets = { audit_log: { offset: 40, last: 45 } };
    expect([40, 41, 45, 46].map((id) => sourceIdOf(offsets, 'audit_log', id))).toEqual([40, 1, 5, 46]);
    expect(sourceIdOf(offsets, 'dossier_history', 41)).toBe(41);
  });
});
