import type { DossierBlobs } from '../dossiers/dossier-blobs';
import { containsPhoneNumber, retentionCutoffs, type RetentionPolicy } from '../../core/privacy/retention-policy';
import { serviceDay } from '../../core/queue/numbering';
import { PrivacyRequestLog, type PrivacyDeps } from './privacy-requests';

const DAY_MS = 86_400_000;
/** How often the job asks the clock whether a day has passed: cheap, and a moved test clock is seen soon. */
const CHECK_EVERY_MS = 60_000;

export interface RetentionPurgeOptions {
  /** The centre's store and repositories (SQLite: sqlitePrivacyDeps(db)). */
  readonly privacy: PrivacyDeps;
  readonly policy: RetentionPolicy;
  readonly commandLogRetentionDays: number;
  /** The bytes of dossiers' scans and result files (on PostgreSQL deleted with the dossier's row already). */
  readonly blobs: DossierBlobs;
  readonly clock: () => Date;
  /** The centre's time zone: a new day triggers a run (default Asia/Ho_Chi_Minh). */
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
import { ERASED_PHONE } from './personal-data-store';

export { ERASED_PHONE };

/**
 * Enforces the retention policy: at start, then once a day by the injected clock. Each run is one
 * transaction and is recorded in `privacy_requests` (kind 'purge', by 'retention-policy'). On
 * PostgreSQL it purges the centre its repositories are bound to; the hub processes of one centre
 * starting at once purge one after another (lockForPurge), the later finding nothing left to do.
 */
export class RetentionPurge {
  private readonly log: PrivacyRequestLog;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private lastRun = Number.NEGATIVE_INFINITY;
  private lastDay: string | null = null;

  constructor(private readonly options: RetentionPurgeOptions) {
    this.log = new PrivacyRequestLog(options.privacy);
  }

  async start(): Promise<PurgeReport> {
    if (this.started) throw new Error('RetentionPurge.start() called twice');
    this.started = true;
    const report = await this.runNow();
    this.timer = setInterval(() => {
      // A failed run (the database away) is tried again at the next check: lastRun was not moved on.
      this.runIfDue().catch((e: unknown) => console.error(`motcua hub: retention purge failed: ${(e as Error).message}`));
    }, CHECK_EVERY_MS);
    this.timer.unref();
    return report;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs if the last run is a day old by the clock, or the centre's day has changed since; returns the report, or null when not due. */
  async runIfDue(): Promise<PurgeReport | null> {
    const now = this.options.clock();
    return now.getTime() - this.lastRun >= DAY_MS || this.dayOf(now) !== this.lastDay ? this.runNow() : null;
  }

  private dayOf(now: Date): string {
    return serviceDay(now, this.options.timeZone ?? 'Asia/Ho_Chi_Minh');
  }

  async runNow(): Promise<PurgeReport> {
    const { privacy, policy, commandLogRetentionDays, clock, blobs } = this.options;
    const data = privacy.personalData;
    const now = clock();
    const today = this.dayOf(now);
    const cut = retentionCutoffs(policy, commandLogRetentionDays, now);
    const { report, deleted } = await privacy.store.transaction(async () => {
      await data.lockForPurge();
      const commandLogEntries = await data.pruneCommandLog(cut.commandLog);
      const ratingPhones = await data.clearRatingPhones(cut.ratingPhones, containsPhoneNumber);
      const toAnonymise = await data.closedDossiersToAnonymise(cut.applicantData);
      for (const d of toAnonymise) await data.anonymiseDossier(d.code, d.applicant_id_number, d.applicant_name, now.toISOString());
      const toDelete = await data.closedDossiersToDelete(cut.dossiers);
      const purgedHistory = [];
      for (const code of toDelete) purgedHistory.push(...(await data.deleteDossier(code)));
      // The phone in each "queue-near" message of a past day: replaced (one still pending stops as failed); then the reminders themselves.
      await data.eraseQueueNearPhones(ERASED_PHONE, today);
      const reminderPhones = await privacy.reminders.erasePast(today);
      const r: PurgeReport = { at: now.toISOString(), commandLogEntries, ratingPhones, anonymisedDossiers: toAnonymise.length, deletedDossiers: toDelete.length, reminderPhones };
      if (commandLogEntries + ratingPhones + toAnonymise.length + toDelete.length + reminderPhones > 0) {
        await this.log.record('purge', null, 'retention-policy', now, 'done', { ...r, dossiersDeleted: toDelete, purgedHistory });
      }
      return { report: r, deleted: toDelete };
    });
    this.lastRun = now.getTime();
    this.lastDay = today;
    // The rows are gone (committed): now the bytes (scan and result files). On PostgreSQL they went
    // with the dossier's row (ON DELETE CASCADE) and this finds nothing; in a directory, a file
    // left behind by a crash here is an orphan, not a leak of a row.
    for (const code of deleted) await blobs.removeAll(code);
    return report;
  }
}
