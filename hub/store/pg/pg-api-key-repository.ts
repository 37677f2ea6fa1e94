import type { ApiKeyRepository, ApiKeyRotation, ApiKeyRow, NewApiKey } from '../../apikeys/api-key-repository';
import type { Async } from '../async-of';
import type { PgSql } from './pg-store';

const COLUMNS = 'id, name, department_id, permissions_json, secret_hash, previous_hash, previous_valid_until, created_at, created_by, rotated_at, last_used_at, revoked_at';

/**
 * The PostgreSQL twin of hub/apikeys/api-key-repository.ts, for one centre (PostgreSQL migration
 * 0007): a key belongs to the centre that made it, and another centre's hub does not know it.
 * getForUpdate() locks the key's row, so two processes rotating one key at once take turns and
 * the second sees the first's secret (the "previous secret" rule reads it).
 */
export class PgApiKeyRepository implements Async<ApiKeyRepository> {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  get(id: string): Promise<ApiKeyRow | null> {
    return this.sql.row<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE centre_id = $1 AND id = $2`, [this.centreId, id]);
  }

  getForUpdate(id: string): Promise<ApiKeyRow | null> {
    return this.sql.row<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE centre_id = $1 AND id = $2${this.sql.inTransaction ? ' FOR UPDATE' : ''}`, [this.centreId, id]);
  }

  all(): Promise<ApiKeyRow[]> {
    return this.sql.rows<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE centre_id = $1 ORDER BY created_at, id`, [this.centreId]);
  }

  async insert(key: NewApiKey): Promise<void> {
    await this.sql.run(
      `INSERT INTO api_keys (id, centre_id, name, department_id, permissions_json, secret_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [key.id, this.centreId, key.name, key.departmentId, key.permissionsJson, key.secretHash, key.createdAt, key.createdBy],
    );
  }

  async rotate(id: string, rotation: ApiKeyRotation): Promise<boolean> {
    const n = await this.sql.run(
      `UPDATE api_keys SET secret_hash = $3, previous_hash = $4, previous_valid_until = $5, rotated_at = $6 WHERE centre_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [this.centreId, id, rotation.secretHash, rotation.previousHash, rotation.previousValidUntil, rotation.rotatedAt],
    );
    return n === 1;
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const n = await this.sql.run(
      `UPDATE api_keys SET secret_hash = NULL, previous_hash = NULL, previous_valid_until = NULL, revoked_at = $3 WHERE centre_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [this.centreId, id, at],
    );
    return n === 1;
  }

  async used(id: string, at: string): Promise<void> {
    await this.sql.run('UPDATE api_keys SET last_used_at = $3 WHERE centre_id = $1 AND id = $2', [this.centreId, id, at]);
  }
}
