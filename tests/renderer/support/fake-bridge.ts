import { provinceStatsInstants } from '../../../core/stats/province-stats';
import type { BridgeEventBody, BridgeEventName, BridgeName, BridgeOutput, ScannedPage, ScannerState, TerminalContext } from '../../../core/protocol/bridge';
import type { Dossier } from '../../../core/dossiers/dossier';
import { dossierCodeFromScan, initialsOf } from '../../../core/dossiers/dossier-code';
import { dossierStatusVi, dossierTransition } from '../../../core/dossiers/dossier-state';
import { checkReceipt, receivedDossier, type ReceiptRequest } from '../../../core/dossiers/receipt';
import type { QueueSnapshot } from '../../../core/queue/snapshot';
import type { Ticket } from '../../../core/queue/types';
import type { AppError } from '../../../core/result';

/** How the scripted bridge behaves; plain data, so it can cross into the page. */
export interface FakeBridgeSetup {
  readonly context: TerminalContext;
  /** How long every invoke takes, so "in flight" can be seen and double taps land inside it. */
  readonly delayMs: number;
  readonly printed: { readonly ok: true } | { readonly ok: false; readonly error: AppError };
  /** Errors to answer, per bridge name, instead of doing the work (used once each). */
  readonly failNext?: Partial<Record<BridgeName, AppError>>;
  /** Dossiers the counter can look up (counter:dossier), with their history. */
  readonly dossiers?: readonly BridgeOutput<'counter:dossier'>[];
  /** counter:receive-dossier: reached the hub (default) or kept in the counter's outbox. */
  readonly delivered?: boolean;
  /** What admin:session answers (default: the centre asks for no administrator). */
  readonly adminSession?: BridgeOutput<'admin:session'>;
  /** What admin:province-stats answers (its range from the call), or its refusal every time; none: not-found. */
  readonly province?: BridgeOutput<'admin:province-stats'> | { readonly refused: AppError };
  /** An ISO instant the page's clock is fixed at (Playwright's clock), for screens that read the hour. */
  readonly clockAt?: string;
}

export interface FakeCall {
  readonly name: string;
  readonly input: unknown;
}

/** What the test can reach in the page as `window.__fake`. */
export interface FakeControl {
  readonly calls: FakeCall[];
  push(context: TerminalContext): void;
  /** Sends a bridge event (a scan, a dossier notice) with the next number, as the agent does. */
  emit<E extends BridgeEventName>(name: E, body: BridgeEventBody<E>): void;
  context(): TerminalContext;
  failNext(name: BridgeName, error: AppError): void;
  /** The next call of `name` waits (as one the agent keeps re-sending to the hub) until release(name). */
  hold(name: BridgeName): void;
  release(name: BridgeName): void;
}

/**
 * Runs IN THE PAGE (bundled with what it imports by page-fakes.ts, added as an init script):
 * exposes `window.motcua` the way the Electron preload does, over a small simulated queue, and
 * `window.__fake` for the test. Domain rules come from core/, never copied here.
 */
export function installFakeBridge(setup: FakeBridgeSetup): void {
  let context = setup.context;
  const listeners = new Set<(c: TerminalContext) => void>();
  const eventListeners = new Set<{ readonly name: string; readonly listener: (payload: unknown) => void }>();
  let eventSeq = 0;
  const calls: FakeCall[] = [];
  const failures: Partial<Record<string, AppError>> = { ...setup.failNext };
  const holds: Partial<Record<string, Promise<void>>> = {};
  const releases: Partial<Record<string, () => void>> = {};
  let nextId = 500;
  let nextDossier = 1;
  let nextPage = 1;
  type Found = { dossier: Dossier; history: BridgeOutput<'counter:dossier'>['history'] };
  const received: Found[] = [];
  const known: Found[] = JSON.parse(JSON.stringify(setup.dossiers ?? [])) as Found[];
  const dossierByCode = (code: string): Found | undefined => [...known, ...received].find((f) => f.dossier.code === code.trim().toUpperCase());

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const push = (next: TerminalContext): void => {
    context = clone(next);
    for (const listener of listeners) listener(clone(context));
  };
  const snap = (): QueueSnapshot => {
    if (context.snapshot === null) throw new Error('fake bridge: no snapshot');
    return context.snapshot;
  };
  const withSnapshot = (change: (s: QueueSnapshot) => QueueSnapshot): void =>
    push({ ...context, snapshot: change(clone(snap())) });
  const nowIso = (): string => new Date().toISOString();
  /** The number the n-th waiting ticket of a service has: tickets 1..3 of each block were called before. */
  const numberOf = (serviceId: string, position: number): number => {
    const service = context.services.find((s) => s.id === serviceId);
    return (service?.numberFrom ?? 1) + 3 + position;
  };
  const counterTicket = (ticketId: number): Ticket | null => {
    const counterId = context.device?.counterId ?? '';
    const t = snap().counters[counterId] ?? null;
    return t !== null && t.id === ticketId ? t : null;
  };
  const update = (t: Ticket): void =>
    withSnapshot((s) => ({
      ...s,
      seq: s.seq + 1,
      counters: t.counterId === null ? s.counters : { ...s.counters, [t.counterId]: t },
      recentCalls: s.recentCalls.map((r) => (r.id === t.id ? t : r)),
    }));
  const called = new Map<string, number>();
  /** A scanned page: a small drawn sheet with its number, so thumbnails can be told apart in screenshots. */
  const page = (): ScannedPage => {
    const n = nextPage++;
    const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='210' height='297'><rect width='210' height='297' fill='white' stroke='gray'/><text x='105' y='160' font-size='72' text-anchor='middle' fill='navy'>${n}</text></svg>`;
    return { id: `page-${n}`, previewUrl: `data:image/svg+xml,${encodeURIComponent(svg)}`, dpi: 300, kind: 'png' };
  };
  const setScanner = (state: ScannerState): ScannerState => {
    push({ ...context, scanner: state });
    return state;
  };
  const withPages = (change: (pages: ScannedPage[]) => ScannedPage[]) => {
    if (context.scanner === null) return { ok: false, error: { kind: 'not-found', message: 'Quầy này không có máy quét.' } };
    return { ok: true, value: setScanner({ state: 'idle', progress: null, message: null, pages: change([...context.scanner.pages]) }) };
  };
  const setPaused = (paused: boolean, reason: string | null) => {
    const counterId = context.device?.counterId ?? '';
    const state = { paused, pausedReason: reason, clerk: snap().counterStates[counterId]?.clerk ?? null };
    withSnapshot((s) => ({ ...s, seq: s.seq + 1, counterStates: { ...s.counterStates, [counterId]: state } }));
    return { ok: true, value: { state } };
  };

  const emitEvent = (name: string, body: object): void => {
    eventSeq += 1;
    const payload = { ...clone(body), seq: eventSeq };
    for (const s of [...eventListeners]) if (s.name === name) s.listener(payload);
  };

  const backoffice = (name: BridgeName, input: Record<string, unknown>): unknown => {
    const fake = (window as unknown as { __backofficeFake?: { invoke(n: string, i: Record<string, unknown>, host: unknown): unknown } }).__backofficeFake;
    if (fake === undefined) return { ok: false, error: { kind: 'internal', message: 'No back-office fake in this test.' } };
    return fake.invoke(name, input, { context: () => clone(context), push, emit: emitEvent });
  };
  const handlers: Record<BridgeName, (input: Record<string, unknown>) => unknown> = {
    'context:get': () => ({ ok: true, value: clone(context) }),
    'kiosk:take-ticket': (input) => {
      const serviceId = String(input.serviceId);
      const service = context.services.find((s) => s.id === serviceId);
      if (service === undefined) return { ok: false, error: { kind: 'not-found', message: `Không có dịch vụ ${serviceId}.` } };
      // The hub is away: a kiosk with leased numbers of this service issues from them (kiosk-desk.ts).
      const left = context.kiosk?.numbersLeft[serviceId] ?? 0;
      if (!context.hubConnected && context.kiosk) {
        if (left === 0) return { ok: false, error: { kind: 'hub-unreachable', message: 'Máy chủ của trung tâm đang mất kết nối và kiosk không còn số dự phòng cho dịch vụ này.' } };
        const number = numberOf(serviceId, 40 - left);
        push({ ...context, kiosk: { ...context.kiosk, pending: context.kiosk.pending + 1, numbersLeft: { ...context.kiosk.numbersLeft, [serviceId]: left - 1 } } });
        const offline: Ticket = { id: 0, serviceId, number, day: snap().day, state: 'waiting', issuedAt: nowIso(), calledAt: null, startedAt: null, finishedAt: null, counterId: null, issuedBy: context.device?.id ?? 'kiosk', priority: 'normal', recalls: 0, assignedCounterId: null, clerkId: null, firstCalledAt: null };
        return { ok: true, value: { ticket: offline, serviceName: service.name, waitingAhead: null, estimatedWaitMinutes: null, printed: setup.printed, outcome: setup.printed.ok ? 'printed' : 'kept', offline: true } };
      }
      const ahead = snap().waiting[serviceId] ?? 0;
      const t: Ticket = {
        id: nextId++,
        serviceId,
        number: numberOf(serviceId, (called.get(serviceId) ?? 0) + ahead),
        day: snap().day,
        state: 'waiting',
        issuedAt: nowIso(),
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        counterId: null,
        issuedBy: context.device?.id ?? 'kiosk',
        priority: 'normal',
        recalls: 0,
        assignedCounterId: null,
        clerkId: null,
        firstCalledAt: null,
      };
      withSnapshot((s) => ({ ...s, seq: s.seq + 1, waiting: { ...s.waiting, [serviceId]: ahead + 1 } }));
      return { ok: true, value: { ticket: t, serviceName: service.name, waitingAhead: ahead, estimatedWaitMinutes: ahead === 0 ? 0 : ahead * 6, printed: setup.printed, outcome: setup.printed.ok ? 'printed' : 'kept' } };
    },
    'counter:call-next': () => {
      const counter = context.counters.find((c) => c.id === context.device?.counterId);
      if (counter === undefined) return { ok: false, error: { kind: 'forbidden', message: 'Máy này không gắn với quầy nào.' } };
      const serviceId = counter.serviceIds.find((id) => (snap().waiting[id] ?? 0) > 0);
      if (serviceId === undefined) return { ok: false, error: { kind: 'not-found', message: 'Không còn ai đang chờ.' } };
      const position = called.get(serviceId) ?? 0;
      called.set(serviceId, position + 1);
      const t: Ticket = {
        id: nextId++,
        serviceId,
        number: numberOf(serviceId, position),
        day: snap().day,
        state: 'called',
        issuedAt: nowIso(),
        calledAt: nowIso(),
        startedAt: null,
        finishedAt: null,
        counterId: counter.id,
        issuedBy: 'kiosk-1',
        priority: 'normal',
        recalls: 0,
        assignedCounterId: null,
        clerkId: null,
        firstCalledAt: nowIso(),
      };
      withSnapshot((s) => ({
        ...s,
        seq: s.seq + 1,
        waiting: { ...s.waiting, [serviceId]: Math.max(0, (s.waiting[serviceId] ?? 0) - 1) },
        counters: { ...s.counters, [counter.id]: t },
        recentCalls: [t, ...s.recentCalls].slice(0, 10),
      }));
      return { ok: true, value: { ticket: t } };
    },
    'counter:start': (input) => {
      const t = counterTicket(Number(input.ticketId));
      if (t === null || t.state !== 'called') return { ok: false, error: { kind: 'conflict', message: 'Vé không ở trạng thái đã gọi.' } };
      const next: Ticket = { ...t, state: 'serving', startedAt: nowIso() };
      update(next);
      return { ok: true, value: { ticket: next } };
    },
    'counter:complete': (input) => {
      const t = counterTicket(Number(input.ticketId));
      if (t === null || t.state !== 'serving') return { ok: false, error: { kind: 'conflict', message: 'Vé không ở trạng thái đang phục vụ.' } };
      const next: Ticket = { ...t, state: 'done', finishedAt: nowIso() };
      update(next);
      return { ok: true, value: { ticket: next } };
    },
    'counter:no-show': (input) => {
      const t = counterTicket(Number(input.ticketId));
      if (t === null || t.state !== 'called') return { ok: false, error: { kind: 'conflict', message: 'Vé không ở trạng thái đã gọi.' } };
      const next: Ticket = { ...t, state: 'no-show', finishedAt: nowIso() };
      update(next);
      return { ok: true, value: { ticket: next } };
    },
    'counter:recall': (input) => {
      const t = counterTicket(Number(input.ticketId));
      if (t === null || t.state !== 'called') return { ok: false, error: { kind: 'conflict', message: 'Vé không ở trạng thái đã gọi.' } };
      const next: Ticket = { ...t, recalls: t.recalls + 1, calledAt: nowIso() };
      update(next);
      return { ok: true, value: { ticket: next } };
    },
    'counter:transfer': (input) => {
      const t = counterTicket(Number(input.ticketId));
      if (t === null) return { ok: false, error: { kind: 'conflict', message: 'Vé không ở quầy này.' } };
      const next: Ticket = {
        ...t,
        state: 'waiting',
        counterId: null,
        calledAt: null,
        serviceId: typeof input.toServiceId === 'string' ? input.toServiceId : t.serviceId,
        assignedCounterId: typeof input.toCounterId === 'string' ? input.toCounterId : null,
      };
      const counterId = context.device?.counterId ?? '';
      withSnapshot((s) => ({ ...s, seq: s.seq + 1, counters: { ...s.counters, [counterId]: null }, recentCalls: s.recentCalls.filter((r) => r.id !== t.id) }));
      return { ok: true, value: { ticket: next } };
    },
    'counter:sign-in': () => ({ ok: false, error: { kind: 'unauthorized', message: 'Not in the screen tests.' } }),
    'counter:sign-out': () => ({ ok: false, error: { kind: 'unauthorized', message: 'Not in the screen tests.' } }),
    'counter:pause': (input) => setPaused(true, String(input.reason)),
    'counter:resume': () => setPaused(false, null),
    // Appointments are exercised against the real hub (tests/hub/appointments.test.ts, tests/e2e/appointments.test.ts).
    'kiosk:check-in': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:appointment-slots': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:appointments': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:book-appointment': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:cancel-appointment': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:pairing-code': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:revoke-device': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:device-credentials': () => ({ ok: true, value: { devices: [] } }),
    // API keys run against the real hub (tests/hub/api-keys*.test.ts, tests/e2e/admin-api-keys.test.ts).
    'admin:api-keys': () => ({ ok: true, value: { keys: [], departments: [] } }),
    'admin:create-api-key': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:rotate-api-key': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:revoke-api-key': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    // Ratings and statistics run against the real hub (tests/stats/*, tests/e2e/rating-statistics.test.ts).
    'counter:rate': (input) => {
      const counterId = context.device?.counterId ?? null;
      const comment = typeof input.comment === 'string' ? input.comment : null;
      return { ok: true, value: { rating: { ticketId: Number(input.ticketId), rating: Number(input.rating), comment, serviceId: 'ho-tich', counterId, clerkId: null, ratedAt: nowIso() } } };
    },
    // The kiosk's rating runs against the real hub (tests/hub/kiosk-rating.test.ts, tests/e2e/kiosk-rating.test.ts).
    'kiosk:rating-visit': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'kiosk:rate': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    // A centre with no administrator account: the admin screen opens without a sign-in.
    'admin:session': () => ({ ok: true, value: setup.adminSession ?? { required: false, session: null } }),
    'admin:sign-in': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:sign-out': () => ({ ok: true, value: { required: false, session: null } }),
    'admin:stats': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:stats-export': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:province-stats-export': (input) => ({ ok: true, value: { fileName: `thong-ke-toan-tinh-${String(input.from)}-den-${String(input.to)}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: btoa('PK fake workbook') } }),
    'admin:province-stats': (input) => {
      const answer = setup.province;
      if (answer === undefined) return { ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } };
      return 'refused' in answer ? { ok: false, error: answer.refused } : { ok: true, value: { ...clone(answer), ...provinceStatsInstants({ from: String(input.from), to: String(input.to) }) } };
    },
    // The delivery log runs against the real hub (tests/integrations/outbox-*.test.ts, tests/e2e/admin-deliveries.test.ts).
    'admin:deliveries': () => ({ ok: true, value: { deliveries: [], subscriptions: [], portalConfigured: false } }),
    'admin:resend-delivery': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    // What the hub's dossier:lookup answers for `setup.dossiers`: the receipt's facts and the initials only.
    'kiosk:lookup-dossier': (input) => {
      // The agent's and the hub's own rules (core/), bundled into the page: which codes a scan holds, the status names.
      const code = dossierCodeFromScan(String(input.code));
      if (code === null) return { ok: false, error: { kind: 'invalid-input', message: `“${String(input.code).trim().slice(0, 40)}” không phải mã hồ sơ. Mã in trên giấy tiếp nhận có dạng HK-261120-0007.` } };
      const d = (setup.dossiers ?? []).find((x) => x.dossier.code === code)?.dossier;
      if (d === undefined) return { ok: false, error: { kind: 'not-found', message: `Không tìm thấy hồ sơ mã ${code}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.` } };
      const missing = d.status === 'supplement-requested' ? d.missing : [];
      return { ok: true, value: { dossier: { code: d.code, procedureName: d.procedureName, status: d.status, statusName: dossierStatusVi(d.status), dueLocal: d.dueLocal, overdue: d.overdue, missing, applicantInitials: initialsOf(d.applicant.fullName), collectAtCentreName: d.collectAtCentre.name } } };
    },
    'counter:scan-pages': async (input) => {
      const scanner = context.scanner;
      if (scanner === null) return { ok: false, error: { kind: 'not-found', message: 'Quầy này không có máy quét.' } };
      const count = Number(input.pages ?? 1);
      const added: ScannedPage[] = [];
      for (let i = 0; i < count; i++) {
        setScanner({ ...scanner, state: 'scanning', progress: { page: i + 1, percent: 40 }, message: null, pages: [...scanner.pages, ...added] });
        await sleep(setup.delayMs);
        added.push(page());
      }
      return { ok: true, value: setScanner({ state: 'idle', progress: null, message: null, pages: [...scanner.pages, ...added] }) };
    },
    'counter:scan-rescan': (input) => withPages((pages) => pages.map((p) => (p.id === input.pageId ? page() : p))),
    'counter:scan-delete': (input) => withPages((pages) => pages.filter((p) => p.id !== input.pageId)),
    'counter:scan-move': (input) =>
      withPages((pages) => {
        const moving = pages.find((p) => p.id === input.pageId);
        if (moving === undefined) return pages;
        const rest = pages.filter((p) => p !== moving);
        rest.splice(Number(input.to), 0, moving);
        return rest;
      }),
    'counter:scan-clear': () => withPages(() => []),
    'counter:receive-dossier': (input) => {
      // The hub's and the counter's own receipt rule (core/dossiers/receipt.ts), bundled into the page.
      const checked = checkReceipt(context.catalogue.procedures, input as unknown as ReceiptRequest);
      if (!checked.ok) return checked;
      const code = `HK-250512-${String(nextDossier++).padStart(4, '0')}`;
      const here = context.catalogue.centre ?? { id: 'local', name: context.centre?.name ?? 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' };
      const collectAtCentre = (context.catalogue.collectCentres ?? []).find((c) => c.id === input.collectAt) ?? here;
      const dossier: Dossier = receivedDossier(code, checked.value.record, { receivedAt: nowIso(), receivedBy: 'Nguyễn Thị Lan', receivedAtCentre: here, collectAtCentre, dueAt: '2025-05-14T09:30:00.000Z', dueLocal: '2025-05-14T16:30' }, null);
      const pages = context.scanner?.pages.length ?? 0;
      if (context.scanner !== null) setScanner({ state: 'idle', progress: null, message: null, pages: [] });
      received.push({ dossier: { ...dossier, pdf: pages > 0 ? { pages, bytes: pages * 40_000 } : null }, history: [] });
      return { ok: true, value: { dossier, delivered: setup.delivered ?? true, printed: setup.printed } };
    },
    // The hub's dossier:ready: done dossiers collected at this centre (the fake is one centre: all of them, unless another is named).
    'counter:ready-dossiers': () => ({
      ok: true,
      value: {
        centre: context.catalogue.centre ?? { id: 'local', name: context.centre?.name ?? '' },
        dossiers: [...known, ...received].map((f) => f.dossier).filter((d) => d.status === 'done' && (context.catalogue.centre === undefined || d.collectAtCentre.id === context.catalogue.centre.id)),
      },
    }),
    'counter:dossier': (input) => {
      const found = dossierByCode(String(input.code));
      return found === undefined ? { ok: false, error: { kind: 'not-found', message: `Không tìm thấy hồ sơ ${String(input.code)}.` } } : { ok: true, value: found };
    },
    'counter:return-dossier': (input) => {
      const found = dossierByCode(String(input.code));
      if (found === undefined) return { ok: false, error: { kind: 'not-found', message: `Không tìm thấy hồ sơ ${String(input.code)}.` } };
      const to = dossierTransition(found.dossier.status, 'return');
      if (!to.ok) return { ok: false, error: { kind: to.error.kind, message: `Hồ sơ ${found.dossier.code}: ${to.error.message}` } };
      const at = nowIso();
      found.dossier = { ...found.dossier, status: to.value, updatedAt: at };
      found.history = [
        ...found.history,
        { at, action: 'return', fromStatus: 'done', toStatus: to.value, deviceId: context.device?.id ?? 'counter-1', role: 'counter', actorName: 'Nguyễn Thị Lan', note: null, newDueAt: null, unit: null },
      ];
      return { ok: true, value: clone(found) };
    },
    'counter:print-form': () => ({ ok: true, value: { printed: setup.printed } }),
    // The back office is scripted by tests/renderer/support/fake-backoffice.ts, an init script of its own.
    'backoffice:sign-in': (input) => backoffice('backoffice:sign-in', input),
    'backoffice:sign-out': (input) => backoffice('backoffice:sign-out', input),
    'backoffice:list': (input) => backoffice('backoffice:list', input),
    'backoffice:dossier': (input) => backoffice('backoffice:dossier', input),
    'backoffice:act': (input) => backoffice('backoffice:act', input),
    'backoffice:attach-result': (input) => backoffice('backoffice:attach-result', input),
  };

  const bridge = {
    async invoke(name: BridgeName, input: Record<string, unknown>): Promise<unknown> {
      calls.push({ name, input: clone(input) });
      if (name !== 'context:get') await sleep(setup.delayMs);
      const held = holds[name];
      if (held !== undefined) {
        delete holds[name];
        await held;
      }
      const failure = failures[name];
      if (failure !== undefined) {
        delete failures[name];
        return { ok: false, error: failure };
      }
      return handlers[name](input);
    },
    onContext(listener: (c: TerminalContext) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onEvent(name: string, listener: (payload: unknown) => void): () => void {
      const subscription = { name, listener };
      eventListeners.add(subscription);
      return () => eventListeners.delete(subscription);
    },
  };
  const control: FakeControl = {
    calls,
    push,
    emit: emitEvent,
    context: () => clone(context),
    failNext: (name, error) => {
      failures[name] = error;
    },
    hold: (name) => {
      holds[name] = new Promise<void>((resolve) => (releases[name] = resolve));
    },
    release: (name) => {
      releases[name]?.();
      delete releases[name];
    },
  };
  Object.defineProperty(window, 'motcua', { value: bridge });
  Object.defineProperty(window, '__fake', { value: control });
}
