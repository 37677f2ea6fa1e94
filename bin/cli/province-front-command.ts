import path from 'node:path';
import type { Command } from 'commander';
import { frontCentres, frontConfig, type FrontProcess } from '../../hub/front/nginx-front';
import { StoreToolError } from '../../hub/store/pg/tool-error';
import { loadProvinceConfig } from '../../kiosk-config/load-province';
import { runStoreTool } from './store-tool';

interface FrontOptions {
  readonly province: string;
  readonly process: string[];
  readonly centre?: string;
  readonly listen: string;
  readonly dir: string;
}

/** `host:port` of a hub process started with `--centre … --port <port>`. */
export function frontProcessOf(text: string): FrontProcess {
  const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(text);
  const basePort = m ? Number(m[2]) : NaN;
  if (!m || basePort < 1 || basePort > 65535) {
    throw new StoreToolError('invalid-input', `--process phải có dạng máy:cổng (ví dụ 10.0.0.11:8100), không phải "${text}".`, `--process must be host:port (e.g. 10.0.0.11:8100), not "${text}".`);
  }
  return { host: m[1]!, basePort };
}

/** The front's config for the province's centres on these processes (hub/front/nginx-front.ts). */
export function provinceFront(opts: FrontOptions): string {
  const file = path.resolve(opts.province);
  const loaded = loadProvinceConfig(file);
  if (!loaded.ok) throw new StoreToolError(loaded.error.kind, `Cấu hình tỉnh không dùng được: ${loaded.error.message}`, `The province config cannot be used: ${loaded.error.message}`);
  const known = loaded.value.centres.map((c) => c.id);
  // The order the processes were started with: --centre all is the file's order, --centre a,b,c that list.
  const ids = opts.centre === undefined || opts.centre === 'all' ? known : opts.centre.split(',').map((s) => s.trim());
  const again = ids.find((id, k) => ids.indexOf(id) !== k);
  if (again !== undefined) throw new StoreToolError('invalid-input', `--centre nêu "${again}" hai lần.`, `--centre lists "${again}" twice.`);
  // Written into nginx's config as they are: one plain value each (no ; { } or line break to end a directive).
  for (const [option, value] of [['--listen', opts.listen], ['--dir', opts.dir]] as const) {
    if (value.trim() === '' || /[;{}\n\r]/.test(value)) throw new StoreToolError('invalid-input', `${option} không được trống hay chứa ; { } hoặc xuống dòng: "${value}".`, `${option} must not be empty or hold ; { } or a line break: "${value}".`);
  }
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new StoreToolError('not-found', `Cấu hình tỉnh ${file} không có trung tâm ${unknown.map((u) => `"${u}"`).join(', ')} (có: ${known.join(', ')}).`, `The province config ${file} has no centre ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${known.join(', ')}).`);
  }
  if (opts.process.length === 0) throw new StoreToolError('invalid-input', 'Cần ít nhất một --process máy:cổng.', 'At least one --process host:port is needed.');
  const processes = opts.process.map(frontProcessOf);
  const twice = opts.process.find((p, k) => opts.process.indexOf(p) !== k);
  if (twice) throw new StoreToolError('invalid-input', `--process ${twice} được nêu hai lần.`, `--process ${twice} is given twice.`);
  const top = Math.max(...processes.map((p) => p.basePort)) + ids.length - 1;
  if (top > 65535) throw new StoreToolError('invalid-input', `${ids.length} trung tâm từ cổng đã cho vượt quá cổng 65535.`, `${ids.length} centres from the given ports go past port 65535.`);
  return frontConfig({ dir: opts.dir, listen: opts.listen, centres: frontCentres(ids, processes), prefixed: true });
}

export function registerProvinceFrontCommand(province: Command): void {
  province
    .command('front')
    .description("prints the nginx config of the province's front (docs/nginx/province.conf.template filled in): a path /c/<id>/ per centre, each centre's own hub process first and the others its backups, the centres taking turns")
    .requiredOption('--province <file>', 'the province config')
    .option('--process <host:port>', 'a hub process, as started with `motcua hub --store … --centre all --port <port>` (repeat for each process)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--centre <ids>', 'the centres as the processes were started with --centre a,b,c (default: all, in the file\'s order)')
    .option('--listen <address>', 'where nginx listens (add `ssl` and the certificate lines for TLS)', '80')
    .option('--dir <dir>', "nginx's directory for its pid file, logs and temp files", '/var/lib/motcua-front')
    .action((opts: FrontOptions) => runStoreTool(async () => void process.stdout.write(provinceFront(opts))));
}
