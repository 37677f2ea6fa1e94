import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** The demo province (three centres: tp-ha-noi, hoan-kiem, ba-dinh). */
export const DEMO_PROVINCE = path.join(REPO_ROOT, 'kiosk-config/demo-province.json');
const PROVINCE = DEMO_PROVINCE;

export interface Started {
  readonly child: ChildProcess;
  /** centre id → its hub's address in this process. */
  readonly urls: Map<string, string>;
  readonly output: () => string;
}

/** `motcua hub --store … --province … --centre all`: resolves once every centre's line is printed. */
export function startProvinceProcess(url: string, dataDir: string, centres: string): Promise<Started> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/motcua.mjs'), 'hub', '--store', url, '--province', PROVINCE, '--centre', centres, '--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--insecure-http'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
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
        resolve({ child, urls: new Map(lines.map((m) => [m[1]!, m[2]!])), output: () => out });
      }
    }, 100);
  });
}

