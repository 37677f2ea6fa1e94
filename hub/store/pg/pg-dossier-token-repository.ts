import type { PgSql } from './pg-store';

/**
 * The PostgreSQL twin of hub/dossiers/dossier-token-repository.ts, for one centre (PostgreSQL
 * migration 0011). The hash is unique across the province; a centre finds only its own dossiers.
 */
export class PgDossierTokenRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async register(tokenHash: string, dossierCode: string, at: string): Promise<boolean> {
    // The dossier must be this centre's: a code of another centre registers nothing.
    const n = await this.sql.run(
      `INSERT INTO dossier_public_tokens (centre_id, token_hash, dossier_code, created_at)
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM dossiers WHERE code = $3 AND centre_id = $1)
       ON CONFLICT DO NOTHING`,
      [this.centreId, tokenHash, dossierCode, at],
    );
    return n === 1;
  }

  async codeOf(tokenHash: string): Promise<string | null> {
    const row = await this.sql.row<{ dossier_code: string }>('SELECT dossier_code FROM dossier_public_tokens WHERE token_hash = $1 AND centre_id = $2', [tokenHash, this.centreId]);
    return row?.dossier_code ?? null;
  }
}
