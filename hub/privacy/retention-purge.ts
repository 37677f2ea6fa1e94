import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { containsPhoneNumber, retentionCutoffs, type RetentionPolicy } from '../../core/privacy/retention-policy';
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
}

export interface PurgeReport {
  readonly at: string;
  readonly commandLogEntries: number;
  readonly ratingPhones: number;
  readonly anonymisedDossiers: number;
  readonly deletedDossiers: number;
}

/**
 * Enforces the retention policy: at start, then once a day by the injected clock. Each run is one
 * transaction and is recorded in `privacy_requests` (kind 'purge', by 'retention-policy').
 */
export class RetentionPurge {
  private readonly store: PersonalDataStore;
  private readonly log: PrivacyRequestLog;
  private timer: NodeJS.Timeout | null = null;
  private lastRun = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: RetentionPurgeOptions) {
    this.store = new PersonalDataStore(options.db);
    this.log = new PrivacyRequestLog(options.db);
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

  /** Runs if the last run is a day old by the clock; returns the report, or null when not due. */
  runIfDue(): PurgeReport | null {
    return this.options.clock().getTime() - this.lastRun >= DAY_MS ? this.runNow() : null;
  }

  runNow(): PurgeReport {
    const { db, policy, commandLogRetentionDays, clock, dossierFilesDir } = this.options;
    const now = clock();
    this.lastRun = now.getTime();
    const cut = retentionCutoffs(policy, commandLogRetentionDays, now);
    const { report, deleted } = db.transaction(() => {
      const commandLogEntries = this.store.pruneCommandLog(cut.commandLog);
      const ratingPhones = this.store.clearRatingPhones(cut.ratingPhones, containsPhoneNumber);
      const toAnonymise = this.store.closedDossiersToAnonymise(cut.applicantData);
      for (const d of toAnonymise) this.store.anonymiseDossier(d.code, d.applicant_id_number, d.applicant_name, now.toISOString());
      const toDelete = this.store.closedDossiersToDelete(cut.dossiers);
      const purgedHistory = toDelete.flatMap((code) => this.store.deleteDossier(code));
      const r: PurgeReport = { at: now.toISOString(), commandLogEntries, ratingPhones, anonymisedDossiers: toAnonymise.length, deletedDossiers: toDelete.length };
      if (commandLogEntries + ratingPhones + toAnonymise.length + toDelete.length > 0) {
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
