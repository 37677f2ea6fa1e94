import type { Async } from '../store/async-of';
import type { Store } from '../store/store';
import type { DueDateCalendar } from '../../core/calendar/due-date-calendar';
import { formatLocalDateTime, parseLocalDateTime, vietnamInstant, vietnamWallTime } from '../../core/calendar/local-time';
import type { EnrolledDeviceDefinition } from '../../core/centre';
import type { Department, Procedure } from '../../core/dossiers/catalogue';
import type { Dossier, DossierEvent, DossierHistoryEntry, DossierPublicView, OfficerView } from '../../core/dossiers/dossier';
import { dossierDay, initialsOf, normaliseDossierCode } from '../../core/dossiers/dossier-code';
import { describeDossierCodeFormat, makeCentreDossierCode, maxDossiersPerDay, parseOwnDossierCode, type DossierCodeFormat } from '../../core/dossiers/code-format';
import { dossierCodeCandidates } from './dossier-code-lookup';
import { checkReceipt } from '../../core/dossiers/receipt';
import { canAttachResult, type DossierResult } from '../../core/dossiers/result-files';
import { ACTION_ROLE, dossierActionVi, dossierStatusVi, dossierTransition } from '../../core/dossiers/dossier-state';
import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import { apiKeyDepartmentOf, isApiKeyDevice } from '../apikeys/api-key-device';
import type { CommandContext } from '../commands/command-runner';
import type { DossierRepository } from './dossier-repository';
import type { DossierTokenRepository } from './dossier-token-repository';
import { hashPublicToken } from '../public/public-token-hash';
import { collectCentreOf, counterAccess, type CentreDirectory, counterCentresOf } from '../../core/dossiers/collection';
import type { DossierUnit } from '../../core/dossiers/dossier';

export interface DossierServiceOptions {
  readonly repo: Async<DossierRepository>;
  /** The hashes of the receipts' status-page tokens (hub/public/dossier-status-routes.ts). */
  readonly tokens: Async<DossierTokenRepository>;
  /** Transactions outside a command (a PDF upload). */
  readonly store: Store;
  /** Short or national (Circular 01/2018) codes: core/dossiers/code-format.ts. */
  readonly codeFormat: DossierCodeFormat;
  readonly departments: readonly Department[];
  readonly procedures: readonly Procedure[];
  /** Enrolled devices: a backoffice device's department comes from its config entry. */
  readonly devices: readonly EnrolledDeviceDefinition[];
  readonly calendar: DueDateCalendar;
  /** The clerk signed in at a counter, for the control sheet's "who". */
  readonly clerkAt: (counterId: string) => Promise<{ id: string; name: string } | null>;
  /** The officer signed in at a back-office device, and whether a department works with officers at all. */
  readonly officerAt: (deviceId: string) => Promise<OfficerView | null>;
  readonly officersRequired: (departmentId: string) => boolean;
  /** To the back office of the dossier's department and the counters of its centres (after the commit). */
  readonly publish: (event: DossierEvent) => void;
  /** This hub's centre and those a result may be collected at (core/dossiers/collection.ts). */
  readonly centres: CentreDirectory;
  /** Whether the bytes of a result file are held (hub/dossiers/dossier-blobs.ts). */
  readonly resultFileHeld: (code: string, sha256: string) => Promise<boolean>;
}

/** A leased code delivered late may carry a receipt time a little off the hub's clock. */
const CLOCK_SKEW_MS = 2 * 60_000;

export interface DossierFileInfo {
  readonly pages: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** Receiving, moving on and looking up dossiers. Handlers run inside the command's transaction. */
export class DossierService {
  private readonly repo: Async<DossierRepository>;
  private readonly departmentOfDevice: ReadonlyMap<string, string>;

  constructor(private readonly options: DossierServiceOptions) {
    this.repo = options.repo;
    this.departmentOfDevice = new Map(options.devices.flatMap((d) => (d.departmentId ? [[d.id, d.departmentId] as const] : [])));
  }

  /** The department a (backoffice) device works for, or null. An external system's pseudo-device carries its own (hub/apikeys). */
  /** Whether the dossier was received at this hub's centre (the HTTP file routes' counter check). */
  receivedHere(code: string): Promise<boolean> {
    return this.repo.receivedHere(code);
  }

  /** Whether this centre's counters may see the dossier (and its files): received here, or its result collected here. */
  seenByCountersHere(d: Dossier): boolean {
    return counterAccess(this.options.centres.here.id, d) !== 'none';
  }

  departmentOf(deviceId: string): string | null {
    return this.departmentOfDevice.get(deviceId) ?? apiKeyDepartmentOf(deviceId);
  }

  async receive(ctx: CommandContext, input: CommandInput<'dossier:receive'>): Promise<CommandOutput<'dossier:receive'>> {
    // The catalogue's rule, shared with the counter (which checks it before printing the receipt).
    const checked = checkReceipt(this.options.procedures, input);
    if (!checked.ok) ctx.fail(checked.error.kind, checked.error.message);
    const { procedure, record } = checked.value;
    if (input.ticketId !== undefined) {
      const place = await this.repo.ticketPlace(input.ticketId);
      if (place === null) ctx.fail('not-found', `Không có vé số #${input.ticketId}.`);
      if (place === 'elsewhere') ctx.fail('forbidden', `Vé số #${input.ticketId} thuộc hàng đợi của trung tâm khác: không gắn được với hồ sơ tiếp nhận ở đây.`);
    }
    const here = this.options.centres.here;
    const collect = collectCentreOf(this.options.centres, input.collectAt);
    if (!collect.ok) ctx.fail(collect.error.kind, collect.error.message);

    let receivedAt = ctx.now;
    let day: string;
    let seq: number;
    let dossierCode: string;
    if (input.code !== undefined) {
      // A code this counter leased and already printed on the receipt (received while the hub was away).
      const parsed = parseOwnDossierCode(this.options.codeFormat, input.code);
      if (!parsed) ctx.fail('invalid-input', `Mã hồ sơ "${input.code}" không đúng dạng ${describeDossierCodeFormat(this.options.codeFormat)} của trung tâm.`);
      dossierCode = parsed.code;
      const lease = await this.repo.leaseOf(ctx.device.id, parsed.day, parsed.sequence);
      if (!lease) ctx.fail('forbidden', `Mã hồ sơ ${dossierCode} không thuộc dải số đã cấp cho thiết bị "${ctx.device.id}" (dossier:lease-codes).`);
      if (await this.repo.byCode(dossierCode, ctx.now)) ctx.fail('conflict', `Mã hồ sơ ${dossierCode} đã được dùng cho một hồ sơ khác.`);
      if (input.receivedAt !== undefined) {
        receivedAt = new Date(input.receivedAt);
        if (receivedAt.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS) {
          ctx.fail('invalid-input', `Thời điểm tiếp nhận ${input.receivedAt} muộn hơn thời điểm hiện tại của máy chủ (${ctx.now.toISOString()}): kiểm tra đồng hồ của máy quầy.`);
        }
        if (receivedAt.getTime() < new Date(lease.leasedAt).getTime() - CLOCK_SKEW_MS) {
          ctx.fail('invalid-input', `Thời điểm tiếp nhận ${input.receivedAt} sớm hơn lúc cấp dải số (${lease.leasedAt}): kiểm tra đồng hồ của máy quầy.`);
        }
      }
      day = parsed.day;
      seq = parsed.sequence;
    } else {
      day = dossierDay(vietnamWallTime(ctx.now));
      // Past every number used or leased today: a leased number is never given out twice.
      seq = (await this.repo.lastSequence(day)) + 1;
      const max = maxDossiersPerDay(this.options.codeFormat);
      if (seq > max) ctx.fail('exhausted', `Đã hết số hồ sơ của ngày (tối đa ${max}).`);
      dossierCode = makeCentreDossierCode(this.options.codeFormat, vietnamWallTime(ctx.now), seq);
    }
    const wall = vietnamWallTime(receivedAt);
    const due = this.options.calendar.dueDate(wall, procedure.processing);
    if (!due.ok) ctx.fail('internal', `Không tính được ngày hẹn trả: ${due.error.message}`);
    const at = receivedAt.toISOString();
    const firstDueAt = vietnamInstant(due.value).toISOString();
    await this.repo.insert({
      code: dossierCode,
      day,
      seq,
      ...record,
      receivedAt: at,
      receivedBy: ctx.device.id,
      dueAt: firstDueAt,
      dueLocal: formatLocalDateTime(due.value),
      collectCentreId: collect.value.id === here.id ? null : collect.value.id,
    });
    await this.repo.record(dossierCode, { at, action: 'receive', fromStatus: null, toStatus: 'received', ...(await this.actor(ctx)), note: null, newDueAt: firstDueAt, unit: { kind: 'centre', id: here.id, name: here.name } });
    // The status link the counter printed on the receipt: its hash only; a taken hash is ignored (nobody takes over another dossier's link).
    if (input.publicToken !== undefined) await this.options.tokens.register(hashPublicToken(input.publicToken), dossierCode, at);
    return this.answer(ctx, dossierCode, 'receive');
  }

  async act(ctx: CommandContext, input: CommandInput<'dossier:act'>): Promise<CommandOutput<'dossier:act'>> {
    const current = await this.find(ctx, input.code);
    const role = ACTION_ROLE[input.action];
    if (ctx.device.role !== role) {
      ctx.fail('forbidden', `Thao tác "${dossierActionVi(input.action)}" do ${role === 'counter' ? 'quầy tiếp nhận và trả kết quả' : 'bộ phận xử lý của phòng chuyên môn'} thực hiện.`);
    }
    if (role === 'backoffice') {
      this.mustBeOwnDepartment(ctx, current);
      await this.mustHaveOfficer(ctx, current);
    } else this.mustBeCollectedHere(ctx, current);
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
    await this.repo.update(current.code, { status: next.value, dueAt, dueLocal, missing, at });
    await this.repo.record(current.code, { at, action: input.action, fromStatus: current.status, toStatus: next.value, ...(await this.actor(ctx)), note: input.note ?? null, newDueAt, unit: this.unitOf(ctx, current) });
    return this.answer(ctx, current.code, input.action);
  }

  /** One dossier with its control sheet and result files: a counter of its receiving or collecting centre, or the back office of its department. */
  async get(ctx: CommandContext, input: CommandInput<'dossier:get'>): Promise<CommandOutput<'dossier:get'>> {
    const d = await this.find(ctx, input.code);
    if (ctx.device.role === 'backoffice') this.mustBeOwnDepartment(ctx, d);
    else this.mustBeCounterOf(ctx, d);
    return { dossier: d, history: await this.repo.history(d.code), results: await this.repo.results(d.code) };
  }

  /**
   * Records a result file whose bytes were uploaded first: the dossier's own department, an
   * officer signed in where the department requires one, while processing or done
   * (core/dossiers/result-files.ts). The same bytes again answer the first record, unchanged.
   * Not a hand-off, so not a Form 05 line: the row keeps who and when.
   */
  async attachResult(ctx: CommandContext, input: CommandInput<'dossier:attach-result'>): Promise<CommandOutput<'dossier:attach-result'>> {
    const current = await this.find(ctx, input.code);
    this.mustBeOwnDepartment(ctx, current);
    await this.mustHaveOfficer(ctx, current);
    if (!(await this.repo.resultBySha256(current.code, input.sha256))) {
      const allowed = canAttachResult(current.status, (await this.repo.results(current.code)).length);
      if (!allowed.ok) ctx.fail(allowed.error.kind, `Hồ sơ ${current.code}: ${allowed.error.message}`);
      if (!(await this.options.resultFileHeld(current.code, input.sha256))) {
        ctx.fail('not-found', `Máy chủ chưa có tệp ${input.sha256.slice(0, 12)}… của hồ sơ ${current.code}: gửi tệp trước (PUT /api/dossiers/${current.code}/results).`);
      }
      const { actorName } = await this.actor(ctx);
      await this.repo.addResult(current.code, { name: input.name, pages: input.pages, bytes: input.bytes, sha256: input.sha256, attachedAt: ctx.now.toISOString(), attachedBy: actorName });
    }
    return this.answer(ctx, current.code, 'attach');
  }

  /** Reserves the next `count` numbers of today for this counter; online numbering then goes past them. */
  async leaseCodes(ctx: CommandContext, input: CommandInput<'dossier:lease-codes'>): Promise<CommandOutput<'dossier:lease-codes'>> {
    const wall = vietnamWallTime(ctx.now);
    const day = dossierDay(wall);
    const first = (await this.repo.lastSequence(day)) + 1;
    const last = first + input.count - 1;
    const max = maxDossiersPerDay(this.options.codeFormat);
    if (last > max) {
      ctx.fail('exhausted', `Không còn đủ ${input.count} số hồ sơ trong ngày: còn ${Math.max(0, max - first + 1)} (tối đa ${max} một ngày).`);
    }
    const leasedAt = ctx.now.toISOString();
    await this.repo.lease(ctx.device.id, day, first, last, leasedAt);
    const codes = Array.from({ length: input.count }, (_, i) => makeCentreDossierCode(this.options.codeFormat, wall, first + i));
    return { day, codes, leasedAt };
  }

  /** The dossier a code names (normalised; national or short form), or null: for the PDF routes, outside any command. */
  async byCode(code: string, now: Date): Promise<Dossier | null> {
    for (const candidate of dossierCodeCandidates(this.options.codeFormat, code)) {
      const found = await this.repo.byCode(candidate, now);
      if (found) return found;
    }
    return null;
  }

  /** What is recorded of a dossier's PDF (with its checksum), or null. */
  fileOf(code: string): Promise<DossierFileInfo | null> {
    return this.repo.file(code);
  }

  /** A dossier's result files, outside any command (the download routes). */
  resultsOf(code: string): Promise<DossierResult[]> {
    return this.repo.results(code);
  }

  /** Records an uploaded PDF (already written to disk) and tells the back office and the counters. */
  async attachPdf(code: string, file: DossierFileInfo, deviceId: string, now: Date): Promise<Dossier> {
    const dossier = await this.options.store.transaction(async () => {
      await this.repo.saveFile(code, { ...file, uploadedAt: now.toISOString(), uploadedBy: deviceId });
      return (await this.repo.byCode(code, now))!;
    });
    this.options.publish({ kind: 'changed', action: 'attach', dossier });
    return dossier;
  }

  /** For the kiosk: nothing about the applicant beyond the initials the receipt carries. */
  async lookup(ctx: CommandContext, input: CommandInput<'dossier:lookup'>): Promise<CommandOutput<'dossier:lookup'>> {
    if (input.token !== undefined) {
      // The receipt's QR when the centre has a public address: found by the token's hash, as the status page finds it.
      const code = await this.options.tokens.codeOf(hashPublicToken(input.token));
      if (code === null) ctx.fail('not-found', 'Không tìm thấy hồ sơ ứng với mã QR này. Vui lòng nhập mã hồ sơ in trên giấy tiếp nhận.');
      return { dossier: publicViewOf(await this.find(ctx, code)) };
    }
    if (input.code === undefined) ctx.fail('invalid-input', 'Cần mã hồ sơ (in trên giấy tiếp nhận) hoặc mã QR của giấy tiếp nhận.');
    return { dossier: publicViewOf(await this.find(ctx, input.code)) };
  }

  /** The receipt's status page (GET /hs/:token): what the kiosk lookup shows, found by the token's hash only; null when none matches. */
  async publicByToken(token: string, now: Date): Promise<DossierPublicView | null> {
    const code = await this.options.tokens.codeOf(hashPublicToken(token));
    return code === null ? null : this.publicByCode(code, now);
  }

  /** The same view by code, for the status page's live stream once its token was checked. */
  async publicByCode(code: string, now: Date): Promise<DossierPublicView | null> {
    const d = await this.repo.byCode(code, now);
    return d ? publicViewOf(d) : null;
  }

  async list(ctx: CommandContext, input: CommandInput<'dossier:list'>): Promise<CommandOutput<'dossier:list'>> {
    const departmentId = this.departmentOf(ctx.device.id);
    if (!departmentId) ctx.fail('forbidden', `Thiết bị "${ctx.device.id}" chưa được gán cho phòng chuyên môn nào (devices[].departmentId).`);
    return { departmentId, dossiers: await this.repo.ofDepartment(departmentId, input.status, ctx.now) };
  }

  /** The counter's "Kết quả chờ trả": done dossiers collected at this centre, wherever received, oldest first. */
  async ready(ctx: CommandContext): Promise<CommandOutput<'dossier:ready'>> {
    const here = this.options.centres.here;
    return { centre: here, dossiers: await this.repo.readyAt(here.id, ctx.now) };
  }

  private async answer(ctx: CommandContext, code: string, action: DossierEvent['action']): Promise<{ dossier: Dossier; history: DossierHistoryEntry[]; results: DossierResult[] }> {
    const dossier = (await this.repo.byCode(code, ctx.now))!;
    const event: DossierEvent = { kind: action === 'receive' ? 'received' : 'changed', action, dossier };
    ctx.afterCommit(() => this.options.publish(event));
    return { dossier, history: await this.repo.history(code), results: await this.repo.results(code) };
  }

  /** An external system names its own user (recorded as the actor); no officer signs in at it. */
  private async mustHaveOfficer(ctx: CommandContext, d: Dossier): Promise<void> {
    if (this.options.officersRequired(d.departmentId) && !isApiKeyDevice(ctx.device.id) && !(await this.options.officerAt(ctx.device.id))) {
      ctx.fail('forbidden', `Cán bộ chưa đăng nhập: hãy đăng nhập (chọn tên, nhập mã PIN) trước khi xử lý hồ sơ ${d.code}.`);
    }
  }

  /**
   * A counter sees the dossiers its centre received or hands back: codes are province-wide (one
   * PostgreSQL for many centres), so a code another centre printed is found, and refused here
   * unless the citizen collects its result at this centre (core/dossiers/collection.ts).
   */
  private mustBeCounterOf(ctx: CommandContext, d: Dossier): void {
    if (counterAccess(this.options.centres.here.id, d) === 'none') {
      ctx.fail('forbidden', `Hồ sơ ${d.code} được tiếp nhận ở trung tâm khác (${d.receivedAtCentre.name}; nơi trả kết quả: ${d.collectAtCentre.name}): quầy "${ctx.device.id}" không xem, không xử lý được.`);
    }
  }

  /** The result is handed back where the citizen chose to collect it; the receiving centre (when another) only views. */
  private mustBeCollectedHere(ctx: CommandContext, d: Dossier): void {
    this.mustBeCounterOf(ctx, d);
    if (counterAccess(this.options.centres.here.id, d) !== 'return') {
      ctx.fail('forbidden', `Hồ sơ ${d.code} trả kết quả ở ${d.collectAtCentre.name} (công dân đã chọn khi nộp): quầy "${ctx.device.id}" chỉ xem được.`);
    }
  }

  /** The unit a Form 05 line names: the counter's centre (here), or the agency the back office acts for. */
  private unitOf(ctx: CommandContext, d: Dossier): DossierUnit {
    if (ctx.device.role === 'counter') return { kind: 'centre', id: this.options.centres.here.id, name: this.options.centres.here.name };
    const id = this.departmentOf(ctx.device.id) ?? d.departmentId;
    return { kind: 'agency', id, name: this.options.departments.find((x) => x.id === id)?.name ?? id };
  }

  private mustBeOwnDepartment(ctx: CommandContext, d: Dossier): void {
    const own = this.departmentOf(ctx.device.id);
    if (own !== d.departmentId) {
      const name = this.options.departments.find((x) => x.id === d.departmentId)?.name ?? d.departmentId;
      ctx.fail('forbidden', `Hồ sơ ${d.code} thuộc ${name}: thiết bị "${ctx.device.id}" không xử lý được.`);
    }
  }

  private async actor(ctx: CommandContext): Promise<Pick<DossierHistoryEntry, 'deviceId' | 'role' | 'actorName'>> {
    if (ctx.device.role === 'backoffice') {
      const officer = await this.options.officerAt(ctx.device.id);
      return { deviceId: ctx.device.id, role: ctx.device.role, actorName: officer ? officer.name : ctx.device.name };
    }
    const clerk = ctx.device.counterId ? await this.options.clerkAt(ctx.device.counterId) : null;
    return { deviceId: ctx.device.id, role: ctx.device.role, actorName: clerk ? clerk.name : ctx.device.name };
  }

  private async find(ctx: CommandContext, code: string): Promise<Dossier> {
    const normalised = normaliseDossierCode(code);
    const found = await this.byCode(normalised, ctx.now);
    if (!found) ctx.fail('not-found', `Không tìm thấy hồ sơ mã ${normalised}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.`);
    return found;
  }
}

/**
 * The Socket.IO room of one centre's counters: they hear of every dossier their centre receives
 * (and of the departments' answers to it). Per centre: hub processes of several centres share
 * live events through the PostgreSQL adapter, and no centre hears another's counters' traffic.
 */
export function countersRoom(centreId: string): string {
  return `counters:${centreId}`;
}

/**
 * The rooms of centre `centreId`'s hub that hear a dossier event: the competent agency's back
 * office (connected at any centre), and this centre's counters when it received the dossier or
 * is where its ready result is collected (core/dossiers/collection.ts). Each centre's hub emits to
 * its own: the centre that ran the command directly, the others through the province relay.
 */
export function dossierRoomsAt(centreId: string, event: DossierEvent): string[] {
  const rooms = [departmentRoom(event.dossier.departmentId)];
  if (counterCentresOf(event.dossier).includes(centreId)) rooms.push(countersRoom(centreId));
  return rooms;
}

/** The Socket.IO room of every device of one centre: its queue's events and snapshots. */
export function centreRoom(centreId: string): string {
  return `centre:${centreId}`;
}

/** What a citizen may see of a dossier (kiosk lookup, status page): nothing about the applicant beyond the receipt's initials, no CCCD. */
export function publicViewOf(d: Dossier): DossierPublicView {
  return {
    code: d.code,
    procedureName: d.procedureName,
    status: d.status,
    statusName: dossierStatusVi(d.status),
    dueLocal: d.dueLocal,
    overdue: d.overdue,
    missing: d.status === 'supplement-requested' ? d.missing : [],
    applicantInitials: initialsOf(d.applicant.fullName),
    collectAtCentreName: d.collectAtCentre.name,
  };
}


/** The Socket.IO room of one device's sockets (for a fresh hello after its officer changed). */
export function deviceRoom(deviceId: string): string {
  return `device:${deviceId}`;
}

/** The Socket.IO room of one department's back-office devices. */
export function departmentRoom(departmentId: string): string {
  return `department:${departmentId}`;
}
