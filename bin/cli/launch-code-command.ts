import path from 'node:path';
import type { Command } from 'commander';
import { requestLaunchUrl } from '../../main/agent/launch-control';
import { loadTerminalConfig } from '../../main/agent/terminal-config';

interface LaunchCodeOptions {
  readonly dataDir?: string;
  readonly config?: string;
}

/**
 * `motcua launch-code`: a fresh one-time launch address from the running agent (a TV's browser
 * restarted, a screen opened elsewhere). Only the address goes to stdout, so a start script can
 * do `chromium --kiosk "$(motcua launch-code --data-dir …)"`.
 */
export async function runLaunchCodeCommand(opts: LaunchCodeOptions): Promise<void> {
  let dataDir: string;
  if (opts.dataDir !== undefined) dataDir = path.resolve(opts.dataDir);
  else if (opts.config !== undefined) {
    const r = loadTerminalConfig(path.resolve(opts.config));
    if (!r.ok) throw new Error(r.error.message);
    dataDir = r.value.dataDir;
  } else throw new Error('--data-dir <dir> (the agent prints it at start) or --config <terminal config> is required');
  const r = await requestLaunchUrl(dataDir);
  if (!r.ok) throw new Error(r.error.message);
  console.log(r.value);
}

export function registerLaunchCodeCommand(program: Command): void {
  program
    .command('launch-code')
    .description("print a new one-time address that opens a running terminal agent's screen in one browser (valid 5 minutes)")
    .option('--data-dir <dir>', "the agent's data folder (printed by `motcua agent` at start)")
    .option('--config <file>', 'the terminal config the agent runs with (its dataDir)')
    .action(runLaunchCodeCommand);
}
