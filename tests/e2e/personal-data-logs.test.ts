import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsCccd } from '../../core/privacy/personal-data';
import { BridgeClient } from '../support/bridge-client';
import { commandId, connectDevice, demoConfig, tempDir, tokenOf, type DeviceSocket } from '../support/centre';
import { CITIZEN } from '../privacy/privacy-support';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(REPO_ROOT, 'bin/motcua.mjs');

/** One motcua process of the centre, everything it prints kept. */
interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  output: string;
}

/** Spawns `motcua …` and resolves with the first match of `ready` in its stdout. */
function motcua(name: string, args: readonly string[], ready: RegExp, procs: Proc[]): Promise<{ proc: Proc; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc: Proc = { name, child, output: '' };
  procs.push(proc);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${proc.output.slice(-2000)}`)), 90_000);
    const onData = (chunk: Buffer) => {
      proc.output += chunk.toString();
      const match = ready.exec(proc.output);
      if (match) {
        clearTimeout(timer);
        resolve({ proc, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (proc.output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}): ${proc.output.slice(-2000)}`)));
  });
}

const stop = (p: Proc): Promise<void> =>
  p.child.exitCode !== null || p.child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => {
        const hung = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
        p.child.once('exit', () => {
          clearTimeout(hung);
          resolve();
        });
        p.child.kill('SIGTERM');
      });

/** Every text log file under a folder (*.log), by path. */
function logFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => f.endsWith('.log') && statSync(f).isFile());
}

/**
 * A centre as it runs in production — hub (with its request log on), virtual printer, counter and
 * kiosk agents, each its own `motcua` process — takes a dossier from a citizen with a CCCD through
 * receipt, the department's decision, return and a kiosk lookup. Afterwards every line any process
 * printed (stdout and stderr, shutdown included) and every log file is searched: no 12-digit CCCD.
 */
describe('personal data never reaches a log (hub, agents, printer as processes)', () => {
  const tmp = tempDir('motcua-e2e-logs-');
  const procs: Proc[] = [];
  const sockets: DeviceSocket[] = [];
  const bridges: BridgeClient[] = [];
  let hubUrl = '';
  let counter: BridgeClient;
  let kiosk: BridgeClient;

  beforeAll(async () => {
    const config = { ...demoConfig(), hub: { ...demoConfig().hub, dataDir: path.join(tmp.dir, 'hub') } };
    const configFile = path.join(tmp.dir, 'centre.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const [printer, hub] = await Promise.all([
      motcua('printer', ['virtual-printer', '--port', '0', '--out', path.join(tmp.dir, 'printed')], /on tcp:\/\/127\.0\.0\.1:(\d+)/, procs),
      motcua('hub', ['hub', '--config', configFile, '--host', '127.0.0.1', '--port', '0', '--log', '--insecure-http'], /API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/health/, procs),
    ]);
    hubUrl = hub.match[1]!;
    const printerUri = `tcp://127.0.0.1:${printer.match[1]!}`;
    const agent = (role: string, device: string) =>
      motcua(role, ['agent', '--role', role, '--centre', configFile, '--device', device, '--hub', hubUrl, '--printer', printerUri], /open (http:\/\/\S+)/, procs);
    const [c, k] = await Promise.all([agent('counter', 'counter-3'), agent('kiosk', 'kiosk-1')]);
    counter = await BridgeClient.connect(c.match[1]!);
    kiosk = await BridgeClient.connect(k.match[1]!);
    bridges.push(counter, kiosk);
  }, 180_000);

  afterAll(async () => {
    bridges.forEach((b) => b.close());
    sockets.forEach((s) => s.close());
    await Promise.all(procs.map(stop));
    tmp.remove();
  });

  it('receives, decides, returns and looks up a dossier; no process printed the CCCD, the hub logged it masked', async () => {
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    must(await counter.invoke('counter:sign-in', { clerkId: 'le-thu-ha', pin: '3333' }));
    const received = must(
      await counter.invoke('counter:receive-dossier', { procedureCode: 'KD-TL', applicant: CITIZEN, documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }], feePaid: 100000 }),
    );
    const code = received.dossier.code;
    expect(received.dossier.applicant.idNumber).toBe(CITIZEN.idNumber); // the counter needs it in full: the task does

    const { socket: backoffice } = await connectDevice(hubUrl, 'backoffice-tckh', tokenOf(demoConfig(), 'backoffice-tckh'));
    sockets.push(backoffice);
    must(await backoffice.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'bui-thi-thu', pin: '5555' }));
    for (const action of ['accept', 'done'] as const) must(await backoffice.emitWithAck('dossier:act', { commandId: commandId(), code, action }));
    await counter.waitForContext(() => true);
    must(await counter.invoke('counter:return-dossier', { code }));
    must(await counter.invoke('counter:print-form', { code, form: '01' }));
    const lookup = must(await kiosk.invoke('kiosk:lookup-dossier', { code }));
    expect(JSON.stringify(lookup)).not.toContain(CITIZEN.idNumber);

    // Requests that carry a CCCD where a careless client might put one: the path and the query.
    await fetch(`${hubUrl}/api/dossiers/${CITIZEN.idNumber}`);
    await fetch(`${hubUrl}/api/health?cccd=${CITIZEN.idNumber}`);

    await Promise.all(procs.map(stop));
    const hubLog = procs.find((p) => p.name === 'hub')!.output;
    // The hub did log the requests (so this search could fail), with the number masked.
    expect(hubLog).toContain('"reqId"');
    expect(hubLog).toContain('0010******45');
    expect(procs.find((p) => p.name === 'printer')!.output).toMatch(/job \d+/);

    const outputs = procs.map((p) => ({ source: `${p.name} stdout/stderr`, text: p.output }));
    const files = logFiles(tmp.dir).map((f) => ({ source: f, text: readFileSync(f, 'utf8') }));
    const leaks = [...outputs, ...files].filter((o) => containsCccd(o.text)).map((o) => `${o.source}: …${/(?<!\d)\d{12}(?!\d)/.exec(o.text)?.[0]}…`);
    expect(leaks).toEqual([]);
    expect(outputs.map((o) => o.text).join('\n')).not.toContain(CITIZEN.fullName);
  }, 180_000);
});
