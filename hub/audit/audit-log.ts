import type { Database } from 'better-sqlite3';
import { AUDIT_LOG_CHAIN, ChainAppender } from './hash-chain';

/** Administrative actions that go on record. */
export const AUDIT_ACTIONS = [
  'device.pairing-code',
  'device.pair',
  'device.revoke',
  'device.rotate',
  'config.change',
  'privacy.export',
  'privacy.erase',
  'privacy.purge',
  'backup.create',
  'backup.restore',
  'admin.add',
  // A wrong PIN or password at any staff sign-in, and the lock it ends in (hub/admin/sign-in-lockout.ts).
  'sign-in.fail',
  'sign-in.lock',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number] | (string & {});

export interface AuditEntry {
  /** Who did it: an administrator's username, `cli:<os user>`, `hub` for scheduled work. */
  readonly actor: string;
  readonly action: AuditAction;
  /** What it was done to: a device id, a file, a CCCD's masked form — never personal data in clear. */
  readonly subject: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface AuditRecord extends Required<AuditEntry> {
  readonly id: number;
  readonly at: string;
  readonly hash: string;
}

/**
 * The append-only, hash-chained log of administrative actions. `record` joins the caller's
 * transaction when there is one (the row commits with the change it records), or runs its own.
 */
export class AuditLog {
  private readonly chain: ChainAppender;
  private readonly listStmt;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {
    this.chain = new ChainAppender(db, AUDIT_LOG_CHAIN);
    this.listStmt = db.prepare<[], { id: number; at: string; actor: string; action: string; subject: string; detail_json: string; hash: string }>(`SELECT * FROM audit_log ORDER BY id`);
  }

  /** `at`: when the action happened, where the caller already has its time (else the log's clock). */
  record(entry: AuditEntry, at: Date = this.clock()): { id: number; hash: string } {
    const append = () =>
      this.chain.append({ at: at.toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject, detail_json: JSON.stringify(entry.detail ?? {}) });
    // IMMEDIATE: another process (the CLI beside a running hub) must not slip a row in between head and insert.
    return this.db.inTransaction ? append() : this.db.transaction(append).immediate();
  }

  list(): AuditRecord[] {
    return this.listStmt.all().map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, subject: r.subject, detail: JSON.parse(r.detail_json) as Record<string, unknown>, hash: r.hash }));
  }
}
