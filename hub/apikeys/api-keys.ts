import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import {
  formatApiKey,
  parseApiKey,
  type ApiKeyPermission,
  type ApiKeyRecord,
} from '../../core/protocol/apikey-commands';
import type { Department } from '../../core/dossiers/catalogue';
import { err, ok, type Result } from '../../core/result';
import type { AuditLog } from '../audit/audit-log';
import { credentialHash, newCredential } from '../devices/device-credentials';

interface Row {
  id: string;
  name: string;
  department_id: string | null;
  permissions_json: string;
  secret_hash: string | null;
  previous_hash: string | null;
  previous_valid_until: string | null;
  created_at: string;
  created_by: string;
  rotated_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A key that authenticated: what it may do and for whom. */
export interface ApiKeyPrincipal {
  readonly id: string;
  readonly name: string;
  readonly departmentId: string | null;
  readonly permissions: readonly ApiKeyPermission[];
}

const HOUR_MS = 3_600_000;
const LAST_USED_RESOLUTION_MS = 60_000;

/** 12 characters of [a-z0-9]: 60 random bits, enough to name a key (the secret does the guarding). */
function newKeyId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

const sameHash = (a: string | null, b: string): boolean => a !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The API keys of other systems, in the hub's database (migration 0017). A secret is 32 random
 * bytes, so a plain SHA-256 of it is all the store keeps (the reason is in
 * hub/devices/device-credentials.ts). Every change is written to the audit chain in the same
 * transaction. Callers that are commands already run inside one; the CLI's calls each open one.
 */
export class ApiKeys {
  private readonly getStmt: Statement<[string], Row>;
  private readonly allStmt: Statement<[], Row>;
  private readonly insertStmt: Statement<unknown[]>;
  private readonly rotateStmt: Statement<unknown[]>;
  private readonly revokeStmt: Statement<[string, string]>;
  private readonly usedStmt: Statement<[string, string]>;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly departments: readonly Department[],
  ) {
    this.getStmt = db.prepare(`SELECT * FROM api_keys WHERE id = ?`);
    this.allStmt = db.prepare(`SELECT * FROM api_keys ORDER BY created_at, id`);
    this.insertStmt = db.prepare(
      `INSERT INTO api_keys (id, name, department_id, permissions_json, secret_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.rotateStmt = db.prepare(`UPDATE api_keys SET secret_hash = ?, previous_hash = ?, previous_valid_until = ?, rotated_at = ? WHERE id = ?`);
    this.revokeStmt = db.prepare(`UPDATE api_keys SET secret_hash = NULL, previous_hash = NULL, previous_valid_until = NULL, revoked_at = ? WHERE id = ?`);
    this.usedStmt = db.prepare(`UPDATE api_keys SET last_used_at = ? WHERE id = ?`);
  }

  create(input: { readonly name: string; readonly departmentId: string | null; readonly permissions: readonly ApiKeyPermission[] }, actor: string, now: Date): Result<{ key: string; record: ApiKeyRecord }> {
    if (input.departmentId !== null && !this.departments.some((d) => d.id === input.departmentId)) {
      return err('invalid-input', `Không có cơ quan/phòng "${input.departmentId}" trong cấu hình trung tâm (departments[].id).`);
    }
    return this.inTransaction(() => {
      const id = newKeyId();
      const secret = newCredential();
      const at = now.toISOString();
      const permissions = [...input.permissions].sort();
      this.insertStmt.run(id, input.name, input.departmentId, JSON.stringify(permissions), credentialHash(secret), at, actor);
      this.audit.record({ actor, action: 'apikey.create', subject: `apikey:${id}`, detail: { name: input.name, departmentId: input.departmentId, permissions } }, now);
      return ok({ key: formatApiKey(id, secret), record: this.record(id, now)! });
    });
  }

  /**
   * A new secret. The one the system holds keeps working for `overlapHours` (0: ends now). A
   * second rotation within an overlap keeps the secret that was in use before the first: the
   * system may not have switched yet, and a secret nobody received must not push it out.
   */
  rotate(keyId: string, overlapHours: number, actor: string, now: Date): Result<{ key: string; record: ApiKeyRecord }> {
    return this.inTransaction(() => {
      const row = this.getStmt.get(keyId);
      if (!row) return err('not-found', `Không có khoá API "${keyId}".`);
      if (row.revoked_at !== null || row.secret_hash === null) return err('conflict', `Khoá API "${row.name}" đã bị thu hồi: hãy tạo khoá mới.`);
      const secret = newCredential();
      const at = now.toISOString();
      const stillOverlapping = row.previous_hash !== null && row.previous_valid_until !== null && Date.parse(row.previous_valid_until) > now.getTime();
      const previous = overlapHours === 0 ? null : stillOverlapping ? row.previous_hash : row.secret_hash;
      const until = previous === null ? null : new Date(now.getTime() + overlapHours * HOUR_MS).toISOString();
      this.rotateStmt.run(credentialHash(secret), previous, until, at, keyId);
      this.audit.record({ actor, action: 'apikey.rotate', subject: `apikey:${keyId}`, detail: { name: row.name, overlapHours, previousValidUntil: until } }, now);
      return ok({ key: formatApiKey(keyId, secret), record: this.record(keyId, now)! });
    });
  }

  revoke(keyId: string, actor: string, now: Date): Result<{ record: ApiKeyRecord }> {
    return this.inTransaction(() => {
      const row = this.getStmt.get(keyId);
      if (!row) return err('not-found', `Không có khoá API "${keyId}".`);
      if (row.revoked_at !== null) return ok({ record: this.record(keyId, now)! });
      this.revokeStmt.run(now.toISOString(), keyId);
      this.audit.record({ actor, action: 'apikey.revoke', subject: `apikey:${keyId}`, detail: { name: row.name } }, now);
      return ok({ record: this.record(keyId, now)! });
    });
  }

  /** The agencies a key may be scoped to (the centre config's departments). */
  scopes(): Department[] {
    return this.departments.map((d) => ({ id: d.id, name: d.name }));
  }

  list(now: Date): ApiKeyRecord[] {
    return this.allStmt.all().map((r) => toRecord(r, now));
  }

  record(keyId: string, now: Date): ApiKeyRecord | null {
    const row = this.getStmt.get(keyId);
    return row ? toRecord(row, now) : null;
  }

  /**
   * Who presents this bearer text, or why not (always `unauthorized`, with a message that says
   * which: unknown, revoked, or an old secret past its rotation overlap). A success is the key's
   * last use (recorded to the minute).
   */
  authenticate(bearer: string, now: Date): Result<ApiKeyPrincipal> {
    const parsed = parseApiKey(bearer);
    if (!parsed) return err('unauthorized', 'Khoá API không đúng dạng "mck_<mã>_<bí mật>" (send "Authorization: Bearer mck_…").');
    const row = this.getStmt.get(parsed.id);
    const hash = credentialHash(parsed.secret);
    if (!row) return err('unauthorized', 'Khoá API không tồn tại (unknown API key).');
    if (row.revoked_at !== null) return err('unauthorized', `Khoá API "${row.name}" đã bị thu hồi lúc ${row.revoked_at} (revoked).`);
    const current = sameHash(row.secret_hash, hash);
    const previous = !current && sameHash(row.previous_hash, hash);
    if (previous && row.previous_valid_until !== null && Date.parse(row.previous_valid_until) <= now.getTime()) {
      return err('unauthorized', `Khoá API "${row.name}" đã được đổi; khoá cũ hết hiệu lực lúc ${row.previous_valid_until} (expired after rotation).`);
    }
    if (!current && !previous) return err('unauthorized', 'Khoá API không đúng (wrong secret).');
    // A system polling every few seconds should not cost a write each time: "last used" is kept to the minute.
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS || now.getTime() < Date.parse(row.last_used_at)) {
      this.usedStmt.run(now.toISOString(), row.id);
    }
    return ok({ id: row.id, name: row.name, departmentId: row.department_id, permissions: JSON.parse(row.permissions_json) as ApiKeyPermission[] });
  }

  private inTransaction<T>(fn: () => T): T {
    // Inside a command's transaction this is a savepoint; from the CLI, its own IMMEDIATE transaction.
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }
}

function toRecord(r: Row, now: Date): ApiKeyRecord {
  const overlapping = r.previous_valid_until !== null && Date.parse(r.previous_valid_until) > now.getTime();
  return {
    id: r.id,
    name: r.name,
    departmentId: r.department_id,
    permissions: JSON.parse(r.permissions_json) as ApiKeyPermission[],
    createdAt: r.created_at,
    createdBy: r.created_by,
    rotatedAt: r.rotated_at,
    previousValidUntil: overlapping ? r.previous_valid_until : null,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    state: r.revoked_at !== null ? 'revoked' : overlapping ? 'rotating' : 'active',
  };
}
