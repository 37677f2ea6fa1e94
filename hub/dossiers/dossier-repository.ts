import type { Database, Statement } from 'better-sqlite3';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { isOverdue, type DossierStatus } from '../../core/dossiers/dossier-state';
import { ChainAppender, DOSSIER_HISTORY_CHAIN } from '../audit/hash-chain';

interface DossierRow {
  code: string;
  procedure_code: string;
  procedure_name: string;
  department_id: string;
  service_id: string;
  status: DossierStatus;
  applicant_name: string;
  applicant_id_number: string;
  applicant_dob: string | null;
  applicant_address: string | null;
  applicant_phone: string | null;
  fee: number;
  fee_paid: number;
  ticket_id: number | null;
  received_at: string;
  received_by: string;
  due_at: string;
  due_local: string;
  missing_json: string;
  updated_at: string;
}

interface HistoryRow {
  at: string;
  action: DossierHistoryEntry['action'];
  from_status: DossierStatus | null;
  to_status: DossierStatus;
  device_id: string;
  role: string;
  actor_name: string;
  note: string | null;
  new_due_at: string | null;
}

interface DossierFileRow {
  dossier_code: string;
  pages: number;
  bytes: number;
  sha256: string;
  uploaded_at: string;
  uploaded_by: string;
}

interface LeaseRow {
  device_id: string;
  day: string;
  first_seq: number;
  last_seq: number;
  leased_at: string;
}

export interface NewDossier {
  code: string;
  day: string;
  seq: number;
  procedureCode: string;
  procedureName: string;
  departmentId: string;
  serviceId: string;
  applicant: { fullName: string; idNumber: string; dateOfBirth: string | null; address: string | null; phone: string | null };
  documents: { name: string; copies: number; original: boolean }[];
  fee: number;
  feePaid: number;
  ticketId: number | null;
  receivedAt: string;
  receivedBy: string;
  dueAt: string;
  dueLocal: string;
}

/** The dossier tables; callers run inside the command's transaction. */
export class DossierRepository {
  private readonly byCodeStmt: Statement<[string], DossierRow>;
  private readonly docsStmt: Statement<[string], { name: string; copies: number; original: number }>;
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

  constructor(db: Database) {
    this.byCodeStmt = db.prepare(`SELECT * FROM dossiers WHERE code = ?`);
    this.docsStmt = db.prepare(`SELECT name, copies, original FROM dossier_documents WHERE dossier_code = ? ORDER BY position`);
    this.historyStmt = db.prepare(`SELECT * FROM dossier_history WHERE dossier_code = ? ORDER BY id`);
    this.lastSeqStmt = db.prepare(`SELECT max(seq) AS seq FROM dossiers WHERE day = ?`);
    this.listStmt = db.prepare(`SELECT * FROM dossiers WHERE department_id = ? ORDER BY received_at, code`);
    this.listByStatusStmt = db.prepare(`SELECT * FROM dossiers WHERE department_id = ? AND status = ? ORDER BY received_at, code`);
    this.insertStmt = db.prepare(
      `INSERT INTO dossiers (code, day, seq, procedure_code, procedure_name, department_id, service_id, status, applicant_name, applicant_id_number, applicant_dob,
         applicant_address, applicant_phone, fee, fee_paid, ticket_id, received_at, received_by, due_at, due_local, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
  }

  ticketExists(id: number): boolean {
    return this.ticketStmt.get(id) !== undefined;
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
    return row ? { firstSeq: row.first_seq, lastSeq: row.last_seq, leasedAt: row.leased_at } : null;
  }

  file(code: string): { pages: number; bytes: number; sha256: string; uploadedAt: string; uploadedBy: string } | null {
    const row = this.fileStmt.get(code);
    return row ? { pages: row.pages, bytes: row.bytes, sha256: row.sha256, uploadedAt: row.uploaded_at, uploadedBy: row.uploaded_by } : null;
  }

  saveFile(code: string, f: { pages: number; bytes: number; sha256: string; uploadedAt: string; uploadedBy: string }): void {
    this.upsertFileStmt.run(code, f.pages, f.bytes, f.sha256, f.uploadedAt, f.uploadedBy);
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
    const a = d.applicant;
    this.insertStmt.run(
      d.code, d.day, d.seq, d.procedureCode, d.procedureName, d.departmentId, d.serviceId, a.fullName, a.idNumber, a.dateOfBirth, a.address, a.phone,
      d.fee, d.feePaid, d.ticketId, d.receivedAt, d.receivedBy, d.dueAt, d.dueLocal, d.receivedAt,
    );
    d.documents.forEach((doc, i) => this.insertDocStmt.run(d.code, i + 1, doc.name, doc.copies, doc.original ? 1 : 0));
  }

  update(code: string, change: { status: DossierStatus; dueAt: string; dueLocal: string; missing: readonly string[]; at: string }): void {
    this.updateStmt.run(change.status, change.dueAt, change.dueLocal, JSON.stringify(change.missing), change.at, code);
  }

  record(code: string, e: DossierHistoryEntry): void {
    this.historyChain.append({
      dossier_code: code,
      at: e.at,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      device_id: e.deviceId,
      role: e.role,
      actor_name: e.actorName,
      note: e.note,
      new_due_at: e.newDueAt,
    });
  }

  history(code: string): DossierHistoryEntry[] {
    return this.historyStmt.all(code).map((r) => ({
      at: r.at,
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      deviceId: r.device_id,
      role: r.role,
      actorName: r.actor_name,
      note: r.note,
      newDueAt: r.new_due_at,
    }));
  }

  private toDossier(r: DossierRow, now: Date): Dossier {
    return {
      code: r.code,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      departmentId: r.department_id,
      serviceId: r.service_id,
      status: r.status,
      applicant: { fullName: r.applicant_name, idNumber: r.applicant_id_number, dateOfBirth: r.applicant_dob, address: r.applicant_address, phone: r.applicant_phone },
      documents: this.docsStmt.all(r.code).map((d) => ({ name: d.name, copies: d.copies, original: d.original === 1 })),
      fee: r.fee,
      feePaid: r.fee_paid,
      ticketId: r.ticket_id,
      receivedAt: r.received_at,
      receivedBy: r.received_by,
      dueAt: r.due_at,
      dueLocal: r.due_local,
      overdue: isOverdue(r.status, new Date(r.due_at), now),
      missing: JSON.parse(r.missing_json) as string[],
      updatedAt: r.updated_at,
      pdf: this.pdfOf(r.code),
    };
  }

  private pdfOf(code: string): { pages: number; bytes: number } | null {
    const f = this.fileStmt.get(code);
    return f ? { pages: f.pages, bytes: f.bytes } : null;
  }
}
