import type { ZnsTokens, ZnsTokenStore } from '../../integrations/zalo-zns';
import type { PgStore } from './pg-store';

/**
 * The Zalo OA's tokens of one centre in the province database (PostgreSQL migration 0014), the
 * twin of hub/integrations/zns-token-file.ts: every hub process of the centre reads and refreshes
 * the same row. `exclusive` is a transaction holding the centre's ZNS advisory lock (the row may
 * not exist yet), so one process refreshes while the others wait, then read the token it saved —
 * a single-use refresh token is never sent twice. With no row yet, the administrator's refresh
 * token from the config starts the chain, as with the file.
 */
export class PgZnsTokenStore implements ZnsTokenStore {
  constructor(
    private readonly store: PgStore,
    readonly centreId: string,
    private readonly initialRefreshToken: string | undefined,
    private readonly clock: () => Date,
  ) {}

  async load(): Promise<ZnsTokens | null> {
    const r = await this.store.sql.row<{ access_token: string; refresh_token: string; access_expires_at: string }>(
      'SELECT access_token, refresh_token, access_expires_at FROM zns_tokens WHERE centre_id = $1',
      [this.centreId],
    );
    if (r) return { accessToken: r.access_token, refreshToken: r.refresh_token, accessExpiresAt: r.access_expires_at };
    return this.initialRefreshToken ? { accessToken: '', refreshToken: this.initialRefreshToken, accessExpiresAt: new Date(0).toISOString() } : null;
  }

  async save(tokens: ZnsTokens): Promise<void> {
    await this.store.sql.run(
      `INSERT INTO zns_tokens (centre_id, access_token, refresh_token, access_expires_at, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (centre_id) DO UPDATE SET access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token, access_expires_at = EXCLUDED.access_expires_at, updated_at = EXCLUDED.updated_at`,
      [this.centreId, tokens.accessToken, tokens.refreshToken, tokens.accessExpiresAt, this.clock().toISOString()],
    );
  }

  /** The lock holds until the transaction ends: the refresh's HTTP call (bounded by the partner timeout) runs inside it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.store.transaction(async () => {
      await this.store.sql.run(`SELECT pg_advisory_xact_lock(hashtextextended('motcua:zns-tokens:' || $1, 0))`, [this.centreId]);
      return work();
    });
  }
}
