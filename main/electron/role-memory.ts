import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RoleSchema } from '../../core/devices';
import { windowRoleOf, type WindowRole } from './security';

/**
 * The role the hub last gave this device. A window's web preferences depend on its role, so
 * remembering it lets the next start open the right window at once instead of replacing it when
 * the hub answers (or staying generic while the hub is down).
 */
export function readRememberedRole(file: string): WindowRole | null {
  try {
    const parsed = RoleSchema.safeParse((JSON.parse(readFileSync(file, 'utf8')) as { role?: unknown }).role);
    return parsed.success ? windowRoleOf(parsed.data) : null;
  } catch {
    return null;
  }
}

export function rememberRole(file: string, role: WindowRole): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ role })}\n`);
  } catch (error) {
    // Only a slower next start is lost.
    console.warn('[electron] could not remember the device role', error);
  }
}
