import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TerminalConfigFile } from '../agent/terminal-config';

export interface ElectronTerminal {
  readonly name: string;
  readonly config: TerminalConfigFile;
}

/**
 * Opens each terminal as its own Electron app (own profile, own terminal config), for a demo or a
 * developer's machine where an Electron binary is installed. Returns a function that closes them.
 */
export function launchElectronTerminals(binary: string, mainScript: string, dataDir: string, terminals: readonly ElectronTerminal[]): () => Promise<void> {
  const children: ChildProcess[] = terminals.map((t) => {
    const dir = path.join(dataDir, 'electron', t.name);
    mkdirSync(dir, { recursive: true });
    const configFile = path.join(dir, 'terminal.json');
    writeFileSync(configFile, JSON.stringify(t.config, null, 2));
    const child = spawn(binary, [mainScript, `--config=${configFile}`], {
      stdio: 'inherit',
      env: { ...process.env, MOTCUA_USER_DATA: path.join(dir, 'profile') },
    });
    child.on('exit', (code) => console.log(`electron ${t.name} exited (${code ?? 'signal'})`));
    return child;
  });
  return async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
  };
}
