import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import type { PrinterProfile } from '../../core/devices';
import { LAYOUT_KINDS, sampleOf } from '../../hardware/printer/layouts';
import type { LayoutKind } from '../../hardware/printer/layouts';
import { layOut, lineText } from '../../hardware/printer/layout-engine';
import type { PaperItem } from '../../hardware/printer/layout-engine';
import { encodeDocument } from '../../hardware/printer/paper-encoder';
import type { PrintDocument } from '../../hardware/printer/print-document';
import { codePagesOf } from '../../hardware/printer/text-encodings';
import { decodeEscPos } from '../../hardware/virtual/escpos-decoder';
import type { DecodedJob } from '../../hardware/virtual/escpos-decoder';
import { printerProfile } from './fixtures';

/** Shared by the printing suites: profiles per strategy, one-job decoding, what each layout should put on paper. */

export const PAPER_WIDTHS = [80, 58] as const;
export const CHARACTER_STRATEGIES = ['cp1258', 'tcvn3', 'ascii'] as const;
export { LAYOUT_KINDS };
export type { LayoutKind };

/** A profile for a strategy with the usual Epson pages (52; 30/31) — or a clone's numbers through `overrides`. */
export function profileFor(textStrategy: PrinterProfile['textStrategy'], paperWidth: 80 | 58, overrides: Partial<PrinterProfile> = {}): PrinterProfile {
  const codePage = textStrategy === 'tcvn3' ? 30 : textStrategy === 'cp1258' ? 52 : undefined;
  return printerProfile({ textStrategy, paperWidth, codePage, ...overrides });
}

export function sampleDocument(kind: LayoutKind): PrintDocument {
  const { layout, data } = sampleOf(kind);
  return layout.document(data);
}

export function sampleQrContents(kind: LayoutKind): readonly string[] {
  const { layout, data } = sampleOf(kind);
  return layout.qrContents(data);
}

/** Decodes bytes the way the profile's printer reads its pages; exactly one cut job is expected. */
export function decodeJob(bytes: Buffer, profile: PrinterProfile): DecodedJob {
  const jobs = decodeEscPos(bytes, { codePages: codePagesOf(profile) });
  if (jobs.length !== 1 || jobs[0] === undefined) throw new Error(`expected one job, decoded ${jobs.length}`);
  return jobs[0];
}

export function encodeAndDecode(document: PrintDocument, profile: PrinterProfile): { bytes: Buffer; job: DecodedJob } {
  const bytes = encodeDocument(document, profile);
  return { bytes, job: decodeJob(bytes, profile) };
}

/** The laid-out items of a document: what the paper must carry, whatever the strategy. */
export function laidOut(document: PrintDocument, paperWidth: 80 | 58): { items: readonly PaperItem[]; columns: number } {
  return layOut(document, paperWidth);
}

/** The texts a character printer is sent, line by line, in order (QR codes as "[QR …]"). */
export function expectedPaper(document: PrintDocument, paperWidth: 80 | 58, transform: (text: string) => string = (t) => t): string[] {
  const { items, columns } = layOut(document, paperWidth);
  return items.map((item) => (item.kind === 'qr' ? `[QR ${item.content}]` : transform(lineText(item, columns).text)));
}

/** The decoded job in the same form, without the blank lines the feed before the cut adds. */
export function decodedPaper(job: DecodedJob): string[] {
  const lines = job.items.map((item) => (item.kind === 'qr' ? `[QR ${item.content}]` : item.kind === 'text' ? item.text : `[IMAGE ${item.width}x${item.height}]`));
  while (lines.at(-1) === '') lines.pop();
  return lines;
}

export async function readPng(file: string): Promise<PNG> {
  return PNG.sync.read(await readFile(file));
}
