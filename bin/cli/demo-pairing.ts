import path from 'node:path';
import type { Hub } from '../../hub/hub';
import type { CentreConfig } from '../../kiosk-config/schema';
import { writePairedConfig } from '../../main/agent/paired-config';
import { pairWithHub, type PairedTerminal } from '../../main/agent/pairing-client';

/**
 * The demo pairs its own virtual devices the way a technician pairs a real one: the hub makes a
 * one-time code (as the admin screen would), and the terminal side exchanges it at POST /api/pair
 * and keeps the answer in its config (0600). So the quick start stays two commands, and what it
 * runs is the pairing path, not a token copied from the centre config.
 */
export async function pairDemoDevice(hub: Hub, deviceId: string, terminalDir: string, now: Date): Promise<PairedTerminal & { readonly configFile: string }> {
  const code = await hub.pairing.createCode(deviceId, 'demo', now);
  if (!code.ok) throw new Error(code.error.message);
  const paired = await pairWithHub({ hubUrl: hub.url, code: code.value.code });
  if (!paired.ok) throw new Error(`pairing ${deviceId}: ${paired.error.message}`);
  const configFile = path.join(terminalDir, 'terminal.json');
  const written = writePairedConfig(configFile, paired.value);
  if (!written.ok) throw new Error(written.error.message);
  return { ...paired.value, configFile };
}

/** The secret an agent of the demo or a test signs in with: a pairing's credential, else the config's legacy token. */
export function legacyTokenOf(config: CentreConfig, deviceId: string): string {
  const token = config.devices.find((d) => d.id === deviceId)?.token;
  if (token === undefined) throw new Error(`device "${deviceId}" has no token in the centre config: pair it (motcua device pair --device ${deviceId})`);
  return token;
}
