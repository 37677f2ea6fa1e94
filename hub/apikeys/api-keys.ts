import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  formatApiKey,
  parseApiKey,
  type ApiKeyPermission,
  type ApiKeyRecord,
} from '../../core/protocol/apikey-commands';
import type { Department } from '../../core/dossiers/catalogue';
import { err, ok, type Result } from '../../core/result';
import type { AuditLog } from '../audit/audit-log';
import type { Async } from '../store/async-of';
import type { Store } from '../store/store';
import type { ApiKeyRepository, ApiKeyRow } from './api-key-repository';
import { credentialHash, newCredential } from '../devices/device-credentials';

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
 * The API keys of other systems, over either store (ApiKeyRepository's async face; SQLite
 * migration 0017, PostgreSQL 0007). A secret is 32 random bytes, so a plain SHA-256 of it is all
 * the store keeps (the reason is in hub/devices/device-credentials.ts). Every change is written to
 * the audit chain in the same transaction: a command's own (then a savepoint), or one of its own
 * (the CLI).
 */
export class ApiKeys {
  constructor(
    private readonly repo: Async<ApiKeyRepository>,
    private readonly store: Store,
    private readonly audit: Pick<Async<AuditLog>, 'record'>,
    private readonly departments: readonly Department[],
  ) {}

  async create(input: { readonly name: string; readonly departmentId: string | null; readonly permissions: readonly ApiKeyPermission[] }, actor: string, now: Date): Promise<Result<{ key: string; record: ApiKeyRecord }>> {
    if (input.departmentId !== null && !this.departments.some((d) => d.id === input.departmentId)) {
      return err('invalid-input', `Không có cơ quan/phòng "${input.departmentId}" trong cấu hình trung tâm (departments[].id).`);
    }
    return this.store.transaction(async () => {
      const id = newKeyId();
      const secret = newCredential();
      const at = now.toISOString();
      const permissions = [...input.permissions].sort();
      await this.repo.insert({ id, name: input.name, departmentId: input.departmentId, permissionsJson: JSON.stringify(permissions), secretHash: credentialHash(secret), createdAt: at, createdBy: actor });
      await this.audit.record({ actor, action: 'apikey.create', subject: `apikey:${id}`, detail: { name: input.name, departmentId: input.departmentId, permissions } }, now);
      return ok({ key: formatApiKey(id, secret), record: (await this.record(id, now))! });
    });
  }

  /**
   * A new secret. The one the system holds keeps working for `overlapHours` (0: ends now). A
   * second rotation within an overlap keeps the secret that was in use before the first: the
   * system may not have switched yet, and a secret nobody received must not push it out.
   */
  async rotate(keyId: string, overlapHours: number, actor: string, now: Date): Promise<Result<{ key: string; record: ApiKeyRecord }>> {
    return this.store.transaction(async () => {
      const row = await this.repo.getForUpdate(keyId);
      if (!row) return err('not-found', `Không có khoá API "${keyId}".`);
      if (row.revoked_at !== null || row.secret_hash === null) return err('conflict', `Khoá API "${row.name}" đã bị thu hồi: hãy tạo khoá mới.`);
      const secret = newCredential();
      const at = now.toISOString();
      const stillOverlapping = row.previous_hash !== null && row.previous_valid_until !== null && Date.parse(row.previous_valid_until) > now.getTime();
      const previous = overlapHours === 0 ? null : stillOverlapping ? row.previous_hash : row.secret_hash;
      const until = previous === null ? null : new Date(now.getTime() + overlapHours * HOUR_MS).toISOString();
      await this.repo.rotate(keyId, { secretHash: credentialHash(secret), previousHash: previous, previousValidUntil: until, rotatedAt: at });
      await this.audit.record({ actor, action: 'apikey.rotate', subject: `apikey:${keyId}`, detail: { name: row.name, overlapHours, previousValidUntil: until } }, now);
      return ok({ key: formatApiKey(keyId, secret), record: (await this.record(keyId, now))! });
    });
  }

  async revoke(keyId: string, actor: string, now: Date): Promise<Result<{ record: ApiKeyRecord }>> {
    return this.store.transaction(async () => {
      const row = await this.repo.getForUpdate(keyId);
      if (!row) return err('not-found', `Không có khoá API "${keyId}".`);
      if (row.revoked_at === null && (await this.repo.revoke(keyId, now.toISOString()))) {
        await this.audit.record({ actor, action: 'apikey.revoke', subject: `apikey:${keyId}`, detail: { name: row.name } }, now);
      }
      return ok({ record: (await this.record(keyId, now))! });
    });
  }

  /** The agencies a key may be scoped to (the centre config's departments). */
  scopes(): Department[] {
    return this.departments.map((d) => ({ id: d.id, name: d.name }));
  }

  async list(now: Date): Promise<ApiKeyRecord[]> {
    return (await this.repo.all()).map((r) => toRecord(r, now));
  }

  async record(keyId: string, now: Date): Promise<ApiKeyRecord | null> {
    const row = await this.repo.get(keyId);
    return row ? toRecord(row, now) : null;
  }

  /**
   * Who presents this bearer text, or why not (always `unauthorized`, with a message that says
   * which: unknown, revoked, or an old secret past its rotation overlap). A success is the key's
   * last use (recorded to the minute).
   */
  async authenticate(bearer: string, now: Date): Promise<Result<ApiKeyPrincipal>> {
    const parsed = parseApiKey(bearer);
    if (!parsed) return err('unauthorized', 'Khoá API không đúng dạng "mck_<mã>_<bí mật>" (send "Authorization: Bearer mck_…").');
    const row = await this.repo.get(parsed.id);
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
      await this.repo.used(row.id, now.toISOString());
    }
    return ok({ id: row.id, name: row.name, departmentId: row.department_id, permissions: JSON.parse(row.permissions_json) as ApiKeyPermission[] });
  }
}

function toRecord(r: ApiKeyRow, now: Date): ApiKeyRecord {
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
