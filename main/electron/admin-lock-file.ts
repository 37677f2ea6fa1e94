import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AdminLockState, AdminLockStore } from './admin-lock';

const StateSchema = z.strictObject({ wrong: z.number().int().min(0).max(1000), lockedUntil: z.number().int().min(0) });

/**
 * The terminal admin PIN's lock state in a small JSON file beside the terminal config, so that
 * restarting the terminal (or pulling its plug) does not give a guesser five fresh tries. Written
 * atomically, readable by the terminal's user only. A missing or unreadable file is "no failures";
 * a file that cannot be written leaves the lock in memory, which is what it was before.
 */
export function adminLockFile(file: string, log: (message: string) => void = console.error): AdminLockStore {
  return {
    load(): AdminLockState | null {
      try {
        const parsed = StateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    save(state: AdminLockState): void {
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
        renameSync(tmp, file);
      } catch (e) {
        log(`[admin-lock] could not keep the lock state in ${file}: ${(e as Error).message}`);
      }
    },
  };
}

/** Beside the terminal config (terminal.json → admin-lock.json). */
export function adminLockFileOf(configPath: string): string {
  return path.join(path.dirname(configPath), 'admin-lock.json');
}
