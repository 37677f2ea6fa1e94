import { privacyRecordOf, type PrivacyRequestInsert, type PrivacyRequestRecord } from '../../privacy/privacy-request-repository';
import type { PgSql } from './pg-store';

/** The PostgreSQL twin of hub/privacy/privacy-request-repository.ts: one centre's privacy requests (PostgreSQL migration 0003). */
export class PgPrivacyRequestRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async insert(r: PrivacyRequestInsert): Promise<void> {
    await this.sql.run('INSERT INTO privacy_requests (centre_id, kind, subject, requested_by, at, outcome, detail_json) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      this.centreId,
      r.kind,
      r.maskedSubject,
      r.requestedBy,
      r.at,
      r.outcome,
      r.detailJson,
    ]);
  }

  async all(): Promise<PrivacyRequestRecord[]> {
    return (await this.sql.rows<Record<string, unknown>>('SELECT * FROM privacy_requests WHERE centre_id = $1 ORDER BY id', [this.centreId])).map(privacyRecordOf);
  }
}
