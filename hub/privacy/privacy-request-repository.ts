import type { Database, Statement } from 'better-sqlite3';

export type PrivacyRequestKind = 'export' | 'erase' | 'purge';

export interface PrivacyRequestRecord {
  readonly id: number;
  readonly kind: PrivacyRequestKind;
  readonly subject: string | null;
  readonly requestedBy: string;
  readonly at: string;
  readonly outcome: 'done' | 'refused';
  readonly detail: unknown;
}

/** A request as written: the subject already masked, the detail as JSON. */
export interface PrivacyRequestInsert {
  readonly kind: PrivacyRequestKind;
  readonly maskedSubject: string | null;
  readonly requestedBy: string;
  readonly at: string;
  readonly outcome: 'done' | 'refused';
  readonly detailJson: string;
}

export const privacyRecordOf = (r: Record<string, unknown>): PrivacyRequestRecord => ({
  id: Number(r.id),
  kind: r.kind as PrivacyRequestKind,
  subject: r.subject as string | null,
  requestedBy: r.requested_by as string,
  at: r.at as string,
  outcome: r.outcome as 'done' | 'refused',
  detail: JSON.parse(r.detail_json as string) as unknown,
});

/** The rows of privacy_requests (migration 0013): who asked for what, when, and what came of it. */
export class PrivacyRequestRepository {
  private readonly insertStmt: Statement<[string, string | null, string, string, string, string]>;
  private readonly listStmt: Statement<[], Record<string, unknown>>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO privacy_requests (kind, subject, requested_by, at, outcome, detail_json) VALUES (?, ?, ?, ?, ?, ?)`);
    this.listStmt = db.prepare(`SELECT * FROM privacy_requests ORDER BY id`);
  }

  insert(r: PrivacyRequestInsert): void {
    this.insertStmt.run(r.kind, r.maskedSubject, r.requestedBy, r.at, r.outcome, r.detailJson);
  }

  all(): PrivacyRequestRecord[] {
    return this.listStmt.all().map(privacyRecordOf);
  }
}
