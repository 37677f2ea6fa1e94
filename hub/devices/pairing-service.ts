import type { EnrolledDeviceDefinition } from '../../core/centre';
import { pairingQrText, type DeviceCredentialState } from '../../core/protocol/pairing-commands';
import { err, ok, type Result } from '../../core/result';
import type { AuditLog } from '../audit/audit-log';
import type { Async } from '../store/async-of';
import type { Store } from '../store/store';
import { credentialHash, type DeviceCredentials } from './device-credentials';
import type { PairingCodes } from './pairing-codes';
import { qrSvg } from './pairing-qr';

export interface PairingServiceOptions {
  /** The unit of work: a change and its audit row commit together (joining a command's transaction). */
  readonly store: Store;
  readonly codes: Async<PairingCodes>;
  /** The devices of the centre config: the layout a code or a revocation may name. */
  readonly devices: readonly Pick<EnrolledDeviceDefinition, 'id' | 'token'>[];
  readonly credentials: Async<DeviceCredentials>;
  readonly audit: Pick<Async<AuditLog>, 'record'>;
  /** Drops every live socket of the device (the hub's realtime layer); absent beside no hub (the CLI). */
  readonly disconnect?: (deviceId: string) => void;
}

export interface PairingCode {
  readonly deviceId: string;
  readonly code: string;
  readonly expiresAt: string;
  readonly qrSvg: string;
}

/**
 * Pairing a terminal with a one-time code instead of a hand-copied token, revoking a device and
 * rotating its credential. Every step goes on the audit chain in the transaction that makes it.
 * Callers pass the time (`now`): the command's clock reading, the route's clock, the CLI's.
 * Over either store (the repositories' async faces).
 */
export class PairingService {
  private readonly legacyTokens: ReadonlyMap<string, string | undefined>;

  constructor(private readonly o: PairingServiceOptions) {
    this.legacyTokens = new Map(o.devices.map((d) => [d.id, d.token]));
  }

  /** A code for a device of the config; an earlier unused code of that device stops working. */
  async createCode(deviceId: string, actor: string, now: Date): Promise<Result<PairingCode>> {
    if (!this.legacyTokens.has(deviceId)) return err('not-found', `Không có thiết bị "${deviceId}" trong cấu hình trung tâm (no such device in the centre config).`);
    return this.o.store.transaction(async () => {
      const { code, expiresAt } = await this.o.codes.create(deviceId, actor, now);
      await this.o.audit.record({ actor, action: 'device.pairing-code', subject: deviceId, detail: { expiresAt } }, now);
      return ok({ deviceId, code, expiresAt, qrSvg: qrSvg(pairingQrText(code)) });
    });
  }

  /**
   * A terminal presents a code: it gets the device's new credential. Whatever the device held
   * before (an older pairing, the config's token) stops working, and its live sockets are dropped.
   */
  async pair(code: string, address: string, now: Date): Promise<Result<{ readonly deviceId: string; readonly credential: string }>> {
    const result = await this.o.store.transaction(async (): Promise<Result<{ readonly deviceId: string; readonly credential: string }>> => {
      const used = await this.o.codes.redeem(code, now);
      if (!used.ok) return used;
      const { deviceId } = used.value;
      const credential = await this.o.credentials.pair(deviceId, now);
      await this.o.audit.record({ actor: `terminal@${address}`, action: 'device.pair', subject: deviceId }, now);
      return ok({ deviceId, credential });
    });
    if (result.ok) this.o.disconnect?.(result.value.deviceId);
    return result;
  }

  /** Drops the device's live sockets: after a revocation has committed. */
  dropSockets(deviceId: string): void {
    this.o.disconnect?.(deviceId);
  }

  /** Ends the device's credential: it is refused from its next sign-in until paired again (drop its sockets after the commit). */
  async revoke(deviceId: string, actor: string, now: Date): Promise<Result<{ readonly deviceId: string; readonly revokedAt: string }>> {
    if (!this.legacyTokens.has(deviceId)) return err('not-found', `Không có thiết bị "${deviceId}" trong cấu hình trung tâm (no such device in the centre config).`);
    const revokedAt = await this.o.store.transaction(async () => {
      const at = await this.o.credentials.revoke(deviceId, now);
      await this.o.audit.record({ actor, action: 'device.revoke', subject: deviceId }, now);
      return at;
    });
    return ok({ deviceId, revokedAt });
  }

  /** A new credential for the device asking; the one it signed in with works until it signs in with the new one. */
  async rotate(deviceId: string, now: Date): Promise<{ readonly deviceId: string; readonly credential: string }> {
    const legacy = this.legacyTokens.get(deviceId);
    return this.o.store.transaction(async () => {
      const credential = await this.o.credentials.rotate(deviceId, legacy === undefined ? null : credentialHash(legacy), now);
      await this.o.audit.record({ actor: `device:${deviceId}`, action: 'device.rotate', subject: deviceId }, now);
      return { deviceId, credential };
    });
  }

  /** Every device of the config with the state of its credential. */
  async states(): Promise<DeviceCredentialState[]> {
    const records = new Map((await this.o.credentials.records()).map((r) => [r.deviceId, r]));
    return [...this.legacyTokens].map(([deviceId, token]) => {
      const r = records.get(deviceId);
      if (!r) return { deviceId, state: token === undefined ? 'unpaired' : 'legacy-token', pairedAt: null, lastSeenAt: null, revokedAt: null, rotationPending: false };
      return { deviceId, state: r.revokedAt ? 'revoked' : 'paired', pairedAt: r.revokedAt ? null : r.pairedAt, lastSeenAt: r.lastSeenAt, revokedAt: r.revokedAt, rotationPending: r.rotationPending };
    });
  }
}
