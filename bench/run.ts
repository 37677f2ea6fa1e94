import { runHandOffBench, runPdfBench } from './dossiers';
import { runMalformedBench } from './malformed';
import { runPhoneFollowBench } from './phone-follow';
import { runPhonePaintBench } from './phone-paint';
import { runPrintingBench } from './printing';
import { runProvinceBench } from './province';
import { POSTGRES_MISSING } from '../tests/support/postgres';
import { runRoleBundlesBench } from './role-bundles';
import { runScaleBench } from './scale';
import { runSoakBench } from './soak';
import { runThroughputBench } from './throughput';
import { runSliceBench } from './vertical-slice';

/** `npm run bench`: every benchmark in one run, one JSON document on stdout. */
const result = {
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  at: new Date().toISOString(),
  // gzip size of the JS each role loads (renderer build's manifest).
  roleBundles: runRoleBundlesBench(),
  verticalSlice: await runSliceBench(),
  printing: await runPrintingBench(),
  scale: await runScaleBench(),
  dossiers: { scanToPdf: await runPdfBench(), handOff: await runHandOffBench() },
  malformed: await runMalformedBench(),
  hubThroughput: await runThroughputBench(),
  // 5,000 phones following one service's queue over SSE: call → each phone.
  phoneFollow: await runPhoneFollowBench(),
  // The phone page's first paint with 4× CPU slowdown and Slow 4G.
  phonePaint: await runPhonePaintBench(),
  // Issue 13: 2 hub processes on PostgreSQL serving 20 centres, beside one SQLite hub.
  province: POSTGRES_MISSING === null ? await runProvinceBench() : { skipped: `PostgreSQL is not installed here: ${POSTGRES_MISSING}` },
  // Long (≈ 1M commands; MOTCUA_SOAK_SCALE=0.1 for a tenth): last, so the figures above come first.
  soak: await runSoakBench(),
};
console.log(JSON.stringify(result, null, 2));
