import type { PgSql } from './pg-store';

/**
 * The PostgreSQL twin of hub/audit/config-digest-repository.ts, for one centre (PostgreSQL
 * migration 0005): each centre's hub compares its config with the digests it last ran itself.
 * recordConfigChange() reads and replaces them in one transaction; all() inside a transaction
 * first takes the centre's transaction-scoped advisory lock, so two hub processes of one centre
 * starting at once take turns and the config change is audited once.
 */

/** The first key of the centres' config-digest advisory locks (the second: a hash of the centre). */
const CONFIG_DIGEST_LOCK_SPACE = 74_465_934;

export class PgConfigDigestRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async all(): Promise<Record<string, string>> {
    if (this.sql.inTransaction) await this.sql.run('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CONFIG_DIGEST_LOCK_SPACE, this.centreId]);
    const rows = await this.sql.rows<{ section: string; digest: string }>('SELECT section, digest FROM config_digests WHERE centre_id = $1', [this.centreId]);
    return Object.fromEntries(rows.map((r) => [r.section, r.digest]));
  }

  async replace(digests: Readonly<Record<string, string>>, recordedAt: string): Promise<void> {
    await this.sql.run('DELETE FROM config_digests WHERE centre_id = $1', [this.centreId]);
    const sections = Object.entries(digests);
    if (sections.length === 0) return;
    await this.sql.run(
      'INSERT INTO config_digests (centre_id, section, digest, recorded_at) SELECT $1, s, d, $4 FROM unnest($2::text[], $3::text[]) AS t(s, d)',
      [this.centreId, sections.map(([s]) => s), sections.map(([, d]) => d), recordedAt],
    );
  }
}
