import { TicketReminderRepository } from '../public/ticket-reminder-repository';
import type { Database } from 'better-sqlite3';
import { maskCccd } from '../../core/privacy/personal-data';
import { CLOSED_DOSSIER_STATUSES } from '../../core/privacy/retention-policy';
import { err, ok, type Result } from '../../core/result';
import { AuditLog } from '../audit/audit-log';
import { asyncOf, type Async } from '../store/async-of';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import type { Store } from '../store/store';
import { PersonalDataStore, type DossierRecord } from './personal-data-store';
import { PrivacyRequestRepository, type PrivacyRequestKind, type PrivacyRequestRecord } from './privacy-request-repository';

export type { PrivacyRequestKind, PrivacyRequestRecord } from './privacy-request-repository';

/** What the privacy services act through, over either store. */
export interface PrivacyDeps {
  readonly store: Store;
  readonly personalData: Async<PersonalDataStore>;
  readonly privacyRequests: Async<PrivacyRequestRepository>;
  /** The centre's hash-chained audit log (each record passes its own time). */
  readonly audit: Pick<Async<AuditLog>, 'record'>;
  /** "Nhắc tôi khi còn N người": the retention purge erases them with their phones once their day is over. */
  readonly reminders: Pick<Async<TicketReminderRepository>, 'erasePast'>;
}

/** The privacy services' dependencies over a hub's SQLite file (the CLI, tests). */
export function sqlitePrivacyDeps(db: Database): PrivacyDeps {
  return {
    store: new SqliteStore(db),
    personalData: asyncOf(new PersonalDataStore(db)),
    privacyRequests: asyncOf(new PrivacyRequestRepository(db)),
    reminders: asyncOf(new TicketReminderRepository(db)),
    // Every record passes its own time (record(..., at)); the log's clock is never asked.
    audit: asyncOf(new AuditLog(db, () => new Date())),
  };
}

/**
 * The `privacy_requests` table: who asked for what, when, and what came of it. It holds the
 * masked CCCD only, so the record of an erasure does not undo it.
 * Each record also goes on the hash-chained audit log (hub/audit), at the request's own time.
 */
export class PrivacyRequestLog {
  constructor(private readonly deps: Pick<PrivacyDeps, 'privacyRequests' | 'audit'>) {}

  async record(kind: PrivacyRequestKind, subject: string | null, requestedBy: string, at: Date, outcome: 'done' | 'refused', detail: unknown): Promise<void> {
    const masked = subject === null ? null : maskCccd(subject);
    await this.deps.privacyRequests.insert({ kind, maskedSubject: masked, requestedBy, at: at.toISOString(), outcome, detailJson: JSON.stringify(detail) });
    // The same request on the hash-chained audit log (joins the caller's transaction).
    await this.deps.audit.record({ actor: requestedBy, action: `privacy.${kind}`, subject: masked ?? 'retention-policy', detail: { outcome, detail } }, at);
  }

  all(): Promise<PrivacyRequestRecord[]> {
    return this.deps.privacyRequests.all();
  }
}

const CCCD = /^\d{12}$/;
const isClosed = (status: string) => (CLOSED_DOSSIER_STATUSES as readonly string[]).includes(status);

/** A citizen's requests about their own data (`motcua privacy export|erase --cccd`), each recorded. */
export class PrivacyRequests {
  private readonly log: PrivacyRequestLog;

  constructor(
    private readonly deps: PrivacyDeps,
    private readonly clock: () => Date,
  ) {
    this.log = new PrivacyRequestLog(deps);
  }

  /** Everything the hub holds about the holder of a CCCD: dossiers with checklist, control sheet, file record and rating. */
  async export(idNumber: string, requestedBy: string): Promise<Result<{ readonly idNumber: string; readonly exportedAt: string; readonly dossiers: readonly DossierRecord[] }>> {
    if (!CCCD.test(idNumber)) return err('invalid-input', 'Số CCCD gồm đúng 12 chữ số.');
    const now = this.clock();
    const { personalData } = this.deps;
    return this.deps.store.transaction(async () => {
      const dossiers: DossierRecord[] = [];
      for (const row of await personalData.dossiersOf(idNumber)) dossiers.push(await personalData.dossierRecord(row));
      await this.log.record('export', idNumber, requestedBy, now, 'done', { dossiers: dossiers.map((d) => d.dossier.code) });
      return ok({ idNumber, exportedAt: now.toISOString(), dossiers });
    });
  }

  /**
   * Anonymises the applicant of every dossier of that CCCD — all or nothing: while any of them
   * is still in progress (not yet returned or refused) nothing is erased, and the refusal says
   * which. The dossier rows stay, so the statistics count them still.
   */
  async erase(idNumber: string, requestedBy: string): Promise<Result<{ readonly erased: readonly string[] }>> {
    if (!CCCD.test(idNumber)) return err('invalid-input', 'Số CCCD gồm đúng 12 chữ số.');
    const now = this.clock();
    const { personalData } = this.deps;
    return this.deps.store.transaction(async (): Promise<Result<{ readonly erased: readonly string[] }>> => {
      const rows = await personalData.dossiersOf(idNumber);
      const open = rows.filter((r) => !isClosed(r.status));
      if (open.length > 0) {
        const list = open.map((r) => `${r.code} (${r.status})`).join(', ');
        await this.log.record('erase', idNumber, requestedBy, now, 'refused', { open: open.map((r) => r.code) });
        return err('conflict', `Không thể xoá: hồ sơ đang giải quyết, chưa trả kết quả: ${list}. Xoá được sau khi trả kết quả.`);
      }
      for (const r of rows) await personalData.anonymiseDossier(r.code, idNumber, r.applicant_name, now.toISOString());
      const erased = rows.map((r) => r.code);
      await this.log.record('erase', idNumber, requestedBy, now, 'done', { dossiers: erased });
      return ok({ erased });
    });
  }

  requests(): Promise<PrivacyRequestRecord[]> {
    return this.log.all();
  }
}
