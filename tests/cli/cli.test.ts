import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/cli/centre-runtime';
import { tempDir } from '../support/centre';

const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

/** Starts a long-running motcua command and resolves once its output matches `ready`. */
function start(args: string[], ready: RegExp) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready$ = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve(m[1] ?? m[0]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { child, ready: ready$, stop, output: () => out };
}

describe('motcua command', () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const s of stops.splice(0)) await s();
  });

  it.each(['hub', 'agent', 'virtual-printer', 'demo'])('explains "%s" with --help', (command) => {
    const r = run(command, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: motcua ${command}`);
  });

  it('refuses a wrong role and a bad port with a clear message', () => {
    const role = run('agent', '--role', 'robot');
    expect(role.status).toBe(1);
    expect(role.stderr).toContain('--role must be kiosk, counter, display or admin (got "robot")');
    const port = run('hub', '--port', 'eighty');
    expect(port.status).not.toBe(0);
    expect(port.stderr).toContain('a port number 0–65535');
    for (const size of ['0', 'ten', '2.5', '201']) {
      const pool = run('hub', '--store', 'postgres://motcua@127.0.0.1:1/x', '--centre', 'demo', '--pool-size', size);
      expect(pool.status, size).not.toBe(0);
      expect(pool.stderr, size).toContain('a number of connections 1–200');
    }
  });

  it('refuses a broken centre config naming the file and field', () => {
    const r = run('hub', '--config', path.join(REPO_ROOT, 'package.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/package\.json: centre: Invalid input: expected object, received undefined/);
  });

  it('runs a hub that answers its health check and stops on SIGTERM', async () => {
    const tmp = tempDir();
    stops.push(async () => tmp.remove());
    const hub = start(['hub', '--port', '0', '--data-dir', tmp.dir, '--insecure-http'], /API\s+(http:\/\/127\.0\.0\.1:\d+)/);
    stops.push(hub.stop);
    const url = await hub.ready;
    const health = (await (await fetch(`${url}/api/health`)).json()) as { ok: boolean; value: { status: string } };
    expect(health).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(await hub.stop()).toBe(0);
  });

  it('runs a hub over HTTPS by default: it prints its CA and fingerprint, and answers a client that trusts that CA', async () => {
    const tmp = tempDir();
    stops.push(async () => tmp.remove());
    const hub = start(['hub', '--port', '0', '--data-dir', tmp.dir], /CA SHA-256 ([0-9A-F:]{95})/);
    stops.push(hub.stop);
    const fingerprint = await hub.ready;
    const url = /API\s+(https:\/\/127\.0\.0\.1:\d+)/.exec(hub.output())?.[1];
    expect(url).toBeDefined();
    const caFile = path.join(tmp.dir, 'tls', 'ca.pem');
    expect(hub.output()).toContain(`CA       ${caFile}`);
    const caPem = readFileSync(caFile, 'utf8');
    expect(new X509Certificate(caPem).fingerprint256).toBe(fingerprint);
    const dispatcher = new Agent({ connect: { ca: caPem } });
    stops.push(() => dispatcher.close());
    const health = (await (await undiciFetch(`${url}/api/health`, { dispatcher })).json()) as { ok: boolean };
    expect(health).toMatchObject({ ok: true });
  });

  it('refuses --insecure-http on an address other than loopback, and says why', () => {
    const tmp = tempDir();
    try {
      const r = run('hub', '--port', '0', '--host', '0.0.0.0', '--insecure-http', '--data-dir', tmp.dir);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/Refusing to serve plain HTTP on 0\.0\.0\.0: only a loopback address/);
    } finally {
      tmp.remove();
    }
  });
});
