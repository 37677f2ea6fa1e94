#!/usr/bin/env node
// `npm run test:pg`: every suite that starts its hubs through the hub fixture
// (tests/support/hub-fixture.ts) runs again on PostgreSQL (MOTCUA_TEST_STORE=postgres: a private
// instance per file). Found by what the suite imports, so a new fixture suite joins by itself;
// one that pins `testStore: 'sqlite'` stays out.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = 'tests';
const suites = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => {
    if (!f.endsWith('.test.ts')) return false;
    const source = readFileSync(path.join(dir, f), 'utf8');
    // A suite that pins its store (`testStore: 'sqlite'`: it reads the SQLite file by hand) says where its PostgreSQL side is tested.
    return /from '(\.\.\/)+support\/hub-fixture'/.test(source) && !source.includes("testStore: 'sqlite'");
  })
  .map((f) => path.join(dir, f))
  .sort();
if (suites.length === 0) {
  console.error('test:pg: no suite uses tests/support/hub-fixture.ts — nothing would run on PostgreSQL');
  process.exit(1);
}
console.log(`test:pg: ${suites.length} suites (every one using the hub fixture) on PostgreSQL`);
const run = spawnSync('npx', ['vitest', 'run', ...suites, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, MOTCUA_TEST_STORE: 'postgres' } });
process.exit(run.status ?? 1);
