import type { DeviceInfo } from '../../core/devices';

/**
 * An external system's call runs through the CommandRunner as a pseudo-device of role
 * `backoffice` working for one department: the same role check, rules, Form 05 history, command
 * log (idempotent replays) and live broadcasts as the back-office screen, with no second path.
 *
 * Its id is `apikey:<key id>@<department id>`. Config device ids are lowercase letters, digits and
 * dashes (IdSchema), so no enrolled device can ever carry one of these ids.
 */
const PREFIX = 'apikey:';
const PSEUDO_ID = /^apikey:([a-z0-9]{12})@([a-z0-9][a-z0-9-]{0,39})$/;

export function apiKeyDevice(keyId: string, departmentId: string, actorName: string): DeviceInfo {
  return { id: `${PREFIX}${keyId}@${departmentId}`, role: 'backoffice', name: actorName, counterId: null, printer: null };
}

/** Whether a device id is an API key's pseudo-device (no officer signs in at one: the caller names its user). */
export function isApiKeyDevice(deviceId: string): boolean {
  return deviceId.startsWith(PREFIX);
}

/** The department an API key's pseudo-device works for, or null for any other id. */
export function apiKeyDepartmentOf(deviceId: string): string | null {
  return PSEUDO_ID.exec(deviceId)?.[2] ?? null;
}
