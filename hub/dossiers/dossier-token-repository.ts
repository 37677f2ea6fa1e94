import type { Database, Statement } from 'better-sqlite3';

/**
 * The public tokens of dossiers (dossier_public_tokens, migration 0021), by their SHA-256 only
 * (hub/public/public-token-hash.ts). A dossier's status page finds its code by the hash of the
 * token in its address; nothing reads the table by dossier.
 */
export class DossierTokenRepository {
  private readonly registerStmt: Statement<[string, string, string, string]>;
  private readonly codeStmt: Statement<[string], { dossier_code: string }>;

  constructor(db: Database) {
    // Neither over another dossier's token (the hash is the key) nor a second one for this dossier: both ignored.
    // A code the hub does not hold registers nothing (as its PostgreSQL twin: no foreign-key error).
    this.registerStmt = db.prepare(
      'INSERT OR IGNORE INTO dossier_public_tokens (token_hash, dossier_code, created_at) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM dossiers WHERE code = ?)',
    );
    this.codeStmt = db.prepare('SELECT dossier_code FROM dossier_public_tokens WHERE token_hash = ?');
  }

  /** Records a token's hash for a dossier; false when the hash is taken or the dossier has one already. */
  register(tokenHash: string, dossierCode: string, at: string): boolean {
    return this.registerStmt.run(tokenHash, dossierCode, at, dossierCode).changes === 1;
  }

  /** The code of the dossier a token's hash opens, or null (one probe of the primary key). */
  codeOf(tokenHash: string): string | null {
    return this.codeStmt.get(tokenHash)?.dossier_code ?? null;
  }
}
