import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { TerminalContext } from '../../core/protocol/bridge';
import { TerminalAgent, type TerminalAgentOptions } from '../../main/agent/terminal-agent';
import type { CentreConfig } from '../../kiosk-config/schema';
import { tokenOf } from '../support/centre';

/** A real kiosk agent (no bridge server: the handlers are what the bridge calls). */
export async function startKiosk(o: { config: CentreConfig; deviceId: string; hubUrl: string; dataDir: string; printerPort: number; clock?: () => Date; extra?: Partial<TerminalAgentOptions> }): Promise<TerminalAgent> {
  const agent = new TerminalAgent({
    hubUrl: o.hubUrl,
    deviceId: o.deviceId,
    token: tokenOf(o.config, o.deviceId),
    dataDir: path.join(o.dataDir, o.deviceId),
    printerInterface: `tcp://127.0.0.1:${o.printerPort}`,
    clock: o.clock,
    ...o.extra,
  });
  await agent.start();
  return agent;
}

/** Resolves with the first context that satisfies `test` (the current one, or a pushed one). */
export function waitForContext(agent: TerminalAgent, test: (c: TerminalContext) => boolean, timeoutMs = 20_000): Promise<TerminalContext> {
  const now = agent.context();
  if (test(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`context not reached within ${timeoutMs} ms: ${JSON.stringify({ hub: agent.context().hubConnected, kiosk: agent.context().kiosk })}`));
    }, timeoutMs);
    const off = agent.onContext((c) => {
      if (!test(c)) return;
      clearTimeout(timer);
      off();
      resolve(c);
    });
  });
}

export interface HubTicketRow {
  readonly id: number;
  readonly service_id: string;
  readonly day: string;
  readonly number: number;
  readonly state: string;
  readonly issued_at: string;
  readonly issued_by: string;
}

/** What the hub's own database holds (read beside the running hub: WAL lets a reader in). */
export function hubTickets(dbFile: string): HubTicketRow[] {
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, service_id, day, number, state, issued_at, issued_by FROM tickets ORDER BY id').all() as HubTicketRow[];
  } finally {
    db.close();
  }
}

export function hubCommandCount(dbFile: string, name: string): number {
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM commands WHERE name = ?').get(name) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Every (service, day, number) at most once: the rule the whole design holds. */
export function duplicates(rows: readonly HubTicketRow[]): string[] {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.service_id}/${r.day}/${r.number}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}
