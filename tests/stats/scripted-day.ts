import type { CommandName, CommandOutput, CommandRequest } from '../../core/protocol/commands';
import type { Hub } from '../../hub/hub';
import { commandId, connectCounter, connectDevice, demoConfig, startHub, tokenOf, type DeviceSocket } from '../support/centre';

/**
 * One scripted day at the demo centre (2026-11-23, times are Hà Nội time, UTC+7), driven through a
 * real hub with an injected clock over real sockets. The expected figures in the tests are worked
 * out by hand from this script.
 *
 *  kiosk issues          counter 1 (clerk Lan)                       counter 2 (clerk Minh)
 *  08:00 T1 hộ tịch      08:10 call T1, 08:12 start, 08:20 done ★4
 *  08:02 T3 đất đai      08:25 call T2, 08:26 start, 08:36 done ★3   08:30 call T3, 08:30 start, 08:50 done ★1
 *  08:05 T2 hộ tịch      08:40 call T4, recall 08:42, 08:44, absent 08:45
 *  08:20 T4 hộ tịch      09:20 cancels T6 (the citizen left)
 *  09:10 T5 chứng thực   09:30 call T5, 09:31 start, 09:45 done (not rated)
 *  09:15 T6 hộ tịch
 *  and the day before, 2026-11-22 16:00: T0 hộ tịch, never called (outside a one-day report).
 */
export async function runScriptedDay(dbFile: string): Promise<{ hub: Hub; sockets: DeviceSocket[] }> {
  let now = new Date('2026-11-22T09:00:00Z'); // 16:00 in Hà Nội
  const at = (hhmm: string) => {
    now = new Date(`2026-11-23T${hhmm}:00+07:00`);
  };
  const hub = await startHub(dbFile, { clock: () => now });
  const config = demoConfig();
  const kiosk = (await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket;
  const c1 = (await connectCounter(hub.url, 'counter-1')).socket;
  const c2 = (await connectCounter(hub.url, 'counter-2')).socket;
  const run = async <K extends CommandName>(socket: DeviceSocket, name: K, input: Omit<CommandRequest<K>, 'commandId'>): Promise<CommandOutput<K>> => {
    const emit = socket.emitWithAck.bind(socket) as unknown as (n: string, i: unknown) => Promise<{ ok: true; value: CommandOutput<K> } | { ok: false; error: { message: string } }>;
    const r = await emit(name, { commandId: commandId(), ...input });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };
  const issue = async (serviceId: string) => (await run(kiosk, 'ticket:issue', { serviceId })).ticket.id;
  const call = async (socket: DeviceSocket, counterId: string) => (await run(socket, 'counter:call-next', { counterId })).ticket.id;

  await issue('ho-tich'); // T0, the day before
  at('08:00');
  const t1 = await issue('ho-tich');
  at('08:02');
  const t3 = await issue('dat-dai');
  at('08:05');
  const t2 = await issue('ho-tich');
  at('08:10');
  expectSame(await call(c1, 'quay-1'), t1);
  at('08:12');
  await run(c1, 'ticket:start', { ticketId: t1 });
  at('08:20');
  const t4 = await issue('ho-tich');
  await run(c1, 'ticket:complete', { ticketId: t1 });
  await run(c1, 'ticket:rate', { ticketId: t1, rating: 4 });
  at('08:25');
  expectSame(await call(c1, 'quay-1'), t2);
  at('08:26');
  await run(c1, 'ticket:start', { ticketId: t2 });
  at('08:30');
  expectSame(await call(c2, 'quay-2'), t3);
  await run(c2, 'ticket:start', { ticketId: t3 });
  at('08:36');
  await run(c1, 'ticket:complete', { ticketId: t2 });
  await run(c1, 'ticket:rate', { ticketId: t2, rating: 3, comment: 'Cán bộ hướng dẫn tận tình' });
  at('08:40');
  expectSame(await call(c1, 'quay-1'), t4);
  at('08:42');
  await run(c1, 'ticket:recall', { ticketId: t4 });
  at('08:44');
  await run(c1, 'ticket:recall', { ticketId: t4 });
  at('08:45');
  await run(c1, 'ticket:no-show', { ticketId: t4 });
  at('08:50');
  await run(c2, 'ticket:complete', { ticketId: t3 });
  await run(c2, 'ticket:rate', { ticketId: t3, rating: 1, comment: 'Chờ lâu quá' });
  at('09:10');
  const t5 = await issue('chung-thuc');
  at('09:15');
  const t6 = await issue('ho-tich');
  at('09:20');
  await run(c1, 'ticket:cancel', { ticketId: t6 });
  at('09:30');
  expectSame(await call(c1, 'quay-1'), t5);
  at('09:31');
  await run(c1, 'ticket:start', { ticketId: t5 });
  at('09:45');
  await run(c1, 'ticket:complete', { ticketId: t5 });
  return { hub, sockets: [kiosk, c1, c2] };
}

function expectSame(actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`the script called ticket ${actual}, expected ${expected}`);
}
