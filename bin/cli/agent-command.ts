import path from 'node:path';
import { RoleSchema } from '../../core/devices';
import { loadTerminalConfig, type TerminalConfig } from '../../main/agent/terminal-config';
import { mustLoadCentre, startAgent } from './centre-runtime';
import { onShutdown } from './shutdown';

interface AgentOptions {
  role: string;
  config?: string;
  centre: string;
  device?: string;
  hub?: string;
  printer?: string;
  port: number;
}

export async function runAgentCommand(opts: AgentOptions): Promise<void> {
  const role = RoleSchema.extract(['kiosk', 'counter', 'display', 'admin']).safeParse(opts.role);
  if (!role.success) throw new Error(`--role must be kiosk, counter, display or admin (got "${opts.role}")`);
  let target: { hubUrl: string; hubCa?: string; hubCaFingerprint?: string; deviceId: string; token: string; dataDir: string; printerInterface?: string; devices?: TerminalConfig['devices'] };
  if (opts.config) {
    const r = loadTerminalConfig(path.resolve(opts.config));
    if (!r.ok) throw new Error(r.error.message);
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
      token: device.token,
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
