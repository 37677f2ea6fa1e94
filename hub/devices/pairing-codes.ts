import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { PAIRING_CODE_DIGITS, PAIRING_CODE_TTL_MS } from '../../core/protocol/pairing-commands';
import { err, ok, type Result } from '../../core/result';

interface Row {
  id: number;
  device_id: string;
  salt: string;
  code_hash: string;
  expires_at: string;
  used_at: string | null;
}

/** A code is looked for among those of the last day: older ones can only be "wrong". */
export const PAIRING_LOOKBACK_MS = 86_400_000;

/**
 * Salted SHA-256 of the code. Eight digits are few enough that a hash would not stop someone who
 * holds the database; what keeps a code safe is its 10-minute life, its single use and the
 * endpoint's rate limit. The hash keeps the code itself out of the database and its backups, so a
 * copy of them is worth nothing once the code has expired or been used.
 */
export const hashPairingCode = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`, 'utf8').digest('hex');

/** The refusals of a code, the same on both stores. */
export const PAIRING_REFUSALS = {
  wrong: 'Mã ghép nối không đúng (wrong pairing code).',
  used: 'Mã ghép nối đã được dùng; tạo mã mới trên máy quản trị (pairing code already used).',
  expired: 'Mã ghép nối đã hết hạn; tạo mã mới trên máy quản trị (pairing code expired).',
} as const;

/** One-time pairing codes: 8 digits, 10 minutes, single use, stored hashed (migration 0015). */
export class PairingCodes {
  private readonly insertStmt: Statement<[string, string, string, string, string, string]>;
  private readonly voidStmt: Statement<[string, string]>;
  private readonly recentStmt: Statement<[string], Row>;
  private readonly useStmt: Statement<[string, number]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO pairing_codes (device_id, salt, code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`);
    // A new code for a device voids its earlier unused one: one live code per device.
    this.voidStmt = db.prepare(`UPDATE pairing_codes SET expires_at = min(expires_at, ?) WHERE device_id = ? AND used_at IS NULL`);
    this.recentStmt = db.prepare(`SELECT id, device_id, salt, code_hash, expires_at, used_at FROM pairing_codes WHERE created_at > ? ORDER BY created_at DESC`);
    this.useStmt = db.prepare(`UPDATE pairing_codes SET used_at = ? WHERE id = ? AND used_at IS NULL`);
  }

  create(deviceId: string, createdBy: string, now: Date): { readonly code: string; readonly expiresAt: string } {
    const code = String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0');
    const salt = randomBytes(16).toString('hex');
    const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS).toISOString();
    this.voidStmt.run(now.toISOString(), deviceId);
    this.insertStmt.run(deviceId, salt, hashPairingCode(salt, code), createdBy, now.toISOString(), expiresAt);
    return { code, expiresAt };
  }

  /** Uses the code: the device it was made for, or a typed refusal (the code is then unchanged). */
  redeem(code: string, now: Date): Result<{ readonly deviceId: string }> {
    const since = new Date(now.getTime() - PAIRING_LOOKBACK_MS).toISOString();
    const row = this.recentStmt.all(since).find((r) => timingSafeEqual(Buffer.from(r.code_hash), Buffer.from(hashPairingCode(r.salt, code))));
    if (!row) return err('unauthorized', PAIRING_REFUSALS.wrong);
    if (row.used_at !== null) return err('unauthorized', PAIRING_REFUSALS.used);
    if (row.expires_at <= now.toISOString()) return err('unauthorized', PAIRING_REFUSALS.expired);
    this.useStmt.run(now.toISOString(), row.id);
    return ok({ deviceId: row.device_id });
  }
}
