import type { Database, Statement } from 'better-sqlite3';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import type { DossierStatus } from '../../core/dossiers/dossier-state';
import { ChainAppender, DOSSIER_HISTORY_CHAIN } from '../audit/hash-chain';
import {
  dossierInsertValues, historyValues, RESULT_COLUMNS, resultValues, toDossier, toDossierFile, toDossierResult, toHistoryEntry, toLease,
  type DocumentRow, type DossierFile, type DossierFileRow, type DossierRow, type HistoryRow, type LeaseRow, type NewDossier, type NewDossierResult, type ResultRow,
} from './dossier-rows';
import type { DossierResult } from '../../core/dossiers/result-files';
import { singleCentreDirectory, SINGLE_CENTRE_ID, type CentreDirectory } from '../../core/dossiers/collection';

export type { NewDossier } from './dossier-rows';

/** The dossier tables; callers run inside the command's transaction. */
export class DossierRepository {
  private readonly byCodeStmt: Statement<[string], DossierRow>;
  private readonly docsStmt: Statement<[string], DocumentRow>;
  private readonly historyStmt: Statement<[string], HistoryRow>;
  private readonly lastSeqStmt: Statement<[string], { seq: number | null }>;
  private readonly listStmt: Statement<[string], DossierRow>;
  private readonly listByStatusStmt: Statement<[string, string], DossierRow>;
  private readonly insertStmt: Statement<unknown[]>;
  private readonly insertDocStmt: Statement<unknown[]>;
  /** Form 05 rows are hash-chained, in the command's transaction (hub/audit/hash-chain.ts). */
  private readonly historyChain: ChainAppender;
  private readonly updateStmt: Statement<unknown[]>;
  private readonly ticketStmt: Statement<[number], { id: number }>;
  private readonly fileStmt: Statement<[string], DossierFileRow>;
  private readonly upsertFileStmt: Statement<unknown[]>;
  private readonly lastLeasedStmt: Statement<[string], { seq: number | null }>;
  private readonly leaseOfStmt: Statement<[string, string, number], LeaseRow>;
  private readonly insertLeaseStmt: Statement<unknown[]>;
  private readonly resultsStmt: Statement<[string], ResultRow>;
  private readonly resultBySha: Statement<[string, string], ResultRow>;
  private readonly insertResultStmt: Statement<unknown[], ResultRow>;
  private readonly readyStmt: Statement<[{ centre: string; here: string }], DossierRow>;

  /** `centres`: this hub's centre (every dossier of the file was received there) and those a result may be collected at. */
  constructor(
    db: Database,
    private readonly centres: CentreDirectory = singleCentreDirectory({ id: SINGLE_CENTRE_ID, name: SINGLE_CENTRE_ID }),
  ) {
    this.byCodeStmt = db.prepare(`SELECT * FROM dossiers WHERE code = ?`);
    this.docsStmt = db.prepare(`SELECT name, copies, original FROM dossier_documents WHERE dossier_code = ? ORDER BY position`);
    this.historyStmt = db.prepare(`SELECT * FROM dossier_history WHERE dossier_code = ? ORDER BY id`);
    this.lastSeqStmt = db.prepare(`SELECT max(seq) AS seq FROM dossiers WHERE day = ?`);
    this.listStmt = db.prepare(`SELECT * FROM dossiers WHERE department_id = ? ORDER BY received_at, code`);
    this.listByStatusStmt = db.prepare(`SELECT * FROM dossiers WHERE department_id = ? AND status = ? ORDER BY received_at, code`);
    this.insertStmt = db.prepare(
      `INSERT INTO dossiers (code, day, seq, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number, applicant_dob,
         applicant_address, applicant_phone, fee, fee_paid, ticket_id, received_at, received_by, due_at, due_local, updated_at, collect_centre_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertDocStmt = db.prepare(`INSERT INTO dossier_documents (dossier_code, position, name, copies, original) VALUES (?, ?, ?, ?, ?)`);
    this.historyChain = new ChainAppender(db, DOSSIER_HISTORY_CHAIN);
    this.updateStmt = db.prepare(`UPDATE dossiers SET status = ?, due_at = ?, due_local = ?, missing_json = ?, updated_at = ? WHERE code = ?`);
    this.ticketStmt = db.prepare(`SELECT id FROM tickets WHERE id = ?`);
    this.fileStmt = db.prepare(`SELECT * FROM dossier_files WHERE dossier_code = ?`);
    this.upsertFileStmt = db.prepare(
      `INSERT INTO dossier_files (dossier_code, pages, bytes, sha256, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (dossier_code) DO UPDATE SET pages = excluded.pages, bytes = excluded.bytes, sha256 = excluded.sha256, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by`,
    );
    this.lastLeasedStmt = db.prepare(`SELECT max(last_seq) AS seq FROM dossier_code_leases WHERE day = ?`);
    this.leaseOfStmt = db.prepare(`SELECT * FROM dossier_code_leases WHERE device_id = ? AND day = ? AND ? BETWEEN first_seq AND last_seq`);
    this.insertLeaseStmt = db.prepare(`INSERT INTO dossier_code_leases (device_id, day, first_seq, last_seq, leased_at) VALUES (?, ?, ?, ?, ?)`);
    this.resultsStmt = db.prepare(`SELECT ${RESULT_COLUMNS} FROM dossier_results WHERE dossier_code = ? ORDER BY id`);
    this.resultBySha = db.prepare(`SELECT ${RESULT_COLUMNS} FROM dossier_results WHERE dossier_code = ? AND sha256 = ?`);
    this.insertResultStmt = db.prepare(
      `INSERT INTO dossier_results (dossier_code, name, pages, bytes, sha256, attached_at, attached_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${RESULT_COLUMNS}`,
    );
    this.readyStmt = db.prepare(`SELECT * FROM dossiers WHERE status = 'done' AND coalesce(collect_centre_id, @here) = @centre ORDER BY received_at, code`);
  }

  /** The results ready (done) to hand back at a centre: here, every dossier of the file whose collecting centre is this one. */
  readyAt(centreId: string, now: Date): Dossier[] {
    return this.readyStmt.all({ centre: centreId, here: this.centres.here.id }).map((r) => this.toDossier(r, now));
  }

  /** Whether the dossier was received at this hub's centre: on a centre's own file, every dossier in it was. */
  receivedHere(code: string): boolean {
    return this.byCodeStmt.get(code) !== undefined;
  }

  /** Where a ticket id is held: at this centre, at another (only a province's database has others), or nowhere. */
  ticketPlace(id: number): 'here' | 'elsewhere' | null {
    return this.ticketStmt.get(id) !== undefined ? 'here' : null;
  }

  /** The highest sequence used or leased on a day (YYMMDD), 0 for none: the hub numbers past it. */
  lastSequence(day: string): number {
    return Math.max(this.lastSeqStmt.get(day)?.seq ?? 0, this.lastLeasedStmt.get(day)?.seq ?? 0);
  }

  lease(deviceId: string, day: string, firstSeq: number, lastSeq: number, leasedAt: string): void {
    this.insertLeaseStmt.run(deviceId, day, firstSeq, lastSeq, leasedAt);
  }

  /** The lease of this device that holds the day's sequence number, or null. */
  leaseOf(deviceId: string, day: string, seq: number): { firstSeq: number; lastSeq: number; leasedAt: string } | null {
    const row = this.leaseOfStmt.get(deviceId, day, seq);
    return row ? toLease(row) : null;
  }

  file(code: string): DossierFile | null {
    const row = this.fileStmt.get(code);
    return row ? toDossierFile(row) : null;
  }

  saveFile(code: string, f: DossierFile): void {
    this.upsertFileStmt.run(code, f.pages, f.bytes, f.sha256, f.uploadedAt, f.uploadedBy);
  }

  /** A dossier's result files, oldest first. */
  results(code: string): DossierResult[] {
    return this.resultsStmt.all(code).map(toDossierResult);
  }

  /** The result file of these bytes, if already attached to the dossier (a retried upload). */
  resultBySha256(code: string, sha256: string): DossierResult | null {
    const row = this.resultBySha.get(code, sha256);
    return row ? toDossierResult(row) : null;
  }

  addResult(code: string, r: NewDossierResult): DossierResult {
    return toDossierResult(this.insertResultStmt.get(...resultValues(code, r))!);
  }

  byCode(code: string, now: Date): Dossier | null {
    const row = this.byCodeStmt.get(code);
    return row ? this.toDossier(row, now) : null;
  }

  ofDepartment(departmentId: string, status: DossierStatus | undefined, now: Date): Dossier[] {
    const rows = status ? this.listByStatusStmt.all(departmentId, status) : this.listStmt.all(departmentId);
    return rows.map((r) => this.toDossier(r, now));
  }

  insert(d: NewDossier): void {
    this.insertStmt.run(...dossierInsertValues(d));
    d.documents.forEach((doc, i) => this.insertDocStmt.run(d.code, i + 1, doc.name, doc.copies, doc.original ? 1 : 0));
  }

  update(code: string, change: { status: DossierStatus; dueAt: string; dueLocal: string; missing: readonly string[]; at: string }): void {
    this.updateStmt.run(change.status, change.dueAt, change.dueLocal, JSON.stringify(change.missing), change.at, code);
  }

  record(code: string, e: DossierHistoryEntry): void {
    this.historyChain.append(historyValues(code, e));
  }

  history(code: string): DossierHistoryEntry[] {
    return this.historyStmt.all(code).map(toHistoryEntry);
  }

  private toDossier(r: DossierRow, now: Date): Dossier {
    return toDossier(r, this.docsStmt.all(r.code), this.fileStmt.get(r.code) ?? null, now, this.centres);
  }
}
