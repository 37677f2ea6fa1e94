import { AuditLog } from '../audit/audit-log';
import type { Database, Statement } from 'better-sqlite3';
import { maskCccd } from '../../core/privacy/personal-data';
import { CLOSED_DOSSIER_STATUSES } from '../../core/privacy/retention-policy';
import { err, ok, type Result } from '../../core/result';
import { PersonalDataStore } from './personal-data-store';

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

/**
 * The `privacy_requests` table: who asked for what, when, and what came of it. It holds the
 * masked CCCD only, so the record of an erasure does not undo it.
 * Each record also goes on the hash-chained audit log (hub/audit), at the request's own time.
 */
export class PrivacyRequestLog {
  private readonly insert: Statement<[string, string | null, string, string, string, string]>;
  private readonly list: Statement<[], Record<string, unknown>>;

  private readonly audit: AuditLog;

  constructor(db: Database) {
    // Every record passes its own time (record(..., at)); the log's clock is never asked.
    this.audit = new AuditLog(db, () => new Date());
    this.insert = db.prepare(`INSERT INTO privacy_requests (kind, subject, requested_by, at, outcome, detail_json) VALUES (?, ?, ?, ?, ?, ?)`);
    this.list = db.prepare(`SELECT * FROM privacy_requests ORDER BY id`);
  }

  record(kind: PrivacyRequestKind, subject: string | null, requestedBy: string, at: Date, outcome: 'done' | 'refused', detail: unknown): void {
    const masked = subject === null ? null : maskCccd(subject);
    this.insert.run(kind, masked, requestedBy, at.toISOString(), outcome, JSON.stringify(detail));
    // The same request on the hash-chained audit log (joins the caller's transaction when there is one).
    this.audit.record({ actor: requestedBy, action: `privacy.${kind}`, subject: masked ?? 'retention-policy', detail: { outcome, detail } }, at);
  }

  all(): readonly PrivacyRequestRecord[] {
    return this.list.all().map((r) => ({
      id: r.id as number,
      kind: r.kind as PrivacyRequestKind,
      subject: r.subject as string | null,
      requestedBy: r.requested_by as string,
      at: r.at as string,
      outcome: r.outcome as 'done' | 'refused',
      detail: JSON.parse(r.detail_json as string) as unknown,
    }));
  }
}

const CCCD = /^\d{12}$/;
const isClosed = (status: string) => (CLOSED_DOSSIER_STATUSES as readonly string[]).includes(status);

/** A citizen's requests about their own data (`motcua privacy export|erase --cccd`), each recorded. */
export class PrivacyRequests {
  private readonly store: PersonalDataStore;
  private readonly log: PrivacyRequestLog;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {
    this.store = new PersonalDataStore(db);
    this.log = new PrivacyRequestLog(db);
  }

  /** Everything the hub holds about the holder of a CCCD: dossiers with checklist, control sheet, file record and rating. */
  export(idNumber: string, requestedBy: string): Result<{ readonly idNumber: string; readonly exportedAt: string; readonly dossiers: readonly unknown[] }> {
    if (!CCCD.test(idNumber)) return err('invalid-input', 'Số CCCD gồm đúng 12 chữ số.');
    const now = this.clock();
    return this.db.transaction(() => {
      const dossiers = this.store.dossiersOf(idNumber).map((row) => this.store.dossierRecord(row));
      this.log.record('export', idNumber, requestedBy, now, 'done', { dossiers: dossiers.map((d) => d.dossier.code) });
      return ok({ idNumber, exportedAt: now.toISOString(), dossiers });
    })();
  }

  /**
   * Anonymises the applicant of every dossier of that CCCD — all or nothing: while any of them
   * is still in progress (not yet returned or refused) nothing is erased, and the refusal says
   * which. The dossier rows stay, so the statistics count them still.
   */
  erase(idNumber: string, requestedBy: string): Result<{ readonly erased: readonly string[] }> {
    if (!CCCD.test(idNumber)) return err('invalid-input', 'Số CCCD gồm đúng 12 chữ số.');
    const now = this.clock();
    return this.db.transaction((): Result<{ readonly erased: readonly string[] }> => {
      const rows = this.store.dossiersOf(idNumber);
      const open = rows.filter((r) => !isClosed(r.status));
      if (open.length > 0) {
        const list = open.map((r) => `${r.code} (${r.status})`).join(', ');
        this.log.record('erase', idNumber, requestedBy, now, 'refused', { open: open.map((r) => r.code) });
        return err('conflict', `Không thể xoá: hồ sơ đang giải quyết, chưa trả kết quả: ${list}. Xoá được sau khi trả kết quả.`);
      }
      for (const r of rows) this.store.anonymiseDossier(r.code, idNumber, r.applicant_name, now.toISOString());
      const erased = rows.map((r) => r.code);
      this.log.record('erase', idNumber, requestedBy, now, 'done', { dossiers: erased });
      return ok({ erased });
    })();
  }

  requests(): readonly PrivacyRequestRecord[] {
    return this.log.all();
  }
}
