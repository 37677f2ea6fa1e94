import type { Command } from 'commander';
import { parseCccdQr } from '../../core/cccd/cccd-qr';

/** `motcua cccd-parse`: one CCCD QR content on stdin → the applicant as JSON, or why not. */

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function runCccdParseCommand(): Promise<void> {
  const r = parseCccdQr(await readStdin(), new Date());
  if (!r.ok) throw new Error(r.error.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  // The answer the operator asked for, not a log line: written past the masked console (main/agent/masked-console.ts).
  process.stdout.write(`${JSON.stringify(r.value, null, 2)}\n`);
}

export function registerCccdCommand(program: Command): void {
  program
    .command('cccd-parse')
    .description('read one CCCD (citizen ID card) QR content on stdin and print the applicant as JSON')
    .action(runCccdParseCommand);
}
