import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { PAIRING_CODE_DIGITS, PAIRING_CODE_TTL_MS } from '../../../core/protocol/pairing-commands';
import { err, ok, type Result } from '../../../core/result';
import { hashPairingCode, PAIRING_LOOKBACK_MS, PAIRING_REFUSALS } from '../../devices/pairing-codes';
import type { PgSql } from './pg-store';

interface Row {
  id: string;
  device_id: string;
  salt: string;
  code_hash: string;
  expires_at: string;
  used_at: string | null;
}

/**
 * The PostgreSQL twin of hub/devices/pairing-codes.ts. pairing_codes has no centre_id (PostgreSQL
 * migration 0004): a code names a device, and device ids are unique across the province. A code
 * is used by one UPDATE … WHERE used_at IS NULL: of two hub processes redeeming one code at once,
 * the one whose update touched no row answers "already used", so a code pairs one terminal only.
 */
export class PgPairingCodes {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async create(deviceId: string, createdBy: string, now: Date): Promise<{ readonly code: string; readonly expiresAt: string }> {
    const code = String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0');
    const salt = randomBytes(16).toString('hex');
    const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS).toISOString();
    await this.sql.run('UPDATE pairing_codes SET expires_at = least(expires_at, $1) WHERE device_id = $2 AND used_at IS NULL', [now.toISOString(), deviceId]);
    await this.sql.run(
      'INSERT INTO pairing_codes (device_id, salt, code_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [deviceId, salt, hashPairingCode(salt, code), createdBy, now.toISOString(), expiresAt],
    );
    return { code, expiresAt };
  }

  async redeem(code: string, now: Date): Promise<Result<{ readonly deviceId: string }>> {
    const since = new Date(now.getTime() - PAIRING_LOOKBACK_MS).toISOString();
    const rows = await this.sql.rows<Row>('SELECT id, device_id, salt, code_hash, expires_at, used_at FROM pairing_codes WHERE created_at > $1 ORDER BY created_at DESC', [since]);
    const row = rows.find((r) => timingSafeEqual(Buffer.from(r.code_hash), Buffer.from(hashPairingCode(r.salt, code))));
    if (!row) return err('unauthorized', PAIRING_REFUSALS.wrong);
    if (row.used_at !== null) return err('unauthorized', PAIRING_REFUSALS.used);
    if (row.expires_at <= now.toISOString()) return err('unauthorized', PAIRING_REFUSALS.expired);
    const used = await this.sql.run('UPDATE pairing_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL', [now.toISOString(), row.id]);
    if (used === 0) return err('unauthorized', PAIRING_REFUSALS.used);
    return ok({ deviceId: row.device_id });
  }
}
