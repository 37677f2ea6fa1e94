import { runHandOffBench, runPdfBench } from './dossiers';
import { runMalformedBench } from './malformed';
import { runPrintingBench } from './printing';
import { runScaleBench } from './scale';
import { runSliceBench } from './vertical-slice';

/** `npm run bench`: every benchmark in one run, one JSON document on stdout. */
const result = {
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  at: new Date().toISOString(),
  verticalSlice: await runSliceBench(),
  printing: await runPrintingBench(),
  scale: await runScaleBench(),
  dossiers: { scanToPdf: await runPdfBench(), handOff: await runHandOffBench() },
  malformed: await runMalformedBench(),
};
console.log(JSON.stringify(result, null, 2));
