import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { maskCccd } from '../../core/privacy/personal-data';
import { PrivacyRequests } from '../../hub/privacy/privacy-requests';
import { CENTRE_OPTION, openCentreStore, STORE_OPTION, type CentreStoreOptions } from './centre-store';
import { runStoreTool } from './store-tool';

export interface PrivacyCommandOptions extends CentreStoreOptions {
  readonly cccd: string;
  readonly by?: string;
  readonly out?: string;
}

/** The centre's privacy services over its SQLite file (WAL: safe next to a running hub) or its rows in the province database. */
async function openRequests(opts: PrivacyCommandOptions) {
  const clock = () => new Date();
  const opened = await openCentreStore(opts, clock);
  const { store, repos, audit } = opened;
  return { close: () => opened.close(), requests: new PrivacyRequests({ store, personalData: repos.personalData, privacyRequests: repos.privacyRequests, audit, reminders: repos.ticketReminders }, clock) };
}

const requester = (opts: PrivacyCommandOptions) => opts.by ?? `cli:${userInfo().username}`;

/** `motcua privacy export --cccd N`: everything held about the holder, as JSON (stdout or --out), recorded in privacy_requests. */
export async function runPrivacyExport(opts: PrivacyCommandOptions): Promise<void> {
  const { close, requests } = await openRequests(opts);
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
    await close();
  }
}

/** `motcua privacy erase --cccd N`: anonymises the holder's returned dossiers; refuses while one is in progress. */
export async function runPrivacyErase(opts: PrivacyCommandOptions): Promise<void> {
  const { close, requests } = await openRequests(opts);
  try {
    const r = await requests.erase(opts.cccd.trim(), requester(opts));
    if (!r.ok) throw new Error(r.error.message);
    const { erased } = r.value;
    console.log(erased.length === 0 ? `${maskCccd(opts.cccd.trim())}: không có hồ sơ nào.` : `${maskCccd(opts.cccd.trim())}: đã ẩn danh ${erased.length} hồ sơ: ${erased.join(', ')}`);
  } finally {
    await close();
  }
}

export function registerPrivacyCommands(program: Command): void {
  const privacy = program.command('privacy').description("a citizen's request about their personal data (each one recorded in the hub's privacy_requests)");
  const common = (c: Command) =>
    c
      .requiredOption('--cccd <number>', 'the 12-digit CCCD number of the citizen')
      .option('-c, --config <file>', 'centre config (JSON)', 'kiosk-config/demo-centre.json')
      .option('--data-dir <dir>', 'where the hub SQLite file lives (default: from the config)')
      .option('--by <name>', 'who handles the request (default: cli:<user>)')
      .option(...STORE_OPTION)
      .option(...CENTRE_OPTION);
  common(privacy.command('export').description('print everything held about the citizen as JSON: dossiers, their control sheets, ratings'))
    .option('-o, --out <file>', 'write the JSON to a file (mode 600) instead of stdout')
    .action((opts: PrivacyCommandOptions) => runStoreTool(() => runPrivacyExport(opts)));
  common(privacy.command('erase').description('anonymise the citizen in their returned dossiers (refused while one is in progress); counts stay for statistics')).action((opts: PrivacyCommandOptions) =>
    runStoreTool(() => runPrivacyErase(opts)),
  );
}
