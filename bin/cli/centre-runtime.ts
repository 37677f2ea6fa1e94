import path from 'node:path';
import type { Role } from '../../core/devices';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import { Hub } from '../../hub/hub';
import type { HubIntegrations } from '../../hub/integrations/outbox-settings';
import { readIntegrationSecrets } from '../../kiosk-config/integrations-schema';
import { loadCentreConfig } from '../../kiosk-config/load';
import type { CentreConfig } from '../../kiosk-config/schema';
import { BridgeServer } from '../../main/agent/bridge-server';
import { LAUNCH_CONTROL_FILE } from '../../main/agent/launch-control';
import { TerminalAgent } from '../../main/agent/terminal-agent';
import type { TerminalConfig } from '../../main/agent/terminal-config';
import { legacyTokenOf, pairDemoDevice } from './demo-pairing';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(REPO_ROOT, 'dist/renderer');

export function mustLoadCentre(file: string): CentreConfig {
  const r = loadCentreConfig(path.resolve(file));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/**
 * The config's partner systems with their secrets read from the environment: a missing or
 * malformed secret stops the start with every problem named (never the values).
 */
export function integrationsOf(config: CentreConfig, env: Readonly<Record<string, string | undefined>> = process.env): HubIntegrations {
  const r = readIntegrationSecrets(config.integrations, env);
  if (!r.ok) throw new Error(r.error.message);
  const { zns, esms } = r.value;
  const notifier = zns || esms ? { order: config.integrations.notifier.order, ...(zns ? { zns } : {}), ...(esms ? { esms } : {}) } : undefined;
  return { webhooks: r.value.webhooks, ...(r.value.nationalPortal ? { nationalPortal: r.value.nationalPortal } : {}), ...(notifier ? { notifier } : {}) };
}

export interface RunningAgent {
  readonly role: Role;
  readonly deviceId: string;
  readonly agent: TerminalAgent;
  readonly bridge: BridgeServer;
  /** A new one-time launch address to open in a browser (main/agent/launch-routes.ts): one per browser, each call a fresh one. */
  launchUrl(): string;
}

export interface AgentStartOptions {
  readonly hubUrl: string;
  /** An https:// hub's CA (PEM or file) and its fingerprint, from the terminal config. */
  readonly hubCa?: string;
  readonly hubCaFingerprint?: string;
  readonly deviceId: string;
  readonly token: string;
  readonly role: Role;
  readonly dataDir: string;
  readonly printerInterface?: string;
  readonly printerPollMs?: number;
  /** The counter's serial devices (LED sign, rating keypad), from the terminal config. */
  readonly devices?: TerminalConfig['devices'];
  readonly port?: number;
  /** The terminal's clock (the kiosk's day for its number leases); the centre's clock in tests. */
  readonly clock?: () => Date;
}

export async function startAgent(o: AgentStartOptions): Promise<RunningAgent> {
  const agent = new TerminalAgent({ hubUrl: o.hubUrl, hubCa: o.hubCa, hubCaFingerprint: o.hubCaFingerprint, deviceId: o.deviceId, token: o.token, dataDir: o.dataDir, printerInterface: o.printerInterface, printerPollMs: o.printerPollMs, devices: o.devices, clock: o.clock });
  await agent.start();
  const bridge = new BridgeServer({ agent, staticDir: RENDERER_DIR, port: o.port ?? 0, clock: o.clock, controlFile: path.join(o.dataDir, LAUNCH_CONTROL_FILE) });
  try {
    await bridge.start();
    return { role: o.role, deviceId: o.deviceId, agent, bridge, launchUrl: () => bridge.launchUrl() };
  } catch (e) {
    await agent.close();
    throw e;
  }
}

/** Listens on `preferred`, or on any free port when it is taken (a second demo, a busy 8080…). */
export async function withPortFallback<T>(preferred: number, start: (port: number) => Promise<T>): Promise<T> {
  try {
    return await start(preferred);
  } catch (e) {
    if (preferred !== 0 && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') return start(0);
    throw e;
  }
}

export interface CentreServers {
  readonly config: CentreConfig;
  readonly hub: Hub;
  readonly printer: VirtualPrinter;
  readonly printerPort: number;
  close(): Promise<void>;
}

export interface CentreRuntime extends CentreServers {
  readonly agents: Readonly<Record<AgentRole, RunningAgent>>;
}

export type TerminalRole = 'kiosk' | 'counter' | 'display';
/** The roles that run on a terminal PC (Electron windows in the demo where Electron exists). */
export const TERMINAL_ROLES: readonly TerminalRole[] = ['kiosk', 'counter', 'display'];
/** The roles the headless demo starts an agent for: the terminals, the admin's device page, and one department's back office. */
export type AgentRole = TerminalRole | 'admin' | 'backoffice';
const AGENT_ROLES: readonly AgentRole[] = [...TERMINAL_ROLES, 'admin', 'backoffice'];

export interface CentreRuntimeOptions {
  readonly config: CentreConfig;
  readonly dataDir: string;
  /** false: every server on a free port (tests, benchmarks); true: the config's ports where free (demo). */
  readonly preferConfiguredPorts: boolean;
  /** The hub's clock; tests pin the centre to a working morning (appointments depend on the hour). */
  readonly clock?: () => Date;
  /** Devices of the counter terminal (e.g. `{ saneScanner: 'test' }`, a serial QR scanner). */
  readonly counterDevices?: TerminalConfig['devices'];
  /**
   * true: each agent is paired with a one-time code at start (the demo), its credential kept in
   * its data dir; false (tests): agents sign in with the config's legacy tokens.
   */
  readonly pairDevices?: boolean;
  /** Where the integrations' secrets are read (process.env by default; tests pass their own). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function firstDevice(config: CentreConfig, role: Role) {
  const d = config.devices.find((x) => x.role === role);
  if (!d) throw new Error(`The centre config has no ${role} device`);
  return d;
}

/** Runs `closers` in reverse order, ignoring failures: used to unwind a partial start. */
function closing(closers: (() => Promise<void>)[]) {
  return async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  };
}

/** The centre's servers: the hub and a virtual printer standing in for the kiosk's printer. */
export async function startCentreServers(o: CentreRuntimeOptions): Promise<CentreServers> {
  const closers: (() => Promise<void>)[] = [];
  const close = closing(closers);
  try {
    const kioskPrinter = o.config.printers.find((p) => p.id === firstDevice(o.config, 'kiosk').printerId);
    // The virtual printer stands in on the configured port when the kiosk's printer is a network one.
    const tcpPort = kioskPrinter && /^tcp:\/\/[^:]+:(\d+)$/.exec(kioskPrinter.interface)?.[1];
    const wantedPrinterPort = o.preferConfiguredPorts && tcpPort ? Number(tcpPort) : 0;
    const { printer, printerPort } = await withPortFallback(wantedPrinterPort, async (port) => {
      const vp = new VirtualPrinter({ port, outDir: path.join(o.dataDir, 'printed'), paperWidth: kioskPrinter?.paperWidth ?? 80 });
      return { printer: vp, printerPort: (await vp.start()).port };
    });
    closers.push(() => printer.close());

    // The demo centre is all on this machine: plain HTTP on loopback, said here rather than left to chance.
    const integrations = integrationsOf(o.config, o.env ?? process.env);
    const hub = new Hub({ config: o.config, dbFile: path.join(o.dataDir, 'hub.sqlite'), host: '127.0.0.1', port: o.preferConfiguredPorts ? o.config.hub.port : 0, clock: o.clock, tls: false, integrations });
    closers.push(() => hub.close());
    await hub.start().catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EADDRINUSE' ? new Error(`Port ${o.config.hub.port} is in use: is another hub running? Stop it, or change hub.port in the config.`) : e;
    });
    return { config: o.config, hub, printer, printerPort, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** A whole centre in one process: the servers, and one kiosk, counter, display and admin agent. */
export async function startCentre(o: CentreRuntimeOptions): Promise<CentreRuntime> {
  const servers = await startCentreServers(o);
  const closers: (() => Promise<void>)[] = [() => servers.close()];
  const close = closing(closers);
  try {
    const agents = {} as Record<AgentRole, RunningAgent>;
    for (const [i, role] of AGENT_ROLES.entries()) {
      const d = firstDevice(o.config, role);
      const terminalDir = path.join(o.dataDir, 'terminals', d.id);
      const token = o.pairDevices ? (await pairDemoDevice(servers.hub, d.id, terminalDir, (o.clock ?? (() => new Date()))())).credential : legacyTokenOf(o.config, d.id);
      const agent = await withPortFallback(o.preferConfiguredPorts ? 5301 + i : 0, (port) =>
        startAgent({
          hubUrl: servers.hub.url,
          deviceId: d.id,
          token,
          role,
          dataDir: terminalDir,
          // One virtual printer stands in for the kiosk's and the counter's.
          printerInterface: role === 'kiosk' || role === 'counter' ? `tcp://127.0.0.1:${servers.printerPort}` : undefined,
          devices: role === 'counter' ? o.counterDevices : undefined,
          port,
          // The same clock as the hub's: a kiosk's leases are of the hub's day.
          clock: o.clock,
        }),
      );
      closers.push(async () => {
        await agent.bridge.close();
        await agent.agent.close();
      });
      agents[role] = agent;
    }
    return { ...servers, agents, close };
  } catch (e) {
    await close();
    throw e;
  }
}
