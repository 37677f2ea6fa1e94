import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { frontConfig, type FrontCentre } from '../../hub/front/nginx-front';
import { freePort } from './free-port';

/**
 * A real nginx (Debian's, apt-get install nginx-light; .ci/run installs it) in front of hub
 * processes, started by a test in a temp dir: `nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'`,
 * its pid file, logs and temp files in DIR, listening on 127.0.0.1:<free port>. The config is
 * docs/nginx/province.conf.template with its @…@ fields filled by hub/front/nginx-front.ts (what
 * `motcua province front` prints and docs/province.md shows).
 * Under root (CI) nginx's workers run as `nobody` (nginx's default): DIR is made readable for them.
 */

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/** Why nginx suites skip here, or null when they run. */
export const NGINX_MISSING: string | null = NGINX ? null : 'nginx is not installed (apt-get install nginx-light)';

export interface NginxFront {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** The config nginx runs (the template filled in). */
  readonly config: string;
  readonly dir: string;
  /** The error log so far (for a failing test). */
  errors(): string;
  stop(): Promise<void>;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Writes `config` as DIR/nginx.conf (DIR readable by the workers, `nobody` under root) and runs
 * `nginx -t` on it: its file, and nginx's verdict (stderr) when it refused.
 */
export function writeCheckedNginxConfig(dir: string, config: string): { file: string; refused: string | null } {
  if (!NGINX) throw new Error(NGINX_MISSING ?? 'no nginx');
  chmodSync(dir, 0o755);
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, config);
  const check = spawnSync(NGINX, ['-t', '-p', dir, '-c', file, '-g', 'daemon off;'], { encoding: 'utf8' });
  return { file, refused: check.status === 0 ? null : check.stderr };
}

/** Starts nginx in front of `centres`; stop() it in afterAll. */
export async function startNginx(options: { centres: readonly FrontCentre[]; prefixed?: boolean }): Promise<NginxFront> {
  if (!NGINX) throw new Error(NGINX_MISSING ?? 'no nginx');
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-nginx-'));
  const port = await freePort();
  const config = frontConfig({ dir, listen: `127.0.0.1:${port}`, centres: options.centres, prefixed: options.prefixed ?? false });
  const { file, refused } = writeCheckedNginxConfig(dir, config);
  if (refused !== null) throw new Error(`nginx -t refused the config: ${refused}\n${config}`);
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', file, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const errors = () => stderr + (existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '');
  const deadline = Date.now() + 20_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${errors()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    dir,
    errors,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM'); // fast shutdown: open WebSockets do not hold it
        const hung = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(hung);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
