import path from 'node:path';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import { onShutdown } from './shutdown';

export async function runVirtualPrinterCommand(opts: { host: string; port: number; out: string; paper: string }): Promise<void> {
  if (opts.paper !== '80' && opts.paper !== '58') throw new Error('--paper must be 80 or 58');
  const outDir = path.resolve(opts.out);
  const printer = new VirtualPrinter({ host: opts.host, port: opts.port, outDir, paperWidth: opts.paper === '80' ? 80 : 58 });
  const { port } = await printer.start();
  console.log(`motcua virtual printer on tcp://${opts.host}:${port} (${opts.paper} mm) → ${outDir}`);
  printer.on('job', (job) => {
    const lines = job.items.flatMap((i) => (i.kind === 'text' && i.text.trim() ? [i.text.trim()] : []));
    console.log(`  job ${job.number}${job.cut ? '' : ' (not cut)'} → ${path.basename(job.files.png)}: ${lines.slice(0, 4).join(' | ')}`);
  });
  onShutdown(() => printer.close());
}
