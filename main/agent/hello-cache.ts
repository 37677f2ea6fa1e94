import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HelloSchema, type Hello } from '../../core/protocol/socket';

/**
 * The last hello kept on disk (JSON). At the next start it stands in until the hub answers, so a
 * counter that starts while the hub is unreachable still has its catalogue and calendar.
 * Only this device's hello is read back: a torn or foreign file is ignored.
 */
export function readCachedHello(file: string | undefined, deviceId: string): Hello | null {
  if (!file || !existsSync(file)) return null;
  try {
    const parsed = HelloSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success && parsed.data.device.id === deviceId ? parsed.data : null;
  } catch {
    return null; // a torn or foreign file: the hub's next hello replaces it
  }
}

/** Keeps the hub's latest hello (written aside, then renamed, so a crash never leaves half a file). */
export function keepHello(file: string | undefined, hello: Hello): void {
  if (!file) return;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(hello));
    renameSync(`${file}.tmp`, file);
  } catch {
    // Not fatal: the terminal works while connected; only a cold start without the hub needs this.
  }
}
