import { existsSync } from 'node:fs';
import path from 'node:path';
import { RoleSchema } from '../../core/devices';
import { loadTerminalConfig, type TerminalConfig } from '../../main/agent/terminal-config';
import { rotateCredential } from '../../main/agent/credential-rotation';
import { writePairedConfig } from '../../main/agent/paired-config';
import { pairWithHub } from '../../main/agent/pairing-client';
import { SetupServer } from '../../main/agent/setup/setup-server';
import { mustLoadCentre, startAgent } from './centre-runtime';
import { legacyTokenOf } from './demo-pairing';
import { onShutdown } from './shutdown';

interface AgentOptions {
  role: string;
  config?: string;
  centre: string;
  device?: string;
  hub?: string;
  printer?: string;
  port: number;
  /** A one-time pairing code: pair with --hub first, writing the credential into --config (terminal.json). */
  pair?: string;
  /** The CA fingerprint the administrator read out, checked at pairing (optional: trust on first use without it). */
  caFingerprint?: string;
  /** Rotate the paired credential first (the old one works until the new one has signed in once). */
  rotateCredential?: boolean;
}

/** Pairs this terminal with the hub and writes its config; answers the config file. */
async function pairTerminal(opts: AgentOptions): Promise<string> {
  if (!opts.hub) throw new Error('--pair needs --hub, the hub address (e.g. https://192.168.1.10:8080)');
  const file = path.resolve(opts.config ?? 'terminal.json');
  const paired = await pairWithHub({ hubUrl: opts.hub, code: opts.pair ?? '', expectedCaFingerprint: opts.caFingerprint });
  if (!paired.ok) throw new Error(paired.error.message);
  const written = writePairedConfig(file, paired.value);
  if (!written.ok) throw new Error(written.error.message);
  console.log(`Đã ghép nối thiết bị "${paired.value.deviceId}" với ${paired.value.hubUrl} (paired); cấu hình: ${file}`);
  if (paired.value.hubCaFingerprint) console.log(`  CA của trung tâm (pinned): ${paired.value.hubCaFingerprint}`);
  return file;
}

/** Serves the setup page ("Địa chỉ máy chủ", "Mã ghép nối") until the terminal is paired; answers the config file. */
async function pairAtSetupPage(file: string, opts: AgentOptions): Promise<string> {
  const setup = new SetupServer({ configFile: file, port: opts.port, expectedCaFingerprint: opts.caFingerprint });
  const { url } = await setup.start();
  console.log(`motcua: chưa ghép nối (${file} chưa có). Mở trang cài đặt: ${url}`);
  const paired = await setup.paired;
  await setup.close();
  console.log(`Đã ghép nối thiết bị "${paired.deviceId}" với ${paired.hubUrl}.`);
  return file;
}

export async function runAgentCommand(opts: AgentOptions): Promise<void> {
  const role = RoleSchema.extract(['kiosk', 'counter', 'display', 'admin']).safeParse(opts.role);
  if (!role.success) throw new Error(`--role must be kiosk, counter, display or admin (got "${opts.role}")`);
  let target: { hubUrl: string; hubCa?: string; hubCaFingerprint?: string; deviceId: string; token: string; dataDir: string; printerInterface?: string; devices?: TerminalConfig['devices'] };
  let configFile = opts.pair !== undefined ? await pairTerminal(opts) : opts.config;
  // A new terminal (its config file not written yet): the setup page pairs it first.
  if (configFile && !existsSync(path.resolve(configFile))) configFile = await pairAtSetupPage(path.resolve(configFile), opts);
  if (configFile) {
    let r = loadTerminalConfig(path.resolve(configFile));
    if (!r.ok) throw new Error(r.error.message);
    if (opts.rotateCredential) {
      const rotated = await rotateCredential(r.value, path.resolve(configFile));
      if (!rotated.ok) throw new Error(rotated.error.message);
      console.log(`Đã đổi mã xác thực của thiết bị "${rotated.value.deviceId}" (credential rotated).`);
      r = loadTerminalConfig(path.resolve(configFile));
      if (!r.ok) throw new Error(r.error.message);
    }
    target = r.value;
  } else {
    const centre = mustLoadCentre(opts.centre);
    const device = centre.devices.find((d) => (opts.device ? d.id === opts.device : d.role === role.data));
    if (!device) throw new Error(`${opts.centre}: no ${opts.device ? `device "${opts.device}"` : `${role.data} device`}`);
    if (device.role !== role.data) throw new Error(`device "${device.id}" is a ${device.role}, not a ${role.data}`);
    const hubUrl = opts.hub ?? `${centre.hub.tls === false ? 'http' : 'https'}://${centre.hub.host}:${centre.hub.port}`;
    target = {
      hubUrl,
      // The centre's own CA, where the hub made it (a terminal on the hub's machine); none for a plain-HTTP hub.
      hubCa: centre.hub.tls === false || !hubUrl.startsWith('https:') ? undefined : (centre.hub.tls.caFile ?? path.join(centre.hub.dataDir, 'tls', 'ca.pem')),
      deviceId: device.id,
      token: legacyTokenOf(centre, device.id),
      dataDir: path.join(centre.hub.dataDir, 'terminals', device.id),
    };
  }
  const running = await startAgent({ ...target, printerInterface: opts.printer ?? target.printerInterface, role: role.data, port: opts.port });
  running.agent.onContext((c) => {
    if (c.device && c.device.role !== role.data) console.error(`warning: the hub says device "${c.device.id}" is a ${c.device.role}, not a ${role.data}`);
  });
  console.log(`motcua ${role.data} (${target.deviceId}) → hub ${target.hubUrl}`);
  // One browser, once, within minutes; `motcua launch-code --data-dir …` prints another (README, "Launch codes").
  console.log(`  open ${running.launchUrl()}`);
  console.log(`  (one-time address; a new one: motcua launch-code --data-dir ${target.dataDir})`);
  onShutdown(async () => {
    await running.bridge.close();
    await running.agent.close();
  });
}
