import { HubClient } from '../../main/agent/hub-client';
import type { CentreConfig } from '../../kiosk-config/schema';
import { tokenOf } from './centre';

/** A terminal as the agent runs it (HubClient: the agent's own connection, sender and event code), given several hub addresses. */
export function failoverTerminal(config: CentreConfig, deviceId: string, hubUrls: readonly string[], patienceMs = 30_000): HubClient {
  const client = new HubClient({ hubUrl: hubUrls[0] ?? '', hubUrls, deviceId, token: tokenOf(config, deviceId), commandPatienceMs: patienceMs, commandTimeoutMs: 5000 });
  client.start();
  return client;
}

/** Resolves with the milliseconds (from `since`) until the terminal is up on `url`; rejects after `timeoutMs`. */
export function upOn(client: HubClient, url: string, since: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = client.current();
      if (!s.connected || s.hubAddress !== url) return false;
      clearTimeout(timer);
      off();
      resolve(performance.now() - since);
      return true;
    };
    const timer = setTimeout(() => {
      off();
      reject(new Error(`not up on ${url} within ${timeoutMs} ms: ${JSON.stringify({ connected: client.current().connected, at: client.current().hubAddress, problem: client.current().problem })}`));
    }, timeoutMs);
    const off = client.onChange(() => void check());
    check();
  });
}

/** p50 / max of a list of milliseconds, rounded. */
export function figures(ms: readonly number[]): { p50: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), max: Math.round(sorted.at(-1) ?? 0) };
}
