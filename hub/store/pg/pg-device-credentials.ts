import { credentialHash, newCredential, type CredentialCheck, type CredentialRecord } from '../../devices/device-credentials';
import type { PgSql } from './pg-store';

interface Row {
  device_id: string;
  credential_hash: string | null;
  previous_hash: string | null;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = 'device_id, credential_hash, previous_hash, created_at, last_seen_at, revoked_at';

/**
 * The PostgreSQL twin of hub/devices/device-credentials.ts. device_credentials has no centre_id
 * (PostgreSQL migration 0004): device ids are unique across the province, so a credential names
 * its device wherever it is presented, and records() lists the province's rows — PairingService
 * keeps only the devices of its centre's config. The centre this twin is bound to is kept for
 * symmetry with the other twins.
 *
 * Each write is one statement, so hub processes writing at once never meet a conflict error:
 * rotate() is an upsert (SQLite reads has() first, inside its single-writer transaction), and a
 * confirmation racing another one sets previous_hash to NULL twice.
 */
export class PgDeviceCredentials {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async check(deviceId: string, secret: string): Promise<CredentialCheck> {
    const row = await this.sql.row<Row>(`SELECT ${COLUMNS} FROM device_credentials WHERE device_id = $1`, [deviceId]);
    if (!row) return { kind: 'no-row' };
    const hash = credentialHash(secret);
    if (row.credential_hash !== null && row.credential_hash === hash) {
      if (row.previous_hash === null) return { kind: 'accepted', confirmedRotation: false };
      await this.sql.run('UPDATE device_credentials SET previous_hash = NULL WHERE device_id = $1 AND credential_hash = $2', [deviceId, hash]);
      return { kind: 'accepted', confirmedRotation: true };
    }
    if (row.previous_hash !== null && row.previous_hash === hash) return { kind: 'accepted', confirmedRotation: false };
    return { kind: 'refused' };
  }

  async deviceOf(secret: string): Promise<{ readonly deviceId: string } | null> {
    const hash = credentialHash(secret);
    const row = await this.sql.row<{ device_id: string }>('SELECT device_id FROM device_credentials WHERE credential_hash = $1 OR previous_hash = $1 LIMIT 1', [hash]);
    if (!row) return null;
    await this.check(row.device_id, secret);
    return { deviceId: row.device_id };
  }

  async has(deviceId: string): Promise<boolean> {
    return (await this.sql.row('SELECT 1 FROM device_credentials WHERE device_id = $1', [deviceId])) !== null;
  }

  async pair(deviceId: string, now: Date): Promise<string> {
    const secret = newCredential();
    await this.sql.run(
      `INSERT INTO device_credentials (device_id, credential_hash, previous_hash, created_at, last_seen_at, revoked_at) VALUES ($1, $2, NULL, $3, NULL, NULL)
       ON CONFLICT (device_id) DO UPDATE SET credential_hash = excluded.credential_hash, previous_hash = NULL, created_at = excluded.created_at, revoked_at = NULL`,
      [deviceId, credentialHash(secret), now.toISOString()],
    );
    return secret;
  }

  async rotate(deviceId: string, legacyTokenHash: string | null, now: Date): Promise<string> {
    const secret = newCredential();
    // A revoked device stays revoked (the WHERE leaves its row alone), as in SQLite.
    await this.sql.run(
      `INSERT INTO device_credentials (device_id, credential_hash, previous_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (device_id) DO UPDATE SET previous_hash = coalesce(device_credentials.previous_hash, device_credentials.credential_hash),
         credential_hash = excluded.credential_hash
       WHERE device_credentials.revoked_at IS NULL`,
      [deviceId, credentialHash(secret), legacyTokenHash, now.toISOString()],
    );
    return secret;
  }

  async revoke(deviceId: string, now: Date): Promise<string> {
    const at = now.toISOString();
    await this.sql.run(
      `INSERT INTO device_credentials (device_id, credential_hash, previous_hash, created_at, revoked_at) VALUES ($1, NULL, NULL, $2, $2)
       ON CONFLICT (device_id) DO UPDATE SET credential_hash = NULL, previous_hash = NULL, revoked_at = excluded.revoked_at`,
      [deviceId, at],
    );
    return at;
  }

  async seen(deviceId: string, now: Date): Promise<void> {
    await this.sql.run('UPDATE device_credentials SET last_seen_at = $1 WHERE device_id = $2', [now.toISOString(), deviceId]);
  }

  async records(): Promise<CredentialRecord[]> {
    const rows = await this.sql.rows<Row>(`SELECT ${COLUMNS} FROM device_credentials ORDER BY device_id`);
    return rows.map((r) => ({ deviceId: r.device_id, pairedAt: r.created_at, lastSeenAt: r.last_seen_at, revokedAt: r.revoked_at, rotationPending: r.previous_hash !== null }));
  }
}
