import { describe, expect, it } from 'vitest';
import { namedStatementCount, preparedQuery } from '../../../hub/store/pg/prepared';

/** The hub's statement names (hub/store/pg/prepared.ts); on a real server: pg-store.test.ts. */
describe('prepared statement names', () => {
  it('the same text gets the same name, two texts two names, no parameters no name', () => {
    const a = preparedQuery('SELECT $1::int', [1]);
    const again = preparedQuery('SELECT $1::int', [2]);
    const b = preparedQuery('SELECT $1::text', ['x']);
    expect(a.name).toMatch(/^m[0-9a-f]{24}$/);
    expect(again.name).toBe(a.name);
    expect(b.name).not.toBe(a.name);
    expect(preparedQuery('BEGIN', [])).toEqual({ text: 'BEGIN', values: [] });
  });

  it('past 2,000 distinct texts the rest go unnamed (texts assembled without bound fill no connection)', () => {
    for (let i = 0; namedStatementCount() < 2_000; i++) preparedQuery(`SELECT $1::int + ${i}`, [i]);
    const past = preparedQuery('SELECT $1::int + -1', [0]);
    expect(past).toEqual({ text: 'SELECT $1::int + -1', values: [0] });
    // One named before the bound keeps its name.
    expect(preparedQuery('SELECT $1::int + 0', [0])).toMatchObject({ name: expect.stringMatching(/^m/) });
  });
});
