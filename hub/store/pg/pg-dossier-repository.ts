import type { Dossier, DossierHistoryEntry } from '../../../core/dossiers/dossier';
import type { DossierStatus } from '../../../core/dossiers/dossier-state';
import { DOSSIER_HISTORY_CHAIN } from '../../audit/hash-chain';
import type { DossierRepository } from '../../dossiers/dossier-repository';
import {
  dossierInsertValues, historyValues, RESULT_COLUMNS, resultValues, toDossier, toDossierFile, toDossierResult, toHistoryEntry, toLease,
  type DocumentRow, type DossierFile, type DossierFileRow, type DossierRow, type HistoryRow, type LeaseRow, type NewDossier, type NewDossierResult, type ResultRow,
} from '../../dossiers/dossier-rows';
import type { DossierResult } from '../../../core/dossiers/result-files';
import type { Async } from '../async-of';
import { singleCentreDirectory, type CentreDirectory } from '../../../core/dossiers/collection';
import { PgChainAppender } from './pg-chain-appender';
import type { PgSql } from './pg-store';

/**
 * The number_sequences row whose lock dossier numbering takes: (centre, YYMMDD day, this id).
 * Ticket rows have YYYY-MM-DD days and service ids without '#', so it is no ticket's row.
 */
export const DOSSIER_SEQUENCE_KEY = '#dossiers';

const DOSSIER_COLUMNS = `code, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number, applicant_dob,
  applicant_address, applicant_phone, fee, fee_paid, ticket_id, received_at, received_by, due_at, due_local, missing_json, updated_at, collect_centre_id, centre_id`;

const SQL = {
  byCode: `SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE code = $1`,
  ofDepartment: `SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE department_id = $1 ORDER BY received_at, code`,
  ofDepartmentWithStatus: `SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE department_id = $1 AND status = $2 ORDER BY received_at, code`,
  documents: 'SELECT dossier_code, name, copies, original FROM dossier_documents WHERE dossier_code = ANY($1::text[]) ORDER BY dossier_code, position',
  files: 'SELECT dossier_code, pages, bytes, sha256, uploaded_at, uploaded_by FROM dossier_files WHERE dossier_code = ANY($1::text[])',
  file: 'SELECT dossier_code, pages, bytes, sha256, uploaded_at, uploaded_by FROM dossier_files WHERE dossier_code = $1',
  insert: `INSERT INTO dossiers (centre_id, code, day, seq, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number, applicant_dob,
     applicant_address, applicant_phone, fee, fee_paid, ticket_id, received_at, received_by, due_at, due_local, updated_at, collect_centre_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
  insertDocuments: `INSERT INTO dossier_documents (dossier_code, position, name, copies, original)
     SELECT $1, d.* FROM unnest($2::int[], $3::text[], $4::int[], $5::smallint[]) AS d`,
  update: 'UPDATE dossiers SET status = $1, due_at = $2, due_local = $3, missing_json = $4, updated_at = $5 WHERE code = $6',
  history: 'SELECT at, action, from_status, to_status, device_id, role, actor_name, note, new_due_at, unit_kind, unit_id, unit_name FROM dossier_history WHERE dossier_code = $1 ORDER BY id',
  // Wherever received: the done dossiers this centre hands back (the index dossiers_ready_at).
  readyAt: `SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE status = 'done' AND coalesce(collect_centre_id, centre_id) = $1 ORDER BY received_at, code`,
  receivingCentre: 'SELECT centre_id FROM dossiers WHERE code = $1',
  ticketCentre: 'SELECT centre_id FROM tickets WHERE id = $1',
  saveFile: `INSERT INTO dossier_files (dossier_code, pages, bytes, sha256, uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (dossier_code) DO UPDATE SET pages = excluded.pages, bytes = excluded.bytes, sha256 = excluded.sha256, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by`,
  // Locks the centre's day of dossier numbers (creating the row), as ticket-numbers.ts locks a service's day.
  lockDay: `INSERT INTO number_sequences (centre_id, day, service_id, last_number) VALUES ($1, $2, '${DOSSIER_SEQUENCE_KEY}', 0)
     ON CONFLICT (centre_id, day, service_id) DO UPDATE SET last_number = number_sequences.last_number`,
  // SQLite's max(a, b) scalar is greatest() here.
  lastSequence: `SELECT greatest(
       (SELECT coalesce(max(seq), 0) FROM dossiers WHERE centre_id = $1 AND day = $2),
       (SELECT coalesce(max(last_seq), 0) FROM dossier_code_leases WHERE centre_id = $1 AND day = $2)) AS seq`,
  lease: 'INSERT INTO dossier_code_leases (centre_id, device_id, day, first_seq, last_seq, leased_at) VALUES ($1, $2, $3, $4, $5, $6)',
  leaseOf: `SELECT device_id, day, first_seq, last_seq, leased_at FROM dossier_code_leases
     WHERE centre_id = $1 AND device_id = $2 AND day = $3 AND $4 BETWEEN first_seq AND last_seq ORDER BY id LIMIT 1`,
  results: `SELECT ${RESULT_COLUMNS} FROM dossier_results WHERE dossier_code = $1 ORDER BY id`,
  resultBySha256: `SELECT ${RESULT_COLUMNS} FROM dossier_results WHERE dossier_code = $1 AND sha256 = $2`,
  addResult: `INSERT INTO dossier_results (dossier_code, name, pages, bytes, sha256, attached_at, attached_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${RESULT_COLUMNS}`,
} as const;

/**
 * The PostgreSQL twin of hub/dossiers/dossier-repository.ts, bound to a centre: the centre that
 * receives here. Codes are unique province-wide, so byCode, update, history and the file find a
 * dossier wherever it was received, and ofDepartment lists the competent agency's dossiers from
 * every centre (who may see them is the service's rule). Numbering is the centre's own: the
 * day's sequences and code leases carry this centre.
 *
 * Exact under several hub processes (row locks, not read-then-write):
 * - lastSequence() and leaseOf() in a transaction first take the lock of the centre's day of
 *   dossier numbers (a number_sequences row), so the number the caller then inserts or leases is
 *   nobody else's, and a leased code is received once;
 * - byCode() in a transaction locks the dossier it reads (FOR UPDATE): two actions on one dossier
 *   take turns, the second sees the first's status;
 * - record() appends to the Form 05 chain of the dossier's receiving centre under that centre's
 *   row lock (pg-chain-appender.ts).
 */
export class PgDossierRepository implements Async<DossierRepository> {
  private readonly historyChain: PgChainAppender;

  /** `centres`: the province's centres by id, to name the receiving and collecting centres (default: this centre only, others by their ids). */
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
    private readonly centres: CentreDirectory = singleCentreDirectory({ id: centreId, name: centreId }),
  ) {
    this.historyChain = new PgChainAppender(sql, centreId, DOSSIER_HISTORY_CHAIN);
  }

  /** Whether the dossier was received at this repository's centre (codes are province-wide; the rows carry their centre). */
  async receivedHere(code: string): Promise<boolean> {
    const receiving = await this.sql.row<{ centre_id: string }>(SQL.receivingCentre, [code]);
    return receiving?.centre_id === this.centreId;
  }

  async ticketPlace(id: number): Promise<'here' | 'elsewhere' | null> {
    const row = await this.sql.row<{ centre_id: string }>(SQL.ticketCentre, [id]);
    return row === null ? null : row.centre_id === this.centreId ? 'here' : 'elsewhere';
  }

  /** The highest sequence used or leased on a day (YYMMDD) at this centre, 0 for none; under the day's lock in a transaction. */
  async lastSequence(day: string): Promise<number> {
    if (this.sql.inTransaction) await this.sql.run(SQL.lockDay, [this.centreId, day]);
    // A new statement after the lock: it sees what the lock's earlier holders committed.
    return (await this.sql.row<{ seq: number }>(SQL.lastSequence, [this.centreId, day]))!.seq;
  }

  async lease(deviceId: string, day: string, firstSeq: number, lastSeq: number, leasedAt: string): Promise<void> {
    await this.sql.run(SQL.lease, [this.centreId, deviceId, day, firstSeq, lastSeq, leasedAt]);
  }

  /**
   * In a transaction, under the day's lock too: a counter's receipt of a leased code then reads
   * (byCode) and inserts under it, so the same code sent through two processes at once is
   * received once and the other finds it (`conflict`), not a key violation.
   */
  async leaseOf(deviceId: string, day: string, seq: number): Promise<{ firstSeq: number; lastSeq: number; leasedAt: string } | null> {
    if (this.sql.inTransaction) await this.sql.run(SQL.lockDay, [this.centreId, day]);
    const row = await this.sql.row<LeaseRow>(SQL.leaseOf, [this.centreId, deviceId, day, seq]);
    return row ? toLease(row) : null;
  }

  async file(code: string): Promise<DossierFile | null> {
    const row = await this.sql.row<DossierFileRow>(SQL.file, [code]);
    return row ? toDossierFile(row) : null;
  }

  async saveFile(code: string, f: DossierFile): Promise<void> {
    await this.sql.run(SQL.saveFile, [code, f.pages, f.bytes, f.sha256, f.uploadedAt, f.uploadedBy]);
  }

  async results(code: string): Promise<DossierResult[]> {
    return (await this.sql.rows<ResultRow>(SQL.results, [code])).map(toDossierResult);
  }

  async resultBySha256(code: string, sha256: string): Promise<DossierResult | null> {
    const row = await this.sql.row<ResultRow>(SQL.resultBySha256, [code, sha256]);
    return row ? toDossierResult(row) : null;
  }

  async addResult(code: string, r: NewDossierResult): Promise<DossierResult> {
    return toDossierResult((await this.sql.row<ResultRow>(SQL.addResult, resultValues(code, r)))!);
  }

  async byCode(code: string, now: Date): Promise<Dossier | null> {
    const rows = await this.sql.rows<DossierRow>(SQL.byCode + (this.sql.inTransaction ? ' FOR UPDATE' : ''), [code]);
    return (await this.withParts(rows, now))[0] ?? null;
  }

  async ofDepartment(departmentId: string, status: DossierStatus | undefined, now: Date): Promise<Dossier[]> {
    const rows = status
      ? await this.sql.rows<DossierRow>(SQL.ofDepartmentWithStatus, [departmentId, status])
      : await this.sql.rows<DossierRow>(SQL.ofDepartment, [departmentId]);
    return this.withParts(rows, now);
  }

  /** The results ready (done) to hand back at a centre, wherever they were received. */
  async readyAt(centreId: string, now: Date): Promise<Dossier[]> {
    return this.withParts(await this.sql.rows<DossierRow>(SQL.readyAt, [centreId]), now);
  }

  async insert(d: NewDossier): Promise<void> {
    await this.sql.run(SQL.insert, [this.centreId, ...dossierInsertValues(d)]);
    if (d.documents.length === 0) return;
    await this.sql.run(SQL.insertDocuments, [
      d.code,
      d.documents.map((_, i) => i + 1),
      d.documents.map((doc) => doc.name),
      d.documents.map((doc) => doc.copies),
      d.documents.map((doc) => (doc.original ? 1 : 0)),
    ]);
  }

  async update(code: string, change: { status: DossierStatus; dueAt: string; dueLocal: string; missing: readonly string[]; at: string }): Promise<void> {
    await this.sql.run(SQL.update, [change.status, change.dueAt, change.dueLocal, JSON.stringify(change.missing), change.at, code]);
  }

  /** Appends to the Form 05 chain of the centre that received the dossier (this centre's chain if there is no such dossier: the insert's foreign key then refuses it). */
  async record(code: string, e: DossierHistoryEntry): Promise<void> {
    const receiving = await this.sql.row<{ centre_id: string }>(SQL.receivingCentre, [code]);
    await this.historyChain.appendTo(receiving?.centre_id ?? this.centreId, historyValues(code, e));
  }

  async history(code: string): Promise<DossierHistoryEntry[]> {
    return (await this.sql.rows<HistoryRow>(SQL.history, [code])).map(toHistoryEntry);
  }

  /** The documents and files of a page of dossiers in two statements (not two per dossier). */
  private async withParts(rows: readonly DossierRow[], now: Date): Promise<Dossier[]> {
    if (rows.length === 0) return [];
    const codes = rows.map((r) => r.code);
    const docs = new Map<string, DocumentRow[]>();
    for (const d of await this.sql.rows<DocumentRow & { dossier_code: string }>(SQL.documents, [codes])) {
      const list = docs.get(d.dossier_code) ?? [];
      list.push(d);
      docs.set(d.dossier_code, list);
    }
    const files = new Map((await this.sql.rows<DossierFileRow>(SQL.files, [codes])).map((f) => [f.dossier_code, f]));
    return rows.map((r) => toDossier(r, docs.get(r.code) ?? [], files.get(r.code) ?? null, now, this.centres));
  }
}
