import type { DeviceInfo } from '../../core/devices';
import type { AppError } from '../../core/result';
import type { AdminAccounts } from './admin-accounts';
import type { AdminSessions } from './admin-sessions';
import { PROVINCE_ADMIN_ONLY } from './admin-routes';

/**
 * The commands of an admin device (appointments, tickets) need an administrator signed in at it,
 * once the centre has any account. A socket carries no session header, so the question is
 * "is a session of this device live", which the sign-in over HTTP opened. Other roles: unchanged.
 */
export async function adminCommandProblem(
  services: { readonly adminAccounts: AdminAccounts; readonly adminSessions: AdminSessions; readonly province?: { readonly sessions: AdminSessions } | null },
  device: DeviceInfo,
): Promise<AppError | null> {
  if (device.role !== 'admin' || !(await services.adminAccounts.any())) return null;
  if (await services.adminSessions.signedInAt(device.id)) return null;
  // Only a province administrator signed in here: known, and not theirs to administer.
  if (await services.province?.sessions.signedInAt(device.id)) return { kind: 'forbidden', message: PROVINCE_ADMIN_ONLY };
  return { kind: 'unauthorized', message: 'Cần đăng nhập quản trị trên máy này (an administrator must sign in at this device).' };
}

/** May the floor's device list be pushed to this admin device (as of `at`, the change's instant): no accounts yet, or an administrator signed in at it. */
export async function adminFeedAllowed(services: { readonly adminAccounts: AdminAccounts; readonly adminSessions: AdminSessions }, deviceId: string, at?: Date): Promise<boolean> {
  return !(await services.adminAccounts.any()) || (await services.adminSessions.signedInAt(deviceId, at)) !== null;
}
