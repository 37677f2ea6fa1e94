import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { maskCccd } from '../../core/privacy/personal-data';
import { openDatabase } from '../../hub/db/open-database';
import { PrivacyRequests, sqlitePrivacyDeps } from '../../hub/privacy/privacy-requests';
import { mustLoadCentre } from './centre-runtime';

export interface PrivacyCommandOptions {
  readonly cccd: string;
  readonly config: string;
  readonly dataDir?: string;
  readonly by?: string;
  readonly out?: string;
}

function openRequests(opts: PrivacyCommandOptions) {
  const config = mustLoadCentre(opts.config);
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : config.hub.dataDir;
  // WAL and a busy timeout: safe next to a running hub.
  const db = openDatabase(path.join(dataDir, 'hub.sqlite'));
  return { db, requests: new PrivacyRequests(sqlitePrivacyDeps(db), () => new Date()) };
}

const requester = (opts: PrivacyCommandOptions) => opts.by ?? `cli:${userInfo().username}`;

/** `motcua privacy export --cccd N`: everything held about the holder, as JSON (stdout or --out), recorded in privacy_requests. */
export async function runPrivacyExport(opts: PrivacyCommandOptions): Promise<void> {
  const { db, requests } = openRequests(opts);
  try {
    const r = await requests.export(opts.cccd.trim(), requester(opts));
    if (!r.ok) throw new Error(r.error.message);
    const json = `${JSON.stringify(r.value, null, 2)}\n`;
    if (opts.out !== undefined) {
      writeFileSync(opts.out, json, { mode: 0o600 });
      console.log(`${maskCccd(opts.cccd.trim())}: ${r.value.dossiers.length} hồ sơ → ${opts.out}`);
    } else {
      // The citizen's own data, in full: written past the masked console on purpose.
      process.stdout.write(json);
    }
  } finally {
    db.close();
  }
}

/** `motcua privacy erase --cccd N`: anonymises the holder's returned dossiers; refuses while one is in progress. */
export async function runPrivacyErase(opts: PrivacyCommandOptions): Promise<void> {
  const { db, requests } = openRequests(opts);
  try {
    const r = await requests.erase(opts.cccd.trim(), requester(opts));
    if (!r.ok) throw new Error(r.error.message);
    const { erased } = r.value;
    console.log(erased.length === 0 ? `${maskCccd(opts.cccd.trim())}: không có hồ sơ nào.` : `${maskCccd(opts.cccd.trim())}: đã ẩn danh ${erased.length} hồ sơ: ${erased.join(', ')}`);
  } finally {
    db.close();
  }
}

export function registerPrivacyCommands(program: Command): void {
  const privacy = program.command('privacy').description("a citizen's request about their personal data (each one recorded in the hub's privacy_requests)");
  const common = (c: Command) =>
    c
      .requiredOption('--cccd <number>', 'the 12-digit CCCD number of the citizen')
      .option('-c, --config <file>', 'centre config (JSON)', 'kiosk-config/demo-centre.json')
      .option('--data-dir <dir>', 'where the hub SQLite file lives (default: from the config)')
      .option('--by <name>', 'who handles the request (default: cli:<user>)');
  common(privacy.command('export').description('print everything held about the citizen as JSON: dossiers, their control sheets, ratings'))
    .option('-o, --out <file>', 'write the JSON to a file (mode 600) instead of stdout')
    .action(runPrivacyExport);
  common(privacy.command('erase').description('anonymise the citizen in their returned dossiers (refused while one is in progress); counts stay for statistics')).action(
    runPrivacyErase,
  );
}
