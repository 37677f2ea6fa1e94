import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrinterProfileSchema } from '../core/devices';
import type { PrinterProfile } from '../core/devices';
import { LAYOUT_KINDS, sampleOf } from '../hardware/printer/layouts';
import { encodeDocument } from '../hardware/printer/paper-encoder';
import type { PrintDocument } from '../hardware/printer/print-document';
import { codePagesOf } from '../hardware/printer/text-encodings';
import { createPrinter } from '../hardware/printer/thermal-printer';
import { decodeEscPos } from '../hardware/virtual/escpos-decoder';
import { jobLengthMm } from '../hardware/virtual/job-renderer';
import { VirtualPrinter } from '../hardware/virtual/virtual-printer';
import { ms, summarize } from './stats';

/**
 * Printing figures, as JSON (`node --import tsx bench/printing.ts`):
 * - encode: bytes and encode time of every layout's sample in every text strategy, 80 and 58 mm;
 * - print: the software time of `print()` — status asked, job sent, printed confirmed (GS r),
 *   connection closed by the printer after the last byte — against the virtual printer on
 *   loopback, next to the mechanical time the paper needs at PRINT_SPEED_MM_S (default 200 mm/s,
 *   an Epson TM-T82III; clones run 70–150), from the job's paper length.
 * BENCH_ROUNDS (default 30) sets the repetitions.
 */

const STRATEGIES = ['cp1258', 'tcvn3', 'ascii', 'raster'] as const;
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 30);
const speedMmPerS = Number(process.env['PRINT_SPEED_MM_S'] ?? 200);

function profile(textStrategy: PrinterProfile['textStrategy'], paperWidth: 80 | 58, printerInterface = 'tcp://127.0.0.1:9100'): PrinterProfile {
  return PrinterProfileSchema.parse({
    id: `bench-${textStrategy}-${paperWidth}`,
    model: 'virtual',
    interface: printerInterface,
    paperWidth,
    textStrategy,
    codePage: textStrategy === 'tcvn3' ? 30 : 52,
    printSpeedMmPerS: speedMmPerS,
  });
}

function document(kind: (typeof LAYOUT_KINDS)[number]): PrintDocument {
  const { layout, data } = sampleOf(kind);
  return layout.document(data);
}

function encodeFigures() {
  return LAYOUT_KINDS.flatMap((kind) =>
    STRATEGIES.flatMap((strategy) =>
      ([80, 58] as const).map((paperWidth) => {
        const p = profile(strategy, paperWidth);
        const doc = document(kind);
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < rounds; i++) {
          const t = process.hrtime.bigint();
          bytes = encodeDocument(doc, p).length;
          times.push(ms(t));
        }
        return { layout: kind, strategy, paperWidth, bytes, encodeMs: summarize(times) };
      }),
    ),
  );
}

async function printFigures() {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-print-'));
  const printer = new VirtualPrinter({ outDir: dir });
  const { port } = await printer.start();
  try {
    const results = [];
    for (const kind of LAYOUT_KINDS) {
      for (const strategy of STRATEGIES) {
        const p = profile(strategy, 80, `tcp://127.0.0.1:${port}`);
        const doc = document(kind);
        const bytes = encodeDocument(doc, p);
        const [job] = decodeEscPos(bytes, { codePages: codePagesOf(p) });
        const paperMm = job === undefined ? 0 : jobLengthMm(job, { paperWidth: 80 });
        const driver = createPrinter(p);
        const times: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const t = process.hrtime.bigint();
          const printed = await driver.print(doc);
          if (!printed.ok) throw new Error(`${kind}/${strategy}: ${printed.error.kind}: ${printed.error.message}`);
          times.push(ms(t));
          // The virtual printer draws each job to PNG in this process: let it finish, untimed, so it does not slow the next round.
          await printer.settled();
        }
        results.push({
          layout: kind,
          strategy,
          paperWidth: 80,
          bytes: bytes.length,
          printToConfirmedMs: summarize(times),
          paperMm,
          mechanicalMs: Math.round((paperMm / speedMmPerS) * 1000),
        });
      }
    }
    return results;
  } finally {
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes and encode time per layout and strategy; software print time next to the mechanical one. */
export async function runPrintingBench() {
  return {
    rounds,
    printSpeedMmPerS: speedMmPerS,
    encode: encodeFigures(),
    print: await printFigures(),
  };
}
