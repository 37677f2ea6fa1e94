import type { PurgedLink } from '../audit/chain-verifier';
import type { Database, Statement } from 'better-sqlite3';
import { CLOSED_DOSSIER_STATUSES } from '../../core/privacy/retention-policy';

/** What stands in for an erased applicant: the CCCD column keeps its 12-character shape. */
export const ERASED_ID_NUMBER = '************';
export const ERASED_NAME = '(đã ẩn danh)';

const CLOSED = CLOSED_DOSSIER_STATUSES.map((s) => `'${s}'`).join(', ');

export interface ApplicantDossierRow {
  readonly code: string;
  readonly status: string;
  readonly applicant_name: string;
  readonly ticket_id: number | null;
  readonly [column: string]: unknown;
}

/** Everything held about one dossier, as exported to the citizen. */
export interface DossierRecord {
  readonly dossier: ApplicantDossierRow;
  readonly documents: readonly Record<string, unknown>[];
  readonly history: readonly Record<string, unknown>[];
  readonly file: Record<string, unknown> | null;
  readonly rating: Record<string, unknown> | null;
}

/** A closed dossier whose applicant is due to be anonymised. */
export interface DueForAnonymising {
  readonly code: string;
  readonly applicant_id_number: string;
  readonly applicant_name: string;
}

/**
 * The SQL of personal data by policy: finding a person's dossiers by CCCD, anonymising a closed
 * dossier's applicant (the row stays, so counts by procedure, department and day do not move),
 * and deleting what is past its retention. Callers run the writes inside one transaction.
 */
/** Why a "queue-near" message still pending stops at the end of its ticket's day. */
/** What replaces an erased phone in an outbox payload. */
export const ERASED_PHONE = 'đã xoá';

/** Why a dossier's message still pending stops when its applicant is anonymised or the dossier deleted. */
export const DOSSIER_NOTIFY_ERASED_ERROR = 'Hồ sơ đã ẩn danh hoặc đã xoá: tin nhắn không gửi nữa, số điện thoại đã xoá';

export const QUEUE_NEAR_ERASED_ERROR = 'Hết ngày của vé: tin nhắc lượt không gửi nữa, số điện thoại đã xoá';

export class PersonalDataStore {
  private readonly byIdNumber: Statement<[string], ApplicantDossierRow>;
  private readonly history: Statement<[string], Record<string, unknown>>;
  private readonly documents: Statement<[string], Record<string, unknown>>;
  private readonly file: Statement<[string], Record<string, unknown>>;
  private readonly ratingOfTicket: Statement<[number], Record<string, unknown>>;
  private readonly anonymise: Statement<[string, string]>;
  private readonly scrubCommands: Statement<[string, string, string, string, string]>;
  private readonly dueForAnonymising: Statement<[string], DueForAnonymising>;
  private readonly dueForDeletion: Statement<[string], { code: string }>;
  private readonly deleteStmts: readonly Statement<[string]>[];
  private readonly historyLinks: Statement<[string], PurgedLink>;
  private readonly ratingsWithComments: Statement<[string], { id: number; comment: string }>;
  private readonly clearComment: Statement<[number]>;
  private readonly eraseQueueNear: Statement;
  private readonly pruneCommands: Statement<[string]>;
  private readonly eraseDossierNotify: Statement;

  constructor(db: Database) {
    this.byIdNumber = db.prepare(`SELECT * FROM dossiers WHERE applicant_id_number = ? ORDER BY received_at, code`);
    this.history = db.prepare(`SELECT * FROM dossier_history WHERE dossier_code = ? ORDER BY id`);
    this.documents = db.prepare(`SELECT * FROM dossier_documents WHERE dossier_code = ? ORDER BY position`);
    this.file = db.prepare(`SELECT * FROM dossier_files WHERE dossier_code = ?`);
    this.ratingOfTicket = db.prepare(`SELECT * FROM ratings WHERE ticket_id = ?`);
    this.anonymise = db.prepare(
      `UPDATE dossiers SET applicant_name = '${ERASED_NAME}', applicant_id_number = '${ERASED_ID_NUMBER}', applicant_dob = NULL,
         applicant_address = NULL, applicant_phone = NULL, anonymised_at = ? WHERE code = ?`,
    );
    // A write's first answer is kept for replays (hub/commands/command-log.ts): the receipt's answer carries the applicant.
    this.scrubCommands = db.prepare(`UPDATE commands SET result_json = replace(replace(result_json, ?, ?), ?, ?) WHERE instr(result_json, ?) > 0`);
    this.dueForAnonymising = db.prepare(
      `SELECT code, applicant_id_number, applicant_name FROM dossiers WHERE status IN (${CLOSED}) AND updated_at < ? AND anonymised_at IS NULL ORDER BY code`,
    );
    this.dueForDeletion = db.prepare(`SELECT code FROM dossiers WHERE status IN (${CLOSED}) AND updated_at < ? ORDER BY code`);
    this.historyLinks = db.prepare(`SELECT id, prev_hash, hash FROM dossier_history WHERE dossier_code = ? ORDER BY id`);
    this.deleteStmts = ['dossier_history', 'dossier_documents', 'dossier_files', 'dossier_results', 'dossier_public_tokens'].map((t) => db.prepare(`DELETE FROM ${t} WHERE dossier_code = ?`)).concat(db.prepare(`DELETE FROM dossiers WHERE code = ?`));
    this.ratingsWithComments = db.prepare(`SELECT id, comment FROM ratings WHERE comment IS NOT NULL AND rated_at < ?`);
    this.clearComment = db.prepare(`UPDATE ratings SET comment = NULL WHERE id = ?`);
    this.pruneCommands = db.prepare(`DELETE FROM commands WHERE at < ?`);
    // The citizen's phone given at the receipt (hub/integrations/notify-recorder.ts): rows whose subject is the dossier's code.
    this.eraseDossierNotify = db.prepare(
      `UPDATE outbox SET payload = json_set(payload, '$.phone', @erased),
         state = CASE WHEN state = 'pending' THEN 'failed' ELSE state END,
         next_attempt_at = CASE WHEN state = 'pending' THEN NULL ELSE next_attempt_at END,
         last_error = CASE WHEN state = 'pending' THEN @reason ELSE last_error END
       WHERE target = 'notify' AND subject = @code AND json_extract(payload, '$.phone') <> @erased`,
    );
    this.eraseQueueNear = db.prepare(
      `UPDATE outbox SET payload = json_set(payload, '$.phone', @erased),
         state = CASE WHEN state = 'pending' THEN 'failed' ELSE state END,
         next_attempt_at = CASE WHEN state = 'pending' THEN NULL ELSE next_attempt_at END,
         last_error = CASE WHEN state = 'pending' THEN '${QUEUE_NEAR_ERASED_ERROR}' ELSE last_error END
       WHERE target = 'notify' AND event_type = 'queue-near' AND json_extract(payload, '$.phone') <> @erased
         AND EXISTS (SELECT 1 FROM tickets t WHERE 'ticket:' || t.id = outbox.subject AND t.day < @today)`,
    );
  }

  /**
   * The phone in the payload of each "queue-near" message (hub/public/queue-reminders.ts) of a
   * ticket of a day before `today`: replaced by `erased`; one still pending is pointless now, so it
   * stops as failed. Returns how many rows changed.
   */
  eraseQueueNearPhones(erased: string, today: string): number {
    return this.eraseQueueNear.run({ erased, today }).changes;
  }

  /**
   * Taken first by a retention purge, in its transaction, so purges of one centre run one after
   * another (SQLite: BEGIN IMMEDIATE already does; the PostgreSQL twin takes an advisory lock).
   */
  lockForPurge(): void {}

  dossiersOf(idNumber: string): readonly ApplicantDossierRow[] {
    return this.byIdNumber.all(idNumber);
  }

  /** Everything held about one dossier: its row, checklist, control sheet, scanned file's record and the rating of its ticket. */
  dossierRecord(row: ApplicantDossierRow): DossierRecord {
    return {
      dossier: row,
      documents: this.documents.all(row.code),
      history: this.history.all(row.code),
      file: this.file.get(row.code) ?? null,
      rating: row.ticket_id === null ? null : (this.ratingOfTicket.get(row.ticket_id) ?? null),
    };
  }

  /** Replaces the applicant of a dossier (and of the logged answers that carry it) with the erased placeholders; its messages' phone is erased. */
  anonymiseDossier(code: string, idNumber: string, fullName: string, at: string): void {
    this.anonymise.run(at, code);
    this.eraseDossierNotify.run({ code, erased: ERASED_PHONE, reason: DOSSIER_NOTIFY_ERASED_ERROR });
    this.scrubCommands.run(idNumber, ERASED_ID_NUMBER, JSON.stringify(fullName).slice(1, -1), ERASED_NAME, idNumber);
  }

  closedDossiersToAnonymise(before: string): readonly DueForAnonymising[] {
    return this.dueForAnonymising.all(before);
  }

  /** The closed dossiers returned before `before`: due for deletion (the caller also removes their scanned PDFs). */
  closedDossiersToDelete(before: string): readonly string[] {
    return this.dueForDeletion.all(before).map((r) => r.code);
  }

  /**
   * Deletes a dossier with its control sheet (its messages in the delivery log stay, their phone erased); returns the chain links of the history rows removed,
   * which the purge puts on the audit log so `motcua audit verify` can bridge the gap (hub/audit).
   */
  deleteDossier(code: string): PurgedLink[] {
    const links = this.historyLinks.all(code);
    for (const stmt of this.deleteStmts) stmt.run(code);
    this.eraseDossierNotify.run({ code, erased: ERASED_PHONE, reason: DOSSIER_NOTIFY_ERASED_ERROR });
    return links;
  }

  /** Clears rating comments older than `before` that hold a phone number; the score stays. */
  clearRatingPhones(before: string, holdsPhone: (text: string) => boolean): number {
    let cleared = 0;
    for (const r of this.ratingsWithComments.all(before)) {
      if (!holdsPhone(r.comment)) continue;
      this.clearComment.run(r.id);
      cleared++;
    }
    return cleared;
  }

  pruneCommandLog(before: string): number {
    return this.pruneCommands.run(before).changes;
  }
}
