import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { PrinterProfile } from '../../core/devices';
import { LAYOUTS, LAYOUT_KINDS, sampleOf } from '../../hardware/printer/layouts';
import type { LayoutKind } from '../../hardware/printer/layouts';
import { lettersTestPage } from '../../hardware/printer/layouts/letters-test-page';
import { encodeDocument } from '../../hardware/printer/paper-encoder';
import type { PrintDocument } from '../../hardware/printer/print-document';
import { codePagesOf } from '../../hardware/printer/text-encodings';
import { createPrinter } from '../../hardware/printer/thermal-printer';
import { decodeEscPos } from '../../hardware/virtual/escpos-decoder';
import { renderJobToPng } from '../../hardware/virtual/job-renderer';
import { loadCentreConfig } from '../../kiosk-config/load';

/**
 * `motcua print-test` and `motcua render`: what an installer runs at a new
 * printer, and what a developer runs to see a layout's exact bytes without one.
 */

const DEFAULT_CONFIG = 'kiosk-config/demo-centre.json';

/** A printer profile from a centre config, with every default the schema fills in. */
export function loadPrinterProfile(configFile: string, id: string): PrinterProfile {
  const config = loadCentreConfig(configFile);
  if (!config.ok) throw new Error(config.error.message);
  const profile = config.value.printers.find((p) => p.id === id);
  if (profile === undefined) {
    const known = config.value.printers.map((p) => p.id).join(', ') || '(none)';
    throw new Error(`${configFile}: no printer profile "${id}" (profiles: ${known})`);
  }
  return profile;
}

async function writeOut(file: string, bytes: Buffer): Promise<string> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, bytes);
  return target;
}

/** Draws the bytes as the virtual printer would print them, reading the pages the way the profile's printer does. */
async function renderPng(bytes: Buffer, profile: PrinterProfile): Promise<Buffer> {
  const [job] = decodeEscPos(bytes, { codePages: codePagesOf(profile) });
  if (job === undefined) throw new Error('nothing to draw: the job decoded to no paper');
  return renderJobToPng(job, { paperWidth: profile.paperWidth });
}

async function printOrWrite(document: PrintDocument, profile: PrinterProfile, out: string | undefined): Promise<void> {
  if (out !== undefined) {
    const bytes = encodeDocument(document, profile);
    console.log(`${document.kind}: ${bytes.length} bytes (${profile.textStrategy}, ${profile.paperWidth} mm) → ${await writeOut(out, bytes)}`);
    return;
  }
  const printed = await createPrinter(profile).print(document);
  if (!printed.ok) throw new Error(`${printed.error.kind}: ${printed.error.message}`);
  const note = printed.value.status === 'paper-near-end' ? ' — giấy sắp hết, chuẩn bị cuộn mới' : '';
  console.log(`${document.kind}: đã in ${printed.value.bytes} bytes trên ${profile.id} (${profile.interface})${note}`);
}

export interface PrintTestOptions {
  readonly profile: string;
  readonly config: string;
  readonly out?: string;
  readonly printer?: string;
}

export async function runPrintTestCommand(opts: PrintTestOptions): Promise<void> {
  const loaded = loadPrinterProfile(opts.config, opts.profile);
  const profile = opts.printer === undefined ? loaded : { ...loaded, interface: opts.printer };
  await printOrWrite(lettersTestPage(profile), profile, opts.out);
}

export interface RenderOptions {
  readonly kind: string;
  readonly sample?: boolean;
  readonly profile: string;
  readonly config: string;
  readonly out: string;
  readonly png?: string;
}

function isLayoutKind(kind: string): kind is LayoutKind {
  return (LAYOUT_KINDS as readonly string[]).includes(kind);
}

export async function runRenderCommand(opts: RenderOptions): Promise<void> {
  if (!isLayoutKind(opts.kind)) throw new Error(`--kind must be one of ${LAYOUT_KINDS.join(', ')}, got "${opts.kind}"`);
  if (opts.sample !== true) throw new Error('--sample is required: layouts are rendered from their sample data (real data comes from the hub)');
  const profile = loadPrinterProfile(opts.config, opts.profile);
  const { layout, data } = sampleOf(opts.kind);
  const bytes = encodeDocument(layout.document(data), profile);
  console.log(`${opts.kind} (${LAYOUTS[opts.kind].title}): ${bytes.length} bytes → ${await writeOut(opts.out, bytes)}`);
  if (opts.png !== undefined) console.log(`  picture → ${await writeOut(opts.png, await renderPng(bytes, profile))}`);
}

export function registerPrintCommands(program: Command): void {
  program
    .command('print-test')
    .description('print every Vietnamese letter (134, every tone) in a printer profile’s text strategy, to choose one by looking at paper')
    .requiredOption('--profile <id>', 'printer profile id in the centre config')
    .option('-c, --config <file>', 'centre config', DEFAULT_CONFIG)
    .option('-o, --out <file>', 'write the ESC/POS bytes to a file instead of printing')
    .option('--printer <uri>', "override the profile's interface, e.g. tcp://192.168.1.50:9100")
    .action(runPrintTestCommand);

  program
    .command('render')
    .description('write the exact ESC/POS bytes a layout would send to a printer profile, without a printer')
    .requiredOption('-k, --kind <kind>', LAYOUT_KINDS.join(' | '))
    .option('--sample', "use the layout's sample data")
    .requiredOption('--profile <id>', 'printer profile id in the centre config')
    .option('-c, --config <file>', 'centre config', DEFAULT_CONFIG)
    .requiredOption('-o, --out <file>', 'file for the ESC/POS bytes')
    .option('--png <file>', 'also draw the bytes as the virtual printer prints them')
    .action(runRenderCommand);
}
