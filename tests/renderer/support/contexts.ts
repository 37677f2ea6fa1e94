import type { DeviceInfo } from '../../../core/devices';
import type { TerminalContext } from '../../../core/protocol/bridge';
import type { QueueSnapshot } from '../../../core/queue/snapshot';
import type { Ticket, TicketState } from '../../../core/queue/types';
import { DEMO_CENTRE_FILE, loadCentreConfig } from '../../../kiosk-config/load';

const loaded = loadCentreConfig(DEMO_CENTRE_FILE);
if (!loaded.ok) throw new Error(loaded.error.message);
export const demo = loaded.value;

export const DAY = '2025-05-12';

function device(id: string): DeviceInfo {
  const d = demo.devices.find((x) => x.id === id);
  if (d === undefined) throw new Error(`no demo device ${id}`);
  const printer = demo.printers.find((p) => p.id === (d as { printerId?: string }).printerId) ?? null;
  return { id: d.id, role: d.role, name: d.name, counterId: (d as { counterId?: string }).counterId ?? null, printer };
}

/** A ticket of the demo day; times are that day in Vietnam (UTC+7). */
export function ticket(id: number, serviceId: string, number: number, state: TicketState, counterId: string | null, calledAt: string | null): Ticket {
  return {
    id,
    serviceId,
    number,
    day: DAY,
    state,
    issuedAt: `${DAY}T07:30:00+07:00`,
    calledAt: calledAt === null ? null : `${DAY}T${calledAt}:00+07:00`,
    startedAt: state === 'serving' || state === 'done' ? `${DAY}T08:50:00+07:00` : null,
    finishedAt: state === 'done' || state === 'no-show' ? `${DAY}T09:00:00+07:00` : null,
    counterId,
    issuedBy: 'kiosk-1',
    priority: 'normal',
    recalls: 0,
    assignedCounterId: null,
    clerkId: null,
    firstCalledAt: calledAt === null ? null : `${DAY}T${calledAt}:00+07:00`,
  };
}

export function snapshot(over: Partial<QueueSnapshot> = {}): QueueSnapshot {
  return {
    seq: 10,
    day: DAY,
    waiting: { 'ho-tich': 3, 'dat-dai': 2, 'dang-ky-kinh-doanh': 0, 'xay-dung': 5, 'chung-thuc': 1 },
    counters: { 'quay-1': null, 'quay-2': null, 'quay-3': null },
    counterStates: Object.fromEntries(['quay-1', 'quay-2', 'quay-3'].map((c) => [c, { paused: false, pausedReason: null, clerk: null }])),
    recentCalls: [],
    ...over,
  };
}

export function contextFor(deviceId: string, over: Partial<TerminalContext> = {}): TerminalContext {
  const info = device(deviceId);
  return {
    device: info,
    centre: demo.centre,
    services: demo.services,
    counters: demo.counters,
    rules: demo.queue,
    clerks: [],
    snapshot: snapshot(),
    hubConnected: true,
    hubProblem: null,
    printer: info.printer === null ? null : { id: info.printer.id, health: 'ok', detail: 'In vé thành công' },
    devices: null,
    catalogue: { departments: demo.departments, procedures: demo.procedures },
    officers: [],
    officer: null,
    dossierFeed: [],
    scanner: null,
    outbox: null,
    sending: null,
    ...over,
  };
}

/** A busy morning for the waiting-room display: two counters at work, calls in the list. */
export function busyFloor(): QueueSnapshot {
  const t1003 = ticket(13, 'ho-tich', 1003, 'serving', 'quay-1', '08:41');
  const t2005 = ticket(25, 'dat-dai', 2005, 'called', 'quay-2', '08:47');
  const t3002 = ticket(32, 'dang-ky-kinh-doanh', 3002, 'done', 'quay-3', '08:35');
  return snapshot({
    seq: 42,
    counters: { 'quay-1': t1003, 'quay-2': t2005, 'quay-3': t3002 },
    recentCalls: [
      t2005,
      t1003,
      t3002,
      ticket(12, 'ho-tich', 1002, 'no-show', 'quay-1', '08:30'),
      ticket(24, 'dat-dai', 2004, 'done', 'quay-2', '08:22'),
      ticket(11, 'ho-tich', 1001, 'done', 'quay-3', '08:10'),
    ],
  });
}
