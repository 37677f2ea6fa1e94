import type { CentreConfig } from '../kiosk-config/schema';
import { commandId, connectDevice, demoConfig, type DeviceSocket } from '../tests/support/centre';

/** Counters of the bench centre: the demo's three and nine more, so many clerks call at once. */
export const BENCH_COUNTERS = 12;

export interface BenchCounter {
  readonly deviceId: string;
  readonly token: string;
  readonly counterId: string;
  readonly serviceIds: readonly string[];
  readonly clerkId: string;
  /** Every bench clerk shares the first demo clerk's PIN hash: 1111. */
  readonly pin: string;
}

/**
 * The demo centre made busier for benchmarks: twelve counters each with a clerk, and number
 * blocks of 19,999 a day per service (the demo's are 999), still disjoint since a transfer keeps
 * the number.
 */
export function benchCentre(): { config: CentreConfig; counters: readonly BenchCounter[] } {
  const base = demoConfig();
  const services = base.services.map((s, k) => ({ ...s, numberFrom: k * 20_000 + 1, numberTo: (k + 1) * 20_000 - 1 }));
  const ids = services.map((s) => s.id);
  const demoClerks = { 'quay-1': 'nguyen-thi-lan', 'quay-2': 'tran-van-minh', 'quay-3': 'le-thu-ha' } as Record<string, string>;
  const pinOf = { 'nguyen-thi-lan': '1111', 'tran-van-minh': '2222', 'le-thu-ha': '3333' } as Record<string, string>;
  const counters: BenchCounter[] = [];
  const extraCounters: CentreConfig['counters'] = [];
  const extraDevices: CentreConfig['devices'] = [];
  const extraClerks: CentreConfig['clerks'] = [];
  for (let n = 1; n <= BENCH_COUNTERS; n++) {
    const counterId = `quay-${n}`;
    const deviceId = `counter-${n}`;
    const existing = base.counters.find((c) => c.id === counterId);
    const serviceIds = existing?.serviceIds ?? [ids[n % ids.length]!, ids[(n + 2) % ids.length]!];
    if (!existing) {
      extraCounters.push({ id: counterId, label: String(n), name: `Quầy ${n}`, serviceIds });
      extraDevices.push({ id: deviceId, role: 'counter', name: `Máy quầy ${n}`, token: `bench-counter-${n}-0123456789abcdef`, counterId, printerId: 'may-in-quay' } as CentreConfig['devices'][number]);
      extraClerks.push({ ...base.clerks[0]!, id: `bench-clerk-${n}`, name: `Cán bộ ${n}` });
    }
    const clerkId = demoClerks[counterId] ?? `bench-clerk-${n}`;
    const token = base.devices.find((d) => d.id === deviceId)?.token ?? `bench-counter-${n}-0123456789abcdef`;
    counters.push({ deviceId, token, counterId, serviceIds, clerkId, pin: pinOf[clerkId] ?? '1111' });
  }
  const config: CentreConfig = {
    ...base,
    services,
    counters: [...base.counters, ...extraCounters],
    devices: [...base.devices, ...extraDevices],
    clerks: [...base.clerks, ...extraClerks],
  };
  return { config, counters };
}

/** Connects a bench counter's device and signs its clerk in. */
export async function connectBenchCounter(hubUrl: string, c: BenchCounter): Promise<DeviceSocket> {
  const { socket } = await connectDevice(hubUrl, c.deviceId, c.token);
  const r = await socket.emitWithAck('counter:sign-in', { commandId: commandId(), counterId: c.counterId, clerkId: c.clerkId, pin: c.pin });
  if (!r.ok) throw new Error(`sign-in at ${c.counterId}: ${r.error.message}`);
  return socket;
}
