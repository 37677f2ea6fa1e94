import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** The demo province: three centres, five agencies (kiosk-config/demo-province.json). */
export const DEMO_PROVINCE = path.join(REPO_ROOT, 'kiosk-config/demo-province.json');

export interface ProvinceProcess {
  readonly child: ChildProcess;
  /** centre id → its hub's address in this process. */
  readonly urls: Map<string, string>;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** The token of a device of the demo province (a centre's or an agency's), as the file lists it. */
export function demoProvinceToken(deviceId: string): string {
  const province = JSON.parse(readFileSync(DEMO_PROVINCE, 'utf8')) as { centres: { devices: { id: string; token?: string }[] }[]; agencies: { devices: { id: string; token?: string }[] }[] };
  const device = [...province.centres, ...province.agencies].flatMap((u) => u.devices).find((d) => d.id === deviceId);
  if (!device?.token) throw new Error(`no device "${deviceId}" with a token in the demo province`);
  return device.token;
}

/** `motcua hub --store … --province demo-province.json --centre <centres>` (or another province file): resolves once every centre's line is printed. */
export function startProvinceProcess(url: string, dataDir: string, centres: string, provinceFile = DEMO_PROVINCE, extraArgs: readonly string[] = []): Promise<ProvinceProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/motcua.mjs'), 'hub', '--store', url, '--province', provinceFile, '--centre', centres, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--insecure-http', ...extraArgs], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 180 s:\n${out}`)), 180_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${out}`));
    });
    const poll = setInterval(() => {
      const head = /motcua hub: (\d+) centres/.exec(out);
      const lines = [...out.matchAll(/^\s+([a-z0-9-]+)\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/health/gm)];
      if (head && lines.length === Number(head[1])) {
        clearInterval(poll);
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, urls: new Map(lines.map((m) => [m[1]!, m[2]!])), output: () => out, stop });
      }
    }, 100);
  });
}
