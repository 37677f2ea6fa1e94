import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { asyncOf } from '../../hub/store/async-of';
import { SqliteStore } from '../../hub/store/sqlite/sqlite-store';
import { tempDir } from '../support/centre';

/** A tiny repository in the shape of the hub's: synchronous statements, used through asyncOf. */
class Marks {
  private readonly insertStmt;
  private readonly countStmt;
  constructor(db: BetterSqlite3.Database) {
    this.insertStmt = db.prepare('INSERT INTO marks (label) VALUES (?)');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM marks');
  }
  add(label: string): void {
    if (label === 'bad') throw new Error('không hợp lệ');
    this.insertStmt.run(label);
  }
  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}

describe('SqliteStore: the unit of work over one better-sqlite3 connection', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  function open() {
    const tmp = tempDir();
    dirs.push(tmp);
    const file = path.join(tmp.dir, 'store.sqlite');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE marks (label TEXT NOT NULL)');
    const reader = new BetterSqlite3(file, { readonly: true });
    const committed = () => (reader.prepare('SELECT label FROM marks ORDER BY rowid').all() as { label: string }[]).map((r) => r.label);
    return { db, store: new SqliteStore(db), marks: asyncOf(new Marks(db)), committed, close: () => (reader.close(), db.close()) };
  }

  it('commits what the work awaited when it resolves, and nothing is visible to another connection before', async () => {
    const { store, marks, committed, close } = open();
    const seen: string[][] = [];
    const value = await store.transaction(async () => {
      await marks.add('a');
      await marks.add('b');
      seen.push(committed());
      return marks.count();
    });
    expect(value).toBe(2);
    expect(seen).toEqual([[]]);
    expect(committed()).toEqual(['a', 'b']);
    close();
  });

  it('rolls everything back and rejects with the same error when the work throws', async () => {
    const { db, store, marks, committed, close } = open();
    await expect(
      store.transaction(async () => {
        await marks.add('a');
        await marks.add('bad');
      }),
    ).rejects.toThrow('không hợp lệ');
    expect(committed()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    close();
  });

  it('a transaction inside another is a savepoint: its failure rolls back only its own writes', async () => {
    const { store, marks, committed, close } = open();
    await store.transaction(async () => {
      await marks.add('outer');
      await store.transaction(() => marks.add('inner-kept'));
      await expect(
        store.transaction(async () => {
          await marks.add('inner-lost');
          throw new Error('từ chối');
        }),
      ).rejects.toThrow('từ chối');
      await marks.add('after');
    });
    expect(committed()).toEqual(['outer', 'inner-kept', 'after']);
    close();
  });

  it('two transactions started at once run one after the other, not one inside the other', async () => {
    const { store, marks, committed, close } = open();
    const order: string[] = [];
    const first = store.transaction(async () => {
      order.push('first:start');
      await marks.add('1');
      await new Promise((resolve) => setTimeout(resolve, 20)); // a real turn of the event loop
      order.push('first:end');
      throw new Error('first fails');
    });
    const second = store.transaction(async () => {
      order.push('second:start');
      await marks.add('2');
      order.push('second:end');
    });
    await expect(first).rejects.toThrow('first fails');
    await second;
    // Had the second joined the first as a savepoint, the first's rollback would have taken '2' with it.
    expect(order).toEqual(['first:start', 'first:end', 'second:start', 'second:end']);
    expect(committed()).toEqual(['2']);
    close();
  });

  it('a commit that fails rejects and leaves no transaction open', async () => {
    const { db, store, marks, close } = open();
    db.exec('PRAGMA foreign_keys = ON; CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    await expect(
      store.transaction(async () => {
        await marks.add('x');
        db.prepare('INSERT INTO child (p) VALUES (42)').run(); // checked at COMMIT
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(db.inTransaction).toBe(false);
    expect(await marks.count()).toBe(0);
    close();
  });

  it('asyncOf turns a throw into a rejection and leaves getters out', async () => {
    const { marks, close } = open();
    await expect(marks.add('bad')).rejects.toThrow('không hợp lệ');
    expect(Object.keys(marks).sort()).toEqual(['add', 'count']);
    close();
  });
});
