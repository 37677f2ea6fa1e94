import type { Database } from 'better-sqlite3';
import type { DueDateCalendar } from '../../core/calendar/due-date-calendar';
import { formatLocalDateTime, parseLocalDate, parseLocalDateTime, vietnamInstant, vietnamWallTime } from '../../core/calendar/local-time';
import { PROVINCE_CODES } from '../../core/cccd/cccd-number';
import type { EnrolledDeviceDefinition } from '../../core/centre';
import type { Department, Procedure } from '../../core/dossiers/catalogue';
import type { Dossier, DossierEvent, DossierHistoryEntry } from '../../core/dossiers/dossier';
import { dossierDay, initialsOf, makeDossierCode, MAX_DOSSIERS_PER_DAY, normaliseDossierCode } from '../../core/dossiers/dossier-code';
import { ACTION_ROLE, dossierActionVi, dossierStatusVi, dossierTransition } from '../../core/dossiers/dossier-state';
import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import type { CommandContext } from '../commands/command-runner';
import { DossierRepository } from './dossier-repository';

export interface DossierServiceOptions {
  readonly db: Database;
  readonly codePrefix: string;
  readonly departments: readonly Department[];
  readonly procedures: readonly Procedure[];
  /** Enrolled devices: a backoffice device's department comes from its config entry. */
  readonly devices: readonly EnrolledDeviceDefinition[];
  readonly calendar: DueDateCalendar;
  /** The clerk signed in at a counter, for the control sheet's "who". */
  readonly clerkAt: (counterId: string) => { id: string; name: string } | null;
  /** To the back office of one department (after the commit). */
  readonly publish: (departmentId: string, event: DossierEvent) => void;
}

/** Receiving, moving on and looking up dossiers. Handlers run inside the command's transaction. */
export class DossierService {
  private readonly repo: DossierRepository;
  private readonly departmentOfDevice: ReadonlyMap<string, string>;

  constructor(private readonly options: DossierServiceOptions) {
    this.repo = new DossierRepository(options.db);
    this.departmentOfDevice = new Map(options.devices.flatMap((d) => (d.departmentId ? [[d.id, d.departmentId] as const] : [])));
  }

  /** The department a (backoffice) device works for, or null. */
  departmentOf(deviceId: string): string | null {
    return this.departmentOfDevice.get(deviceId) ?? null;
  }

  receive(ctx: CommandContext, input: CommandInput<'dossier:receive'>): CommandOutput<'dossier:receive'> {
    const code = input.procedureCode.trim().toUpperCase();
    const procedure = this.options.procedures.find((p) => p.code === code);
    if (!procedure) ctx.fail('not-found', `Không có thủ tục mã "${input.procedureCode}" trong danh mục của trung tâm.`);
    const a = input.applicant;
    if (!PROVINCE_CODES.has(a.idNumber.slice(0, 3))) {
      ctx.fail('invalid-input', `Số CCCD ${a.idNumber} không hợp lệ: 3 chữ số đầu (${a.idNumber.slice(0, 3)}) không phải mã tỉnh nơi đăng ký khai sinh.`);
    }
    if (a.dateOfBirth !== undefined && !parseLocalDate(a.dateOfBirth).ok) ctx.fail('invalid-input', `Ngày sinh "${a.dateOfBirth}" không phải một ngày có thật.`);
    const seen = new Set<string>();
    const documents = input.documents.map((d) => {
      const required = procedure.documents.find((r) => r.name === d.name);
      if (!required) ctx.fail('invalid-input', `"${d.name}" không thuộc thành phần hồ sơ của thủ tục ${procedure.name}.`);
      if (seen.has(d.name)) ctx.fail('invalid-input', `"${d.name}" được ghi hai lần.`);
      seen.add(d.name);
      return { name: d.name, copies: d.copies, original: required.original };
    });
    if (input.ticketId !== undefined && !this.repo.ticketExists(input.ticketId)) ctx.fail('not-found', `Không có vé số #${input.ticketId}.`);

    const wall = vietnamWallTime(ctx.now);
    const day = dossierDay(wall);
    const seq = this.repo.lastSequence(day) + 1;
    if (seq > MAX_DOSSIERS_PER_DAY) ctx.fail('exhausted', `Đã hết số hồ sơ của ngày (tối đa ${MAX_DOSSIERS_PER_DAY}).`);
    const due = this.options.calendar.dueDate(wall, procedure.processing);
    if (!due.ok) ctx.fail('internal', `Không tính được ngày hẹn trả: ${due.error.message}`);
    const dossierCode = makeDossierCode(this.options.codePrefix, wall, seq);
    const at = ctx.now.toISOString();
    this.repo.insert({
      code: dossierCode,
      day,
      seq,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      departmentId: procedure.departmentId,
      serviceId: procedure.serviceId,
      applicant: { fullName: a.fullName, idNumber: a.idNumber, dateOfBirth: a.dateOfBirth ?? null, address: a.address ?? null, phone: a.phone ?? null },
      documents,
      fee: procedure.fee,
      feePaid: input.feePaid,
      ticketId: input.ticketId ?? null,
      receivedAt: at,
      receivedBy: ctx.device.id,
      dueAt: vietnamInstant(due.value).toISOString(),
      dueLocal: formatLocalDateTime(due.value),
    });
    this.repo.record(dossierCode, { at, action: 'receive', fromStatus: null, toStatus: 'received', ...this.actor(ctx), note: null, newDueAt: null });
    return this.answer(ctx, dossierCode, 'receive');
  }

  act(ctx: CommandContext, input: CommandInput<'dossier:act'>): CommandOutput<'dossier:act'> {
    const current = this.find(ctx, input.code);
    const role = ACTION_ROLE[input.action];
    if (ctx.device.role !== role) {
      ctx.fail('forbidden', `Thao tác "${dossierActionVi(input.action)}" do ${role === 'counter' ? 'quầy tiếp nhận và trả kết quả' : 'bộ phận xử lý của phòng chuyên môn'} thực hiện.`);
    }
    if (role === 'backoffice') this.mustBeOwnDepartment(ctx, current);
    const next = dossierTransition(current.status, input.action);
    if (!next.ok) ctx.fail(next.error.kind, `Hồ sơ ${current.code}: ${next.error.message}`);
    let dueAt = current.dueAt;
    let dueLocal = current.dueLocal;
    let newDueAt: string | null = null;
    if (input.action === 'delay') {
      const parsed = parseLocalDateTime(input.newDueDate ?? '');
      if (!parsed.ok) ctx.fail('invalid-input', `Ngày hẹn mới "${input.newDueDate ?? ''}" không hợp lệ.`);
      const instant = vietnamInstant(parsed.value);
      if (instant.getTime() <= Math.max(new Date(current.dueAt).getTime(), ctx.now.getTime())) {
        ctx.fail('invalid-input', `Ngày hẹn mới phải sau ngày hẹn hiện tại (${current.dueLocal.replace('T', ' ')}) và sau thời điểm hiện tại.`);
      }
      dueAt = instant.toISOString();
      dueLocal = formatLocalDateTime(parsed.value);
      newDueAt = dueAt;
    }
    const missing = input.action === 'supplement' ? (input.missing ?? [input.note ?? '']) : input.action === 'processing' ? [] : current.missing;
    const at = ctx.now.toISOString();
    this.repo.update(current.code, { status: next.value, dueAt, dueLocal, missing, at });
    this.repo.record(current.code, { at, action: input.action, fromStatus: current.status, toStatus: next.value, ...this.actor(ctx), note: input.note ?? null, newDueAt });
    return this.answer(ctx, current.code, input.action);
  }

  /** For the kiosk: nothing about the applicant beyond the initials the receipt carries. */
  lookup(ctx: CommandContext, input: CommandInput<'dossier:lookup'>): CommandOutput<'dossier:lookup'> {
    const d = this.find(ctx, input.code);
    return {
      dossier: {
        code: d.code,
        procedureName: d.procedureName,
        status: d.status,
        statusName: dossierStatusVi(d.status),
        dueLocal: d.dueLocal,
        overdue: d.overdue,
        missing: d.status === 'supplement-requested' ? d.missing : [],
        applicantInitials: initialsOf(d.applicant.fullName),
      },
    };
  }

  list(ctx: CommandContext, input: CommandInput<'dossier:list'>): CommandOutput<'dossier:list'> {
    const departmentId = this.departmentOf(ctx.device.id);
    if (!departmentId) ctx.fail('forbidden', `Thiết bị "${ctx.device.id}" chưa được gán cho phòng chuyên môn nào (devices[].departmentId).`);
    return { departmentId, dossiers: this.repo.ofDepartment(departmentId, input.status, ctx.now) };
  }

  private answer(ctx: CommandContext, code: string, action: DossierEvent['action']): { dossier: Dossier; history: DossierHistoryEntry[] } {
    const dossier = this.repo.byCode(code, ctx.now)!;
    const event: DossierEvent = { kind: action === 'receive' ? 'received' : 'changed', action, dossier };
    ctx.afterCommit(() => this.options.publish(dossier.departmentId, event));
    return { dossier, history: this.repo.history(code) };
  }

  private mustBeOwnDepartment(ctx: CommandContext, d: Dossier): void {
    const own = this.departmentOf(ctx.device.id);
    if (own !== d.departmentId) {
      const name = this.options.departments.find((x) => x.id === d.departmentId)?.name ?? d.departmentId;
      ctx.fail('forbidden', `Hồ sơ ${d.code} thuộc ${name}: thiết bị "${ctx.device.id}" không xử lý được.`);
    }
  }

  private actor(ctx: CommandContext): Pick<DossierHistoryEntry, 'deviceId' | 'role' | 'actorName'> {
    const clerk = ctx.device.counterId ? this.options.clerkAt(ctx.device.counterId) : null;
    return { deviceId: ctx.device.id, role: ctx.device.role, actorName: clerk ? clerk.name : ctx.device.name };
  }

  private find(ctx: CommandContext, code: string): Dossier {
    const normalised = normaliseDossierCode(code);
    const found = this.repo.byCode(normalised, ctx.now);
    if (!found) ctx.fail('not-found', `Không tìm thấy hồ sơ mã ${normalised}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.`);
    return found;
  }
}

/** The Socket.IO room of one department's back-office devices. */
export function departmentRoom(departmentId: string): string {
  return `department:${departmentId}`;
}
