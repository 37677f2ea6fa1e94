import type { Command } from 'commander';
import { connectStore } from '../../hub/store/pg/connect';
import { provinceStats, type DossierCounts, type ProvinceStats } from '../../hub/store/pg/province-stats';
import { isCalendarDay, vietnamDayStart } from '../../core/stats/province-stats';
import { StoreToolError } from '../../hub/store/pg/tool-error';
import { runStoreTool } from './store-tool';

interface StatsOptions {
  readonly store: string;
  readonly from?: string;
  readonly to?: string;
  readonly json?: boolean;
}

/** A day of Vietnam as the instant it starts; `next`: the day after's start. */
function dayStart(option: string, day: string, next: boolean): string {
  if (!isCalendarDay(day)) throw new StoreToolError('invalid-input', `${option} phải là ngày dạng YYYY-MM-DD, không phải "${day}".`, `${option} must be a day as YYYY-MM-DD, not "${day}".`);
  return vietnamDayStart(day, next);
}

function table(title: string, rows: readonly DossierCounts[]): string {
  const head = [title, 'tiếp nhận', 'đang xử lý', 'quá hạn', 'đã xong', 'từ chối'];
  const body = rows.map((r) => [r.id === r.name ? r.id : `${r.name} (${r.id})`, ...[r.received, r.open, r.overdue, r.finished, r.refused].map(String)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body].map((cols) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

function print(stats: ProvinceStats): void {
  console.log(`Hồ sơ toàn tỉnh (quá hạn tính đến ${stats.at}): ${stats.total.received} tiếp nhận, ${stats.total.open} đang xử lý, ${stats.total.overdue} quá hạn, ${stats.total.finished} đã xong, ${stats.total.refused} từ chối`);
  console.log('');
  console.log(table('Trung tâm (nơi tiếp nhận)', stats.centres));
  console.log('');
  console.log(table('Cơ quan có thẩm quyền', stats.agencies));
}

/** `motcua province stats --store postgres://… [--from DAY] [--to DAY] [--json]`. */
async function runStats(opts: StatsOptions): Promise<void> {
  // Days first: a bad one is refused before any connection.
  const range = { ...(opts.from ? { from: dayStart('--from', opts.from, false) } : {}), ...(opts.to ? { to: dayStart('--to', opts.to, true) } : {}) };
  const client = await connectStore(opts.store, 'motcua-province-stats');
  try {
    const stats = await provinceStats(client, range, new Date());
    if (opts.json) process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    else print(stats);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function registerProvinceStatsCommand(province: Command): void {
  province
    .command('stats')
    .description('dossiers per centre (where received) and per competent agency: received, open, overdue now, finished, refused — over the province database')
    .requiredOption('--store <url>', 'the province database, postgres://user@host/db')
    .option('--from <day>', 'received from this day (YYYY-MM-DD, Vietnam time)')
    .option('--to <day>', 'received up to and including this day (YYYY-MM-DD)')
    .option('--json', 'the figures as JSON')
    .action((opts: StatsOptions) => runStoreTool(() => runStats(opts)));
}
