import { Command, InvalidArgumentError } from 'commander';
import { registerAdminCommands } from './admin-command';
import { registerApiKeyCommands } from './apikey-command';
import { runAgentCommand } from './agent-command';
import { registerAuditCommands } from './audit-command';
import { registerBackupCommands } from './backup-command';
import { registerCalendarCommands } from './calendar-command';
import { registerCccdCommand } from './cccd-command';
import { registerHashPinCommand } from './hash-pin-command';
import { runDemoCommand } from './demo-command';
import { registerDeviceCommands } from './device-command';
import { registerDoctorCommand } from './doctor-command';
import { runHubCommand } from './hub-command';
import { registerLaunchCodeCommand } from './launch-code-command';
import { registerMigrateCommand } from './migrate-command';
import { maskConsole } from '../../main/agent/masked-console';
import { registerPrintCommands } from './print-commands';
import { registerPrivacyCommands } from './privacy-command';
import { registerProvinceCommands } from './province-command';
import { runVirtualPrinterCommand } from './virtual-printer-command';
import { registerVoiceCommands } from './voice-command';

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number 0–65535');
  return n;
}

/** `--pool-size`: a whole number of connections, 1–200. */
export function poolSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new InvalidArgumentError('a number of connections 1–200');
  return n;
}

export function buildProgram(): Command {
  const program = new Command('motcua')
    .description('motcua — kiosk, counter and display software for one-stop public administration centres')
    .showHelpAfterError()
    .exitOverride((e) => {
      throw e;
    });

  program
    .command('hub')
    .description("run the centre's hub: HTTP API, Socket.IO and the SQLite database")
    .option('-c, --config <file>', 'centre config (JSON)', 'kiosk-config/demo-centre.json')
    .option('--host <host>', 'address to listen on (default: from the config)')
    .option('-p, --port <port>', 'port to listen on (default: from the config)', port)
    .option('--data-dir <dir>', 'where the SQLite file lives (default: from the config)')
    .option('--insecure-http', 'serve plain HTTP instead of HTTPS (refused unless --host is a loopback address)')
    .option('--log', 'log requests and errors as JSON lines on stdout (personal data masked)')
    .option('--store <url>', 'postgres://… : run on the province PostgreSQL database (several processes may share it) instead of the SQLite file')
    .option('--centre <id>', 'the centre this process serves (with --store or --province); with --store and --province: several, "a,b,c" or "all", each on its own port from --port on')
    .option('--province <file>', "province config (JSON): run its --centre's config instead of --config")
    .option('--pool-size <n>', "with --store: the process's PostgreSQL connections for commands, whatever the number of centres it serves (default 10; the live events take 2 more) — size it to the database server's cores", poolSize)
    .action(runHubCommand);

  program
    .command('agent')
    .description('run a terminal (kiosk, counter or display) headless, serving its screen to a browser on 127.0.0.1')
    .requiredOption('-r, --role <role>', 'kiosk | counter | display | admin')
    .option('--config <file>', 'terminal config (JSON: hubUrl, hubCa, deviceId, credential, dataDir); a file not written yet: the setup page pairs the terminal first. Without --config the device comes from --centre')
    .option('--centre <file>', 'centre config to take the device and token from (development and demo)', 'kiosk-config/demo-centre.json')
    .option('--device <id>', 'device id in the centre config (default: the first device with the role)')
    .option('--hub <url>', 'hub address (default: from the centre config)')
    .option('--printer <uri>', 'override the printer interface, e.g. tcp://127.0.0.1:9100')
    .option('-p, --port <port>', 'port of the screen server on 127.0.0.1 (0: any free port)', port, 0)
    .option('--pair <code>', 'pair first with a one-time code from the admin screen (or `motcua device pair`): needs --hub; writes --config (default terminal.json, mode 0600)')
    .option('--rotate-credential', "with --config: get a new credential from the hub first, written into the config; the old one stops once the new one has signed in")
    .option('--ca-fingerprint <sha256>', "with --pair: the centre CA's fingerprint, if the administrator gave it (else trusted on first use)")
    .action(runAgentCommand);
  registerLaunchCodeCommand(program);

  program
    .command('virtual-printer')
    .description('run a network ESC/POS printer that decodes each ticket to text and PNG')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-p, --port <port>', 'TCP port (9100 is the usual printer port)', port, 9100)
    .option('-o, --out <dir>', 'folder for the decoded tickets', 'data/printed')
    .option('--paper <mm>', 'paper width: 80 or 58', '80')
    .option('--state <state>', 'start as ok | offline | paper-near-end | paper-out | cover-open', 'ok')
    .option('--control-port <port>', 'HTTP port on 127.0.0.1 to change the state: PUT /state with the state as body', port)
    .option('--serial <path>', 'also listen on a serial line, e.g. one end of a socat pty pair')
    .action(runVirtualPrinterCommand);

  registerPrintCommands(program);

  program
    .command('demo')
    .description('bring up a demo centre: hub, kiosk, counter, display and a virtual printer')
    .option('-c, --config <file>', 'centre config', 'kiosk-config/demo-centre.json')
    .option('--data-dir <dir>', 'where the demo keeps its database and printed tickets', 'data')
    .option('--headless', 'never open Electron windows, even where Electron is installed')
    .action(runDemoCommand);

  registerCalendarCommands(program);
  registerCccdCommand(program);
  registerHashPinCommand(program);
  registerPrivacyCommands(program);
  registerDeviceCommands(program);
  registerApiKeyCommands(program);
  registerAdminCommands(program);

  registerVoiceCommands(program);
  registerDoctorCommand(program);
  registerAuditCommands(program);
  registerBackupCommands(program);
  registerMigrateCommand(program);
  registerProvinceCommands(program);

  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  maskConsole();
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    if (typeof code === 'number') process.exit(code);
    console.error(`motcua: ${(e as Error).message}`);
    process.exit(1);
  }
}
