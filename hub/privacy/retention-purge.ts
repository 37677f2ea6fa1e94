import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { containsPhoneNumber, retentionCutoffs, type RetentionPolicy } from '../../core/privacy/retention-policy';
import { serviceDay } from '../../core/queue/numbering';
import { TicketReminderRepository } from '../public/ticket-reminder-repository';
import { PersonalDataStore } from './personal-data-store';
import { PrivacyRequestLog } from './privacy-requests';

const DAY_MS = 86_400_000;
/** How often the job asks the clock whether a day has passed: cheap, and a moved test clock is seen soon. */
const CHECK_EVERY_MS = 60_000;

export interface RetentionPurgeOptions {
  readonly db: Database;
  readonly policy: RetentionPolicy;
  readonly commandLogRetentionDays: number;
  /** Where the scanned PDFs live (<dossierFilesDir>/<code>.pdf). */
  readonly dossierFilesDir: string;
  readonly clock: () => Date;
  /** The centre's zone: "nhắc tôi khi còn N người" phones are erased once their ticket's day has ended there. */
  readonly timeZone?: string;
}

export interface PurgeReport {
  readonly at: string;
  readonly commandLogEntries: number;
  readonly ratingPhones: number;
  readonly anonymisedDossiers: number;
  readonly deletedDossiers: number;
  /** Reminders of past days deleted, with their phones (and the phones in their sent messages' outbox rows). */
  readonly reminderPhones: number;
}

/** What a queue-near outbox row's phone becomes once its day is over. */
export const ERASED_PHONE = 'đã xoá';

/**
 * Enforces the retention policy: at start, then once a day by the injected clock. Each run is one
 * transaction and is recorded in `privacy_requests` (kind 'purge', by 'retention-policy').
 */
export class RetentionPurge {
  private readonly store: PersonalDataStore;
  private readonly log: PrivacyRequestLog;
  private timer: NodeJS.Timeout | null = null;
  private readonly reminders: TicketReminderRepository;
  private readonly eraseQueueNear: Statement;
  private lastRun = Number.NEGATIVE_INFINITY;
  private lastDay: string | null = null;

  constructor(private readonly options: RetentionPurgeOptions) {
    this.store = new PersonalDataStore(options.db);
    this.log = new PrivacyRequestLog(options.db);
    this.reminders = new TicketReminderRepository(options.db);
    // The phone in the payload of each "queue-near" message of a past day: replaced; one still pending is pointless now, so it stops as failed.
    this.eraseQueueNear = options.db.prepare(
      `UPDATE outbox SET payload = json_set(payload, '$.phone', @erased),
         state = CASE WHEN state = 'pending' THEN 'failed' ELSE state END,
         next_attempt_at = CASE WHEN state = 'pending' THEN NULL ELSE next_attempt_at END,
         last_error = CASE WHEN state = 'pending' THEN 'Hết ngày của vé: tin nhắc lượt không gửi nữa, số điện thoại đã xoá' ELSE last_error END
       WHERE target = 'notify' AND event_type = 'queue-near' AND json_extract(payload, '$.phone') <> @erased
         AND EXISTS (SELECT 1 FROM tickets t WHERE 'ticket:' || t.id = outbox.subject AND t.day < @today)`,
    );
  }

  start(): PurgeReport {
    if (this.timer) throw new Error('RetentionPurge.start() called twice');
    const report = this.runNow();
    this.timer = setInterval(() => this.runIfDue(), CHECK_EVERY_MS);
    this.timer.unref();
    return report;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs if the last run is a day old by the clock, or the centre's day has changed since; returns the report, or null when not due. */
  runIfDue(): PurgeReport | null {
    const now = this.options.clock();
    return now.getTime() - this.lastRun >= DAY_MS || this.dayOf(now) !== this.lastDay ? this.runNow() : null;
  }

  private dayOf(now: Date): string {
    return serviceDay(now, this.options.timeZone ?? 'Asia/Ho_Chi_Minh');
  }

  runNow(): PurgeReport {
    const { db, policy, commandLogRetentionDays, clock, dossierFilesDir } = this.options;
    const now = clock();
    this.lastRun = now.getTime();
    const today = this.dayOf(now);
    this.lastDay = today;
    const cut = retentionCutoffs(policy, commandLogRetentionDays, now);
    const { report, deleted } = db.transaction(() => {
      const commandLogEntries = this.store.pruneCommandLog(cut.commandLog);
      const ratingPhones = this.store.clearRatingPhones(cut.ratingPhones, containsPhoneNumber);
      const toAnonymise = this.store.closedDossiersToAnonymise(cut.applicantData);
      for (const d of toAnonymise) this.store.anonymiseDossier(d.code, d.applicant_id_number, d.applicant_name, now.toISOString());
      const toDelete = this.store.closedDossiersToDelete(cut.dossiers);
      const purgedHistory = toDelete.flatMap((code) => this.store.deleteDossier(code));
      this.eraseQueueNear.run({ erased: ERASED_PHONE, today });
      const reminderPhones = this.reminders.erasePast(today);
      const r: PurgeReport = { at: now.toISOString(), commandLogEntries, ratingPhones, anonymisedDossiers: toAnonymise.length, deletedDossiers: toDelete.length, reminderPhones };
      if (commandLogEntries + ratingPhones + toAnonymise.length + toDelete.length + reminderPhones > 0) {
        this.log.record('purge', null, 'retention-policy', now, 'done', { ...r, dossiersDeleted: toDelete, purgedHistory });
      }
      return { report: r, deleted: toDelete };
    })();
    // The rows are gone (committed): now the files; one left behind by a crash here is an orphan, not a leak of a row.
    for (const code of deleted) {
      rmSync(path.join(dossierFilesDir, `${code}.pdf`), { force: true });
      // Its result files (hub/dossiers/result-file-store.ts: <dossier-files>/results/<code>/).
      rmSync(path.join(dossierFilesDir, 'results', code), { recursive: true, force: true });
    }
    return report;
  }
}
