import { createHash, randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/**
 * A credential is 32 random bytes (256 bits): no one guesses it, so a plain SHA-256 of it is all
 * the store needs — a slow hash (scrypt) exists to stretch low-entropy secrets such as passwords
 * and PINs, and would only cost the hub time on every sign-in here. Hex, 64 characters.
 */
export const credentialHash = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** A fresh credential: 32 random bytes, base64url (43 characters). */
export const newCredential = (): string => randomBytes(32).toString('base64url');

interface Row {
  device_id: string;
  credential_hash: string | null;
  previous_hash: string | null;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

/** What the store says of a secret a device presents. */
export type CredentialCheck =
  /** The device has no row: the centre config's legacy token decides. */
  | { readonly kind: 'no-row' }
  | { readonly kind: 'accepted'; readonly confirmedRotation: boolean }
  | { readonly kind: 'refused' };

export interface CredentialRecord {
  readonly deviceId: string;
  readonly pairedAt: string;
  readonly lastSeenAt: string | null;
  readonly revokedAt: string | null;
  readonly rotationPending: boolean;
}

/**
 * The paired credentials of the centre's devices, hashed, in the hub's database (migration 0015).
 * A device with a row is judged by it alone: pairing, revoking or rotating a device ends what
 * the config's token used to grant it.
 */
export class DeviceCredentials {
  private readonly getStmt: Statement<[string], Row>;
  private readonly byHashStmt: Statement<[string, string], Row>;
  private readonly allStmt: Statement<[], Row>;
  private readonly pairStmt: Statement<[string, string, string]>;
  private readonly rotateStmt: Statement<[string, string]>;
  private readonly insertRotatedStmt: Statement<[string, string, string | null, string]>;
  private readonly confirmStmt: Statement<[string]>;
  private readonly revokeStmt: Statement<[string, string, string]>;
  private readonly seenStmt: Statement<[string, string]>;

  constructor(db: Database) {
    this.getStmt = db.prepare(`SELECT * FROM device_credentials WHERE device_id = ?`);
    this.byHashStmt = db.prepare(`SELECT * FROM device_credentials WHERE credential_hash = ? UNION ALL SELECT * FROM device_credentials WHERE previous_hash = ?`);
    this.allStmt = db.prepare(`SELECT * FROM device_credentials`);
    this.pairStmt = db.prepare(
      `INSERT INTO device_credentials (device_id, credential_hash, previous_hash, created_at, last_seen_at, revoked_at) VALUES (?, ?, NULL, ?, NULL, NULL)
       ON CONFLICT (device_id) DO UPDATE SET credential_hash = excluded.credential_hash, previous_hash = NULL, created_at = excluded.created_at, revoked_at = NULL`,
    );
    this.rotateStmt = db.prepare(`UPDATE device_credentials SET previous_hash = coalesce(previous_hash, credential_hash), credential_hash = ? WHERE device_id = ? AND revoked_at IS NULL`);
    this.insertRotatedStmt = db.prepare(`INSERT INTO device_credentials (device_id, credential_hash, previous_hash, created_at) VALUES (?, ?, ?, ?)`);
    this.confirmStmt = db.prepare(`UPDATE device_credentials SET previous_hash = NULL WHERE device_id = ?`);
    this.revokeStmt = db.prepare(
      `INSERT INTO device_credentials (device_id, credential_hash, previous_hash, created_at, revoked_at) VALUES (?, NULL, NULL, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET credential_hash = NULL, previous_hash = NULL, revoked_at = excluded.revoked_at`,
    );
    this.seenStmt = db.prepare(`UPDATE device_credentials SET last_seen_at = ? WHERE device_id = ?`);
  }

  /**
   * Whether `secret` is the device's credential. Signing in with the new credential of a pending
   * rotation confirms it: the previous one stops working from then on.
   */
  check(deviceId: string, secret: string): CredentialCheck {
    const row = this.getStmt.get(deviceId);
    if (!row) return { kind: 'no-row' };
    const hash = credentialHash(secret);
    // Hex digests of equal length compared as strings: the secret's hash leaks nothing of the secret.
    if (row.credential_hash !== null && row.credential_hash === hash) {
      if (row.previous_hash === null) return { kind: 'accepted', confirmedRotation: false };
      this.confirmStmt.run(deviceId);
      return { kind: 'accepted', confirmedRotation: true };
    }
    if (row.previous_hash !== null && row.previous_hash === hash) return { kind: 'accepted', confirmedRotation: false };
    return { kind: 'refused' };
  }

  /** The device a bearer credential alone names (REST), or null. A device with no row is the config's to judge. */
  deviceOf(secret: string): { readonly deviceId: string } | null {
    const hash = credentialHash(secret);
    const row = this.byHashStmt.get(hash, hash);
    if (!row) return null;
    this.check(row.device_id, secret);
    return { deviceId: row.device_id };
  }

  /** Whether the device has a row at all (then its config token no longer counts). */
  has(deviceId: string): boolean {
    return this.getStmt.get(deviceId) !== undefined;
  }

  /** A new credential from a pairing code: replaces whatever the device held (a re-pair ends the old one). */
  pair(deviceId: string, now: Date): string {
    const secret = newCredential();
    this.pairStmt.run(deviceId, credentialHash(secret), now.toISOString());
    return secret;
  }

  /**
   * A new credential for the device itself. The one it holds stays valid until its first sign-in
   * with the new one. `legacyTokenHash`: a device still on the config's token moves to a stored
   * credential this way, that token being the previous one until confirmed. During a pending
   * rotation the previous credential stays the one the terminal last confirmed.
   */
  rotate(deviceId: string, legacyTokenHash: string | null, now: Date): string {
    const secret = newCredential();
    if (this.has(deviceId)) this.rotateStmt.run(credentialHash(secret), deviceId);
    else this.insertRotatedStmt.run(deviceId, credentialHash(secret), legacyTokenHash, now.toISOString());
    return secret;
  }

  revoke(deviceId: string, now: Date): string {
    const at = now.toISOString();
    this.revokeStmt.run(deviceId, at, at);
    return at;
  }

  seen(deviceId: string, now: Date): void {
    this.seenStmt.run(now.toISOString(), deviceId);
  }

  records(): CredentialRecord[] {
    return this.allStmt.all().map((r) => ({ deviceId: r.device_id, pairedAt: r.created_at, lastSeenAt: r.last_seen_at, revokedAt: r.revoked_at, rotationPending: r.previous_hash !== null }));
  }
}
