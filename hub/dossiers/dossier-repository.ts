import type { Database, Statement } from 'better-sqlite3';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { isOverdue, type DossierStatus } from '../../core/dossiers/dossier-state';

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
  private readonly insertHistoryStmt: Statement<unknown[]>;
  private readonly updateStmt: Statement<unknown[]>;
  private readonly ticketStmt: Statement<[number], { id: number }>;

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
    this.insertHistoryStmt = db.prepare(
      `INSERT INTO dossier_history (dossier_code, at, action, from_status, to_status, device_id, role, actor_name, note, new_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare(`UPDATE dossiers SET status = ?, due_at = ?, due_local = ?, missing_json = ?, updated_at = ? WHERE code = ?`);
    this.ticketStmt = db.prepare(`SELECT id FROM tickets WHERE id = ?`);
  }

  ticketExists(id: number): boolean {
    return this.ticketStmt.get(id) !== undefined;
  }

  /** The highest sequence used on a day (YYMMDD), 0 for none. */
  lastSequence(day: string): number {
    return this.lastSeqStmt.get(day)?.seq ?? 0;
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
    this.insertHistoryStmt.run(code, e.at, e.action, e.fromStatus, e.toStatus, e.deviceId, e.role, e.actorName, e.note, e.newDueAt);
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
      // TEMPORARY (issue 4 in progress): the PDF upload fills this in.
      pdf: null,
    };
  }
}
