import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** The file in a hub's data dir that keeps its process's name among a centre's listeners. */
export const LISTENER_ID_FILE = 'listener-id';

/**
 * A hub process's name in its centre's list of listening processes (centre-listeners.ts): its host,
 * its port and an id kept in its data dir, so that it is the same when the process starts again
 * (and removes what a crash left) and never another process's, even on machines of the same name.
 */
export function listenerName(dataDir: string, port: number): string {
  const file = path.join(dataDir, LISTENER_ID_FILE);
  let id: string;
  try {
    id = readFileSync(file, 'utf8').trim();
  } catch {
    id = '';
  }
  if (!/^[0-9a-f-]{36}$/.test(id)) {
    id = randomUUID();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${id}\n`);
  }
  return `${hostname()}:${port}:${id}`;
}
