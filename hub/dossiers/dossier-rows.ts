import type { DossierResult } from '../../core/dossiers/result-files';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { isOverdue, type DossierStatus } from '../../core/dossiers/dossier-state';
import { centreRefOf, type CentreDirectory } from '../../core/dossiers/collection';

/**
 * The dossier tables' rows and their mapping to the domain, shared by the SQLite repository
 * (dossier-repository.ts) and its PostgreSQL twin (hub/store/pg/pg-dossier-repository.ts): both
 * stores hold the same values (docs/province.md, "Schema decisions").
 */

export interface DossierRow {
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
  /** Where the result is collected; null: the receiving centre. */
  collect_centre_id: string | null;
  /** PostgreSQL: the receiving centre. SQLite has none (the file is one centre's). */
  centre_id?: string;
}

export interface DocumentRow {
  name: string;
  copies: number;
  original: number;
}

export interface HistoryRow {
  at: string;
  action: DossierHistoryEntry['action'];
  from_status: DossierStatus | null;
  to_status: DossierStatus;
  device_id: string;
  role: string;
  actor_name: string;
  note: string | null;
  new_due_at: string | null;
  unit_kind: 'centre' | 'agency' | null;
  unit_id: string | null;
  unit_name: string | null;
}

export interface DossierFileRow {
  dossier_code: string;
  pages: number;
  bytes: number;
  sha256: string;
  uploaded_at: string;
  uploaded_by: string;
}

export interface ResultRow {
  id: number | string;
  dossier_code: string;
  name: string;
  pages: number;
  bytes: number | string;
  sha256: string;
  attached_at: string;
  attached_by: string;
}

/** A result file to record (core/dossiers/result-files.ts). */
export type NewDossierResult = Omit<DossierResult, 'id'>;

export const RESULT_COLUMNS = 'id, dossier_code, name, pages, bytes, sha256, attached_at, attached_by';

/** PostgreSQL answers BIGINT as a string: ids and sizes come back as numbers either way. */
export function toDossierResult(row: ResultRow): DossierResult {
  return { id: Number(row.id), name: row.name, pages: row.pages, bytes: Number(row.bytes), sha256: row.sha256, attachedAt: row.attached_at, attachedBy: row.attached_by };
}

export function resultValues(code: string, r: NewDossierResult): [string, string, number, number, string, string, string] {
  return [code, r.name, r.pages, r.bytes, r.sha256, r.attachedAt, r.attachedBy];
}

export interface LeaseRow {
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
  /** The collecting centre when the citizen chose another than the receiving one; null: the receiving centre. */
  collectCentreId: string | null;
}

export interface DossierFile {
  pages: number;
  bytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

/** The dossiers insert's parameters after the code (status 'received'; updated_at = received_at), collect_centre_id last. */
export function dossierInsertValues(d: NewDossier): unknown[] {
  const a = d.applicant;
  return [
    d.code, d.day, d.seq, d.procedureCode, d.procedureName, d.departmentId, d.serviceId, a.fullName, a.idNumber, a.dateOfBirth, a.address, a.phone,
    d.fee, d.feePaid, d.ticketId, d.receivedAt, d.receivedBy, d.dueAt, d.dueLocal, d.receivedAt, d.collectCentreId,
  ];
}

/** A Form 05 entry as the chained dossier_history row's columns (without id and hashes). */
export function historyValues(code: string, e: DossierHistoryEntry): Record<string, string | null> {
  return {
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
    unit_kind: e.unit?.kind ?? null,
    unit_id: e.unit?.id ?? null,
    unit_name: e.unit?.name ?? null,
  };
}

export function toHistoryEntry(r: HistoryRow): DossierHistoryEntry {
  return {
    at: r.at,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    deviceId: r.device_id,
    role: r.role,
    actorName: r.actor_name,
    note: r.note,
    newDueAt: r.new_due_at,
    unit: r.unit_kind !== null && r.unit_id !== null && r.unit_name !== null ? { kind: r.unit_kind, id: r.unit_id, name: r.unit_name } : null,
  };
}

export function toDossierFile(row: DossierFileRow): DossierFile {
  return { pages: row.pages, bytes: row.bytes, sha256: row.sha256, uploadedAt: row.uploaded_at, uploadedBy: row.uploaded_by };
}

export function toLease(row: LeaseRow): { firstSeq: number; lastSeq: number; leasedAt: string } {
  return { firstSeq: row.first_seq, lastSeq: row.last_seq, leasedAt: row.leased_at };
}

/**
 * A dossier row with its documents (in position order) and its scanned file, overdue as of `now`;
 * its centres named by the directory (a row without centre_id was received at `here`).
 */
export function toDossier(r: DossierRow, documents: readonly DocumentRow[], file: Pick<DossierFileRow, 'pages' | 'bytes'> | null, now: Date, centres: CentreDirectory): Dossier {
  const receivedAtCentre = centreRefOf(centres, r.centre_id ?? centres.here.id);
  return {
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    departmentId: r.department_id,
    serviceId: r.service_id,
    status: r.status,
    applicant: { fullName: r.applicant_name, idNumber: r.applicant_id_number, dateOfBirth: r.applicant_dob, address: r.applicant_address, phone: r.applicant_phone },
    documents: documents.map((d) => ({ name: d.name, copies: d.copies, original: d.original === 1 })),
    fee: r.fee,
    feePaid: r.fee_paid,
    ticketId: r.ticket_id,
    receivedAt: r.received_at,
    receivedBy: r.received_by,
    receivedAtCentre,
    collectAtCentre: r.collect_centre_id === null ? receivedAtCentre : centreRefOf(centres, r.collect_centre_id),
    dueAt: r.due_at,
    dueLocal: r.due_local,
    overdue: isOverdue(r.status, new Date(r.due_at), now),
    missing: JSON.parse(r.missing_json) as string[],
    updatedAt: r.updated_at,
    pdf: file ? { pages: file.pages, bytes: file.bytes } : null,
  };
}
