import path from 'node:path';

/** How the shell was asked to run: read from argv and the environment, no Electron involved. */
export interface LaunchOptions {
  /** Absolute path of the terminal config (hub URL, device id, token, data dir). */
  readonly configPath: string;
  /** MOTCUA_DEV=1: devtools, a normal window, no shortcut lock. Never set on a centre's machines. */
  readonly dev: boolean;
}

const CONFIG_ARG = '--config=';

/**
 * `--config=FILE` wins over MOTCUA_TERMINAL_CONFIG, which wins over `defaultConfigPath` (the
 * per-user app data folder, where the installer's enrolment step writes it).
 */
export function readLaunchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultConfigPath: string,
): LaunchOptions {
  const fromArg = argv.findLast((a) => a.startsWith(CONFIG_ARG))?.slice(CONFIG_ARG.length);
  const fromEnv = env['MOTCUA_TERMINAL_CONFIG'];
  const chosen = fromArg !== undefined && fromArg !== '' ? fromArg : fromEnv !== undefined && fromEnv !== '' ? fromEnv : defaultConfigPath;
  return { configPath: path.resolve(chosen), dev: env['MOTCUA_DEV'] === '1' };
}
