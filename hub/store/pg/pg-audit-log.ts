import { AUDIT_LOG_CHAIN } from '../../audit/hash-chain';
import type { AuditEntry, AuditLog, AuditRecord } from '../../audit/audit-log';
import type { Async } from '../async-of';
import { PgChainAppender } from './pg-chain-appender';
import type { PgStore } from './pg-store';

/**
 * The PostgreSQL twin of hub/audit/audit-log.ts for one centre: the centre's hash-chained audit
 * log. `record` joins the caller's transaction when there is one (the row commits with the change
 * it records), or runs its own; either way under the centre's row lock (pg-chain-appender.ts).
 */
export class PgAuditLog implements Async<AuditLog> {
  private readonly chain: PgChainAppender;

  constructor(
    private readonly store: PgStore,
    readonly centreId: string,
    private readonly clock: () => Date,
  ) {
    this.chain = new PgChainAppender(store.sql, centreId, AUDIT_LOG_CHAIN);
  }

  async record(entry: AuditEntry, at: Date = this.clock()): Promise<{ id: number; hash: string }> {
    return this.store.transaction(() =>
      this.chain.append({ at: at.toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject, detail_json: JSON.stringify(entry.detail ?? {}) }),
    );
  }

  async list(): Promise<AuditRecord[]> {
    const rows = await this.store.sql.rows<{ id: number; at: string; actor: string; action: string; subject: string; detail_json: string; hash: string }>(
      'SELECT id, at, actor, action, subject, detail_json, hash FROM audit_log WHERE centre_id = $1 ORDER BY id',
      [this.centreId],
    );
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, subject: r.subject, detail: JSON.parse(r.detail_json) as Record<string, unknown>, hash: r.hash }));
  }
}
