import path from 'node:path';
import { startControlServer } from '../../hardware/virtual/control-server';
import { VirtualPrinter, isVirtualPrinterState } from '../../hardware/virtual/virtual-printer';
import { onShutdown } from './shutdown';

export interface VirtualPrinterCommandOptions {
  readonly host: string;
  readonly port: number;
  readonly out: string;
  readonly paper: string;
  readonly state?: string;
  readonly controlPort?: number;
  readonly serial?: string;
}

export async function runVirtualPrinterCommand(opts: VirtualPrinterCommandOptions): Promise<void> {
  if (opts.paper !== '80' && opts.paper !== '58') throw new Error('--paper must be 80 or 58');
  const state = opts.state ?? 'ok';
  if (!isVirtualPrinterState(state)) throw new Error(`--state must be ok, offline, paper-near-end, paper-out or cover-open, got "${state}"`);
  const outDir = path.resolve(opts.out);
  const printer = new VirtualPrinter({ host: opts.host, port: opts.port, outDir, paperWidth: opts.paper === '80' ? 80 : 58, initialState: state });
  const { port } = await printer.start();
  console.log(`motcua virtual printer on tcp://${opts.host}:${port} (${opts.paper} mm, ${state}) → ${outDir}`);
  if (opts.serial !== undefined) {
    await printer.attachSerial(opts.serial);
    console.log(`  also on serial ${opts.serial}`);
  }
  const control = opts.controlPort === undefined ? undefined : await startControlServer(printer, { port: opts.controlPort });
  if (control !== undefined) console.log(`  state control: curl -X PUT --data paper-out http://127.0.0.1:${control.port}/state`);
  printer.on('job', (job) => {
    const lines = job.items.flatMap((i) => (i.kind === 'text' && i.text.trim() ? [i.text.trim()] : []));
    // The receipt (Form 01) carries the applicant's name and CCCD: the log line is masked (main.ts maskConsole).
    console.log(`  job ${job.number}${job.cut ? '' : ' (not cut)'} → ${path.basename(job.files.png)}: ${lines.slice(0, 4).join(' | ')}`);
  });
  onShutdown(async () => {
    await control?.close();
    await printer.close();
  });
}
