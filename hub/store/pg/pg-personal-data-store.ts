import { CLOSED_DOSSIER_STATUSES } from '../../../core/privacy/retention-policy';
import type { PurgedLink } from '../../audit/chain-verifier';
import { DOSSIER_NOTIFY_ERASED_ERROR, ERASED_ID_NUMBER, ERASED_NAME, ERASED_PHONE, QUEUE_NEAR_ERASED_ERROR, type ApplicantDossierRow, type DossierRecord, type DueForAnonymising } from '../../privacy/personal-data-store';
import type { PgSql } from './pg-store';

/** The first key of the purge's advisory lock (the second: a hash of the centre). */
const PURGE_LOCK_SPACE = 74_465_934;

/** A row as the SQLite hub holds it: the province's centre column left out of what a citizen is given. */
function withoutCentre<T extends Record<string, unknown>>(row: T): T {
  const { centre_id: _centre, ...rest } = row;
  return rest as T;
}

/**
 * The PostgreSQL twin of hub/privacy/personal-data-store.ts, for one centre: a person's dossiers
 * received at this centre, their anonymisation (the row stays), and the deletion of what is past
 * its retention — the centre's dossiers, ratings and command log only. A dossier's control sheet
 * is on its receiving centre's chain, so deleteDossier() answers the links of the rows it removes
 * and the purge records them on this centre's audit log, where verifyCentreChains() bridges them
 * (hub/store/pg/chain-verify.ts), as `motcua audit verify` does on SQLite. lockForPurge() takes
 * the centre's transaction-scoped advisory lock: two hub processes of one centre purging at once
 * take turns, and the later one finds nothing left (each statement reads what the other committed).
 */
export class PgPersonalDataStore {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async lockForPurge(): Promise<void> {
    await this.sql.run('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PURGE_LOCK_SPACE, this.centreId]);
  }

  async dossiersOf(idNumber: string): Promise<readonly ApplicantDossierRow[]> {
    const rows = await this.sql.rows<ApplicantDossierRow>('SELECT * FROM dossiers WHERE centre_id = $1 AND applicant_id_number = $2 ORDER BY received_at, code', [this.centreId, idNumber]);
    return rows.map(withoutCentre);
  }

  async dossierRecord(row: ApplicantDossierRow): Promise<DossierRecord> {
    const [documents, history, file, rating] = [
      await this.sql.rows('SELECT * FROM dossier_documents WHERE dossier_code = $1 ORDER BY position', [row.code]),
      await this.sql.rows('SELECT * FROM dossier_history WHERE dossier_code = $1 ORDER BY id', [row.code]),
      await this.sql.row('SELECT * FROM dossier_files WHERE dossier_code = $1', [row.code]),
      row.ticket_id === null ? null : await this.sql.row('SELECT * FROM ratings WHERE centre_id = $1 AND ticket_id = $2', [this.centreId, row.ticket_id]),
    ];
    return { dossier: row, documents: documents.map(withoutCentre), history: history.map(withoutCentre), file: file && withoutCentre(file), rating: rating && withoutCentre(rating) };
  }

  async anonymiseDossier(code: string, idNumber: string, fullName: string, at: string): Promise<void> {
    await this.sql.run(
      `UPDATE dossiers SET applicant_name = $3, applicant_id_number = $4, applicant_dob = NULL, applicant_address = NULL, applicant_phone = NULL, anonymised_at = $5
       WHERE centre_id = $1 AND code = $2`,
      [this.centreId, code, ERASED_NAME, ERASED_ID_NUMBER, at],
    );
    // A write's first answer is kept for replays (the command log): the receipt's answer carries the applicant.
    await this.sql.run('UPDATE commands SET result_json = replace(replace(result_json, $2, $3), $4, $5) WHERE centre_id = $1 AND strpos(result_json, $2) > 0', [
      this.centreId,
      idNumber,
      ERASED_ID_NUMBER,
      JSON.stringify(fullName).slice(1, -1),
      ERASED_NAME,
    ]);
    await this.eraseDossierNotify(code);
  }

  /** The twin of the SQLite statement: the phone in the dossier's messages (outbox rows of target notify, subject its code). */
  private async eraseDossierNotify(code: string): Promise<void> {
    await this.sql.run(
      `UPDATE outbox SET payload = jsonb_set(payload::jsonb, '{phone}', to_jsonb($2::text))::text,
         state = CASE WHEN state = 'pending' THEN 'failed' ELSE state END,
         next_attempt_at = CASE WHEN state = 'pending' THEN NULL ELSE next_attempt_at END,
         last_error = CASE WHEN state = 'pending' THEN $4 ELSE last_error END
       WHERE centre_id = $1 AND target = 'notify' AND subject = $3 AND payload::jsonb ->> 'phone' <> $2`,
      [this.centreId, ERASED_PHONE, code, DOSSIER_NOTIFY_ERASED_ERROR],
    );
  }

  async closedDossiersToAnonymise(before: string): Promise<readonly DueForAnonymising[]> {
    return this.sql.rows<DueForAnonymising>(
      'SELECT code, applicant_id_number, applicant_name FROM dossiers WHERE centre_id = $1 AND status = ANY ($2) AND updated_at < $3 AND anonymised_at IS NULL ORDER BY code',
      [this.centreId, CLOSED_DOSSIER_STATUSES, before],
    );
  }

  async closedDossiersToDelete(before: string): Promise<readonly string[]> {
    const rows = await this.sql.rows<{ code: string }>('SELECT code FROM dossiers WHERE centre_id = $1 AND status = ANY ($2) AND updated_at < $3 ORDER BY code', [this.centreId, CLOSED_DOSSIER_STATUSES, before]);
    return rows.map((r) => r.code);
  }

  async deleteDossier(code: string): Promise<PurgedLink[]> {
    const links = await this.sql.rows<PurgedLink>('SELECT id, prev_hash, hash FROM dossier_history WHERE dossier_code = $1 ORDER BY id', [code]);
    for (const table of ['dossier_history', 'dossier_documents', 'dossier_files', 'dossier_results', 'dossier_public_tokens']) await this.sql.run(`DELETE FROM ${table} WHERE dossier_code = $1`, [code]);
    await this.sql.run('DELETE FROM dossiers WHERE centre_id = $1 AND code = $2', [this.centreId, code]);
    await this.eraseDossierNotify(code);
    return links;
  }

  /** The twin of the SQLite statement: payloads are JSON text here too. */
  async eraseQueueNearPhones(erased: string, today: string): Promise<number> {
    return this.sql.run(
      `UPDATE outbox SET payload = jsonb_set(payload::jsonb, '{phone}', to_jsonb($1::text))::text,
         state = CASE WHEN state = 'pending' THEN 'failed' ELSE state END,
         next_attempt_at = CASE WHEN state = 'pending' THEN NULL ELSE next_attempt_at END,
         last_error = CASE WHEN state = 'pending' THEN $4 ELSE last_error END
       WHERE centre_id = $3 AND target = 'notify' AND event_type = 'queue-near' AND payload::jsonb ->> 'phone' <> $1
         AND EXISTS (SELECT 1 FROM tickets t WHERE t.centre_id = $3 AND 'ticket:' || t.id = outbox.subject AND t.day < $2)`,
      [erased, today, this.centreId, QUEUE_NEAR_ERASED_ERROR],
    );
  }

  async clearRatingPhones(before: string, holdsPhone: (text: string) => boolean): Promise<number> {
    const rows = await this.sql.rows<{ id: number; comment: string }>('SELECT id, comment FROM ratings WHERE centre_id = $1 AND comment IS NOT NULL AND rated_at < $2 ORDER BY id', [this.centreId, before]);
    const ids = rows.filter((r) => holdsPhone(r.comment)).map((r) => r.id);
    if (ids.length > 0) await this.sql.run('UPDATE ratings SET comment = NULL WHERE centre_id = $1 AND id = ANY ($2)', [this.centreId, ids]);
    return ids.length;
  }

  async pruneCommandLog(before: string): Promise<number> {
    return this.sql.run('DELETE FROM commands WHERE centre_id = $1 AND at < $2', [this.centreId, before]);
  }
}
