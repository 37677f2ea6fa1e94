import type { BridgeName, TerminalContext } from '../../../core/protocol/bridge';
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
}

export interface FakeCall {
  readonly name: string;
  readonly input: unknown;
}

/** What the test can reach in the page as `window.__fake`. */
export interface FakeControl {
  readonly calls: FakeCall[];
  push(context: TerminalContext): void;
  context(): TerminalContext;
  failNext(name: BridgeName, error: AppError): void;
}

/**
 * Runs IN THE PAGE (serialised by page.addInitScript): exposes `window.motcua` the way the
 * Electron preload does, over a small simulated queue, and `window.__fake` for the test.
 * Self-contained on purpose — nothing from the module scope is visible in the page.
 */
export function installFakeBridge(setup: FakeBridgeSetup): void {
  let context = setup.context;
  const listeners = new Set<(c: TerminalContext) => void>();
  const calls: FakeCall[] = [];
  const failures: Partial<Record<string, AppError>> = { ...setup.failNext };
  let nextId = 500;

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
  const setPaused = (paused: boolean, reason: string | null) => {
    const counterId = context.device?.counterId ?? '';
    const state = { paused, pausedReason: reason, clerk: snap().counterStates[counterId]?.clerk ?? null };
    withSnapshot((s) => ({ ...s, seq: s.seq + 1, counterStates: { ...s.counterStates, [counterId]: state } }));
    return { ok: true, value: { state } };
  };

  const handlers: Record<BridgeName, (input: Record<string, unknown>) => unknown> = {
    'context:get': () => ({ ok: true, value: clone(context) }),
    'kiosk:take-ticket': (input) => {
      const serviceId = String(input.serviceId);
      const service = context.services.find((s) => s.id === serviceId);
      if (service === undefined) return { ok: false, error: { kind: 'not-found', message: `Không có dịch vụ ${serviceId}.` } };
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
    // Ratings and statistics run against the real hub (tests/stats/*, tests/e2e/rating-statistics.test.ts).
    'counter:rate': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:stats': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'admin:stats-export': () => ({ ok: false, error: { kind: 'not-found', message: 'Not in the screen tests.' } }),
    'kiosk:lookup-dossier': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'counter:scan-pages': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'counter:scan-rescan': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'counter:scan-delete': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'counter:scan-move': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'counter:scan-clear': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'counter:receive-dossier': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'counter:dossier': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'counter:return-dossier': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'counter:print-form': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'backoffice:sign-in': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'backoffice:sign-out': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'backoffice:list': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'backoffice:dossier': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
    'backoffice:act': () => ({ ok: false, error: { kind: 'internal', message: 'Not in the screen tests yet.' } }),
  };

  const bridge = {
    async invoke(name: BridgeName, input: Record<string, unknown>): Promise<unknown> {
      calls.push({ name, input: clone(input) });
      if (name !== 'context:get') await sleep(setup.delayMs);
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
  };
  const control: FakeControl = {
    calls,
    push,
    context: () => clone(context),
    failNext: (name, error) => {
      failures[name] = error;
    },
  };
  Object.defineProperty(window, 'motcua', { value: bridge });
  Object.defineProperty(window, '__fake', { value: control });
}
