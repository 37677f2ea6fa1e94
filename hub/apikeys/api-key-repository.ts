import type { Database, Statement } from 'better-sqlite3';

/** A stored key (no secret: its SHA-256 only). */
export interface ApiKeyRow {
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

export interface NewApiKey {
  readonly id: string;
  readonly name: string;
  readonly departmentId: string | null;
  readonly permissionsJson: string;
  readonly secretHash: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface ApiKeyRotation {
  readonly secretHash: string;
  readonly previousHash: string | null;
  readonly previousValidUntil: string | null;
  readonly rotatedAt: string;
}

/**
 * The API keys of other systems in the hub's SQLite (migration 0017): statements only, the rules
 * are ApiKeys' (hub/apikeys/api-keys.ts). The PostgreSQL twin: hub/store/pg/pg-api-key-repository.ts.
 */
export class ApiKeyRepository {
  private readonly getStmt: Statement<[string], ApiKeyRow>;
  private readonly allStmt: Statement<[], ApiKeyRow>;
  private readonly insertStmt: Statement<unknown[]>;
  private readonly rotateStmt: Statement<unknown[]>;
  private readonly revokeStmt: Statement<[string, string]>;
  private readonly usedStmt: Statement<[string, string]>;

  constructor(db: Database) {
    this.getStmt = db.prepare(`SELECT * FROM api_keys WHERE id = ?`);
    this.allStmt = db.prepare(`SELECT * FROM api_keys ORDER BY created_at, id`);
    this.insertStmt = db.prepare(
      `INSERT INTO api_keys (id, name, department_id, permissions_json, secret_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.rotateStmt = db.prepare(`UPDATE api_keys SET secret_hash = ?, previous_hash = ?, previous_valid_until = ?, rotated_at = ? WHERE id = ? AND revoked_at IS NULL`);
    this.revokeStmt = db.prepare(`UPDATE api_keys SET secret_hash = NULL, previous_hash = NULL, previous_valid_until = NULL, revoked_at = ? WHERE id = ? AND revoked_at IS NULL`);
    this.usedStmt = db.prepare(`UPDATE api_keys SET last_used_at = ? WHERE id = ?`);
  }

  get(id: string): ApiKeyRow | null {
    return this.getStmt.get(id) ?? null;
  }

  /**
   * The key a command is about to change. SQLite's writer lock (the command's BEGIN IMMEDIATE)
   * already keeps others out; the PostgreSQL twin locks the row.
   */
  getForUpdate(id: string): ApiKeyRow | null {
    return this.getStmt.get(id) ?? null;
  }

  all(): ApiKeyRow[] {
    return this.allStmt.all();
  }

  insert(key: NewApiKey): void {
    this.insertStmt.run(key.id, key.name, key.departmentId, key.permissionsJson, key.secretHash, key.createdAt, key.createdBy);
  }

  /** A new secret for a key not revoked: false when there is no such key. */
  rotate(id: string, rotation: ApiKeyRotation): boolean {
    return this.rotateStmt.run(rotation.secretHash, rotation.previousHash, rotation.previousValidUntil, rotation.rotatedAt, id).changes === 1;
  }

  /** Both secrets gone: false when the key is unknown or already revoked. */
  revoke(id: string, at: string): boolean {
    return this.revokeStmt.run(at, id).changes === 1;
  }

  used(id: string, at: string): void {
    this.usedStmt.run(at, id);
  }
}
