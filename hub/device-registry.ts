import { createHash, timingSafeEqual } from 'node:crypto';
import type { DeviceInfo } from '../core/devices';
import type { CentreDefinition } from '../core/centre';

export interface EnrolledDevice {
  readonly info: DeviceInfo;
  readonly tokenDigest: Buffer;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** The devices enrolled in the centre config, and the check of the token each presents. */
export class DeviceRegistry {
  private readonly byId = new Map<string, EnrolledDevice>();

  constructor(config: Pick<CentreDefinition, 'devices' | 'printers'>) {
    for (const d of config.devices) {
      const printer = config.printers.find((p) => p.id === d.printerId) ?? null;
      this.byId.set(d.id, {
        info: { id: d.id, role: d.role, name: d.name, counterId: d.counterId ?? null, printer },
        tokenDigest: digest(d.token),
      });
    }
  }

  all(): DeviceInfo[] {
    return [...this.byId.values()].map((d) => d.info);
  }

  /** The device whose id and token match, or null. Compares digests in constant time. */
  authenticate(deviceId: string, token: string): DeviceInfo | null {
    const device = this.byId.get(deviceId);
    if (!device) return null;
    return timingSafeEqual(device.tokenDigest, digest(token)) ? device.info : null;
  }

  /** For the REST API, where a bearer token alone names the device. */
  authenticateToken(token: string): DeviceInfo | null {
    const d = digest(token);
    for (const device of this.byId.values()) if (timingSafeEqual(device.tokenDigest, d)) return device.info;
    return null;
  }
}
