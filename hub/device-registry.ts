import { createHash, timingSafeEqual } from 'node:crypto';
import type { DeviceInfo } from '../core/devices';
import type { CentreDefinition } from '../core/centre';
import type { DeviceCredentials } from './devices/device-credentials';
import type { Async } from './store/async-of';

export interface EnrolledDevice {
  readonly info: DeviceInfo;
  /** The config's token (legacy installs), or null for a device that only pairs. */
  readonly tokenDigest: Buffer | null;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

export interface PairedCredentials {
  readonly credentials: Async<DeviceCredentials>;
  readonly clock: () => Date;
}

/**
 * The devices enrolled in the centre config, and the check of the secret each presents: the
 * credential it was paired with (hub database), or — for a device never paired, revoked or
 * rotated — the config's legacy token. The credentials are the store's (either: their async face).
 */
export class DeviceRegistry {
  private readonly byId = new Map<string, EnrolledDevice>();

  constructor(
    config: Pick<CentreDefinition, 'devices' | 'printers'>,
    private readonly paired: PairedCredentials | null = null,
  ) {
    for (const d of config.devices) {
      const printer = config.printers.find((p) => p.id === d.printerId) ?? null;
      this.byId.set(d.id, {
        info: { id: d.id, role: d.role, name: d.name, counterId: d.counterId ?? null, printer },
        tokenDigest: d.token === undefined ? null : digest(d.token),
      });
    }
  }

  all(): DeviceInfo[] {
    return [...this.byId.values()].map((d) => d.info);
  }

  /** The device whose id and secret match, or null: a sign-in (its time is kept as the device's last seen). */
  async authenticate(deviceId: string, token: string): Promise<DeviceInfo | null> {
    const device = this.byId.get(deviceId);
    if (!device) return null;
    if (this.paired) {
      const check = await this.paired.credentials.check(deviceId, token);
      if (check.kind === 'accepted') {
        await this.paired.credentials.seen(deviceId, this.paired.clock());
        return device.info;
      }
      if (check.kind === 'refused') return null;
    }
    return device.tokenDigest && timingSafeEqual(device.tokenDigest, digest(token)) ? device.info : null;
  }

  /** For the REST API, where a bearer secret alone names the device. */
  async authenticateToken(token: string): Promise<DeviceInfo | null> {
    const paired = await this.paired?.credentials.deviceOf(token);
    if (paired) return this.byId.get(paired.deviceId)?.info ?? null;
    const d = digest(token);
    for (const device of this.byId.values()) {
      if (device.tokenDigest && timingSafeEqual(device.tokenDigest, d) && !(await this.paired?.credentials.has(device.info.id))) return device.info;
    }
    return null;
  }
}
