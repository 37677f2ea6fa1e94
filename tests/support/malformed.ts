import type { QueueEvent } from '../../core/queue/snapshot';
import type { CentreConfig } from '../../kiosk-config/schema';
import { commandId, connectCounter, connectDevice, demoConfig, onQueueEvent, type DeviceSocket } from './centre';

/** The demo centre plus a second kiosk, "kiosk-x", the device that sends the malformed payloads. */
export function configWithFlooder(): CentreConfig {
  const config = demoConfig();
  const kiosk = config.devices.find((d) => d.id === 'kiosk-1')!;
  return { ...config, devices: [...config.devices, { ...kiosk, id: 'kiosk-x', name: 'Kiosk thử dữ liệu hỏng', token: 'flooder-kiosk-x-4f1e9d2c7b3a6e50' }] };
}

/** One emit of the flood: an event name and its arguments (the ack is added by the sender). */
export interface MalformedEmit {
  readonly category: string;
  readonly event: string;
  readonly args: readonly unknown[];
}

const KIOSK_COMMANDS = ['ticket:issue', 'ticket:cancel', 'appointment:check-in', 'dossier:lookup', 'device:report-printer', 'ticket:rate', 'counter:call-next', 'dossier:receive'];

// Built once and reused: the flood measures the hub, not the sender building payloads.
const built = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  if (!built.has(key)) built.set(key, make());
  return built.get(key) as T;
}

function deepArray(depth: number): unknown {
  return once(`array-${depth}`, () => {
    let v: unknown = [];
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  });
}

function deepObject(depth: number): unknown {
  return once(`object-${depth}`, () => {
    let v: unknown = { end: true };
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  });
}

/**
 * The i-th malformed payload of the flood, deterministic: binary Buffers and strings (~900 kB
 * ones every 2,400), deep nesting, arrays, wrong types, unknown fields, too many keys or too
 * much text, wrong event names, the wrong number of arguments. None of them is a valid command.
 */
export function malformedEmit(i: number): MalformedEmit {
  const event = KIOSK_COMMANDS[i % KIOSK_COMMANDS.length]!;
  // Every 2,400th block of 16: the Buffer and the string of that block are ~900 kB.
  const huge = Math.floor(i / 16) % 150 === 0;
  switch (i % 16) {
    case 0:
      return { category: 'buffer', event, args: [Buffer.alloc(huge ? 900_000 : 1 + ((i * 7919) % 4096), i % 256)] };
    case 1:
      return { category: 'binary-field', event, args: [{ commandId: commandId(), serviceId: new Uint8Array(64) }] };
    case 2:
      return { category: 'string', event, args: [huge ? once('string-900k', () => 'x'.repeat(900_000)) : 'x'.repeat((i * 31) % 5000)] };
    case 3:
      return { category: 'number', event, args: [i] };
    case 4:
      return { category: 'null', event, args: [null] };
    case 5:
      return { category: 'array', event, args: [Array.from({ length: i % 50 }, (_, k) => k)] };
    case 6:
      return { category: 'deep-array', event, args: [{ commandId: commandId(), serviceId: deepArray(10 + (i % 500)) }] };
    case 7:
      return { category: 'deep-object', event, args: [deepObject(10 + (i % 300))] };
    case 8:
      return { category: 'wrong-types', event, args: [{ commandId: i, serviceId: [i], ticketId: 'một', code: { $ne: 1 } }] };
    case 9:
      return { category: 'unknown-field', event, args: [{ commandId: commandId(), serviceId: 'ho-tich', ticketId: 1, code: 'HS-1', extra: i }] };
    case 10:
      return { category: 'bad-command-id', event, args: [{ commandId: 'x', serviceId: 'ho-tich' }] };
    case 11:
      return { category: 'wide-object', event, args: [once('wide', () => Object.fromEntries(Array.from({ length: 3000 }, (_, k) => [`k${k}`, k])))] };
    case 12:
      return { category: 'long-text', event, args: [{ commandId: commandId(), serviceId: once('text-70k', () => 'y'.repeat(70_000)) }] };
    case 13:
      return { category: 'unknown-event', event: i % 32 === 13 ? 'z'.repeat(10_000) : `ticket:issue-${i}`, args: [{ commandId: commandId(), serviceId: 'ho-tich' }] };
    case 14:
      return { category: 'two-payloads', event, args: [{ commandId: commandId(), serviceId: 'ho-tich' }, { more: true }] };
    default:
      return { category: 'no-payload', event, args: [] };
  }
}

export interface FloodFigures {
  readonly payloads: number;
  readonly floodMs: number;
  /** Every answer's size in bytes of JSON (UTF-8), largest first seen. */
  readonly answerBytesMax: number;
  readonly answerKinds: Readonly<Record<string, number>>;
  /** Answers that were not `{ ok: false, error: { kind, message } }` (must be none). */
  readonly notRefusals: readonly unknown[];
  /** The other devices' issue → call-next → start → complete rounds during the flood. */
  readonly rounds: number;
  readonly legitLatenciesMs: readonly number[];
  /** Wrong answers to the other devices (must be none). */
  readonly legitFailures: readonly string[];
  readonly legitTicketIds: ReadonlySet<number>;
  readonly seqBefore: number;
  readonly seqAfter: number;
  /** What the display heard during the flood. */
  readonly events: readonly QueueEvent[];
}

type Raw = { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };

/**
 * Floods the hub with `count` malformed payloads from kiosk-x (`window` in flight), while kiosk-1
 * issues tickets and counter-1 (its clerk signed in) calls, starts and completes them, one round after
 * another until the flood is over (and at least `minRounds`); display-1 records every queue event.
 */
export async function floodWhileServing(hubUrl: string, config: CentreConfig, count: number, options: { readonly window?: number; readonly minRounds?: number } = {}): Promise<FloodFigures> {
  const { window = 64, minRounds = 1 } = options;
  const token = (id: string) => config.devices.find((d) => d.id === id)!.token!;
  const sockets: DeviceSocket[] = [];
  try {
    const flooder = (await connectDevice(hubUrl, 'kiosk-x', token('kiosk-x'))).socket;
    const kiosk = (await connectDevice(hubUrl, 'kiosk-1', token('kiosk-1'))).socket;
    const counter = (await connectCounter(hubUrl, 'counter-1')).socket;
    const { socket: display } = await connectDevice(hubUrl, 'display-1', token('display-1'));
    sockets.push(flooder, kiosk, counter, display);
    const events: QueueEvent[] = [];
    onQueueEvent(display, (e) => events.push(e));
    const before = await kiosk.emitWithAck('sync:snapshot');
    if (!before.ok) throw new Error('no snapshot');

    let done = false;
    const latencies: number[] = [];
    const failures: string[] = [];
    const ids = new Set<number>();
    const timed = async <T>(p: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const r = await p();
      latencies.push(performance.now() - t);
      return r;
    };
    let rounds = 0;
    const serving = (async () => {
      while (!done || rounds < minRounds) {
        const issued = await timed(() => kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' }));
        if (!issued.ok) {
          failures.push(`issue: ${issued.error.message}`);
          break;
        }
        ids.add(issued.value.ticket.id);
        const called = await timed(() => counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' }));
        if (!called.ok || called.value.ticket.id !== issued.value.ticket.id) {
          failures.push(`call-next: ${JSON.stringify(called).slice(0, 200)}`);
          break;
        }
        const started = await timed(() => counter.emitWithAck('ticket:start', { commandId: commandId(), ticketId: called.value.ticket.id }));
        if (!started.ok || started.value.ticket.state !== 'serving') {
          failures.push(`start: ${JSON.stringify(started).slice(0, 200)}`);
          break;
        }
        const completed = await timed(() => counter.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: called.value.ticket.id }));
        if (!completed.ok || completed.value.ticket.state !== 'done') {
          failures.push(`complete: ${JSON.stringify(completed).slice(0, 200)}`);
          break;
        }
        rounds += 1;
      }
    })();

    const raw = flooder as unknown as Raw;
    let answerBytesMax = 0;
    const kinds: Record<string, number> = {};
    const notRefusals: unknown[] = [];
    let next = 0;
    const started = performance.now();
    const lane = async () => {
      while (next < count) {
        const { event, args } = malformedEmit(next++);
        const answer = await raw.timeout(60_000).emitWithAck(event, ...args);
        answerBytesMax = Math.max(answerBytesMax, Buffer.byteLength(JSON.stringify(answer)));
        const a = answer as { ok?: unknown; error?: { kind?: unknown; message?: unknown } };
        if (a.ok !== false || typeof a.error?.kind !== 'string' || typeof a.error.message !== 'string') notRefusals.push(answer);
        else kinds[a.error.kind] = (kinds[a.error.kind] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: window }, lane));
    const floodMs = performance.now() - started;
    done = true;
    await serving;

    const after = await kiosk.emitWithAck('sync:snapshot');
    if (!after.ok) throw new Error('no snapshot');
    // Every broadcast of the rounds has reached the display before the figures are read.
    const expected = after.value.seq - before.value.seq;
    if (events.length < expected) {
      await new Promise<void>((resolve) => {
        const stop = onQueueEvent(display, () => {
          if (events.length >= expected) {
            stop();
            resolve();
          }
        });
      });
    }
    return {
      payloads: count,
      floodMs,
      answerBytesMax,
      answerKinds: kinds,
      notRefusals,
      rounds,
      legitLatenciesMs: latencies,
      legitFailures: failures,
      legitTicketIds: ids,
      seqBefore: before.value.seq,
      seqAfter: after.value.seq,
      events,
    };
  } finally {
    sockets.forEach((s) => s.close());
  }
}
