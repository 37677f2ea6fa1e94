import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import { nextLeaseBlock, serviceDay, supersededAnswer } from '../../core/queue/numbering';
import { offlineNumberBlock, type QueueRules } from '../../core/queue/rules';
import type { Service, Ticket } from '../../core/queue/types';
import type { Result } from '../../core/result';
import type { CommandLog } from '../commands/command-log';
import type { CommandContext } from '../commands/command-runner';
import type { Async } from '../store/async-of';
import type { HubRepositories } from '../store/hub-repositories';
import type { QueueService } from './queue-service';
import type { NumberLeaseRepository } from './number-lease-repository';
import type { TicketRepository } from './ticket-repository';

/**
 * How far a kiosk's clock may run ahead of the hub's before its offline issue times are refused
 * (up to this much, the ticket is recorded at the delivery time instead, so no ticket is queued
 * in the future). An issue time before the lease was granted is recorded as the lease's time.
 */
export const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * Unused leased numbers a kiosk may hold per service and day, in blocks: one block to issue
 * from and one more while the first one's tickets wait to be delivered. Past that the kiosk
 * must deliver before it leases again, so a confused kiosk cannot drain a service's numbers.
 */
export const OUTSTANDING_BLOCKS = 2;

export interface NumberLeasesOptions {
  readonly repos: Pick<HubRepositories, 'leases' | 'commandLog' | 'tickets'>;
  readonly services: readonly Service[];
  readonly rules: Pick<QueueRules, 'offlineNumberBlock'>;
  readonly timeZone: string;
  /** Announces delivered tickets and cancels the phantom online ticket a delivery supersedes. */
  readonly queue: Pick<QueueService, 'announceIssued' | 'cancel'>;
  /** Registers the public token the kiosk drew for the ticket's QR (hub/public/ticket-tokens.ts); answers the link, or undefined. */
  readonly registerTrackingToken?: (ticketId: number, token: string, at: string) => Promise<string | undefined> | string | undefined;
}

const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * The hub's side of a kiosk issuing while the hub is away: blocks of a service's numbers of the
 * day leased to one kiosk, taken from the top of the service's block going down while online
 * numbering counts up from its start (core/queue/numbering.ts), and the tickets issued from them
 * delivered afterwards with their own numbers and issue times. Handlers run inside the command's
 * transaction, so the lowest leased number read here is still the lowest when the lease is written.
 */
export class NumberLeases {
  private readonly leases: Async<NumberLeaseRepository>;
  private readonly log: Async<CommandLog>;
  private readonly tickets: Async<TicketRepository>;
  /** Built once: a formatter per call is what made the hub's memory grow (issue 10). */
  private readonly clockTime: Intl.DateTimeFormat;

  constructor(private readonly options: NumberLeasesOptions) {
    this.clockTime = new Intl.DateTimeFormat('vi-VN', { timeZone: options.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    this.leases = options.repos.leases;
    this.log = options.repos.commandLog;
    this.tickets = options.repos.tickets;
  }

  async lease(ctx: CommandContext, input: CommandInput<'ticket:lease-numbers'>): Promise<CommandOutput<'ticket:lease-numbers'>> {
    const service = this.service(ctx, input.serviceId);
    const block = offlineNumberBlock(this.options.rules);
    if (block === 0) ctx.fail('conflict', 'Trung tâm không cấp số dự phòng cho ki-ốt (queue.offlineNumberBlock = 0).');
    const day = serviceDay(ctx.now, this.options.timeZone);
    const device = ctx.device.id;
    const outstanding = (await this.leases.leasedTo(day, service.id, device)) - (await this.leases.deliveredTo(day, service.id, device));
    if (outstanding >= OUTSTANDING_BLOCKS * block) {
      ctx.fail('conflict', `Ki-ốt "${device}" đang giữ ${outstanding} số dự phòng chưa gửi về của dịch vụ "${service.name}": gửi các vé đã phát trước khi xin thêm.`);
    }
    const { lastIssued, lowestLeased } = await this.tickets.numbering(day, service.id);
    const { from, to } = this.must(ctx, nextLeaseBlock(service, lastIssued, lowestLeased, Math.min(input.count, block)));
    await this.leases.insertLease({ day, serviceId: service.id, deviceId: device, from, to, leasedAt: ctx.now.toISOString(), commandId: input.commandId });
    return { lease: { day, serviceId: service.id, from, to } };
  }

  async deliver(ctx: CommandContext, input: CommandInput<'ticket:deliver-offline'>): Promise<CommandOutput<'ticket:deliver-offline'>> {
    const { timeZone } = this.options;
    const service = this.service(ctx, input.serviceId);
    const { day, number } = input;
    const today = serviceDay(ctx.now, timeZone);
    // A day's queue ends with the day: yesterday's citizens are gone, and their numbers belong to another day's sequence.
    if (day < today) ctx.fail('conflict', `Vé số ${number} ngày ${dmy(day)} đã hết hiệu lực: hàng chờ của ngày đó đã kết thúc.`);
    if (day > today) ctx.fail('conflict', `Vé số ${number} mang ngày ${dmy(day)}, sau ngày hôm nay (${dmy(today)}) của máy chủ: kiểm tra đồng hồ của ki-ốt.`);
    const issuedAt = new Date(input.issuedAt);
    if (serviceDay(issuedAt, timeZone) !== day) ctx.fail('invalid-input', `Giờ phát ${input.issuedAt} không thuộc ngày ${dmy(day)} của vé số ${number}.`);
    if (issuedAt.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS) {
      ctx.fail('invalid-input', `Giờ phát vé số ${number} (${this.clockTime.format(issuedAt)}) muộn hơn giờ của máy chủ (${this.clockTime.format(ctx.now)}): đồng hồ của ki-ốt chạy nhanh.`);
    }
    const lease = await this.leases.leaseHolding(day, service.id, number);
    if (!lease || lease.lastNumber < number || lease.deviceId !== ctx.device.id) {
      ctx.fail('forbidden', `Số ${number} của dịch vụ "${service.name}" ngày ${dmy(day)} không thuộc dải số đã cấp cho thiết bị "${ctx.device.id}".`);
    }
    if (await this.leases.numberRecorded(day, service.id, number)) {
      ctx.fail('conflict', `Số ${number} của dịch vụ "${service.name}" ngày ${dmy(day)} đã được ghi nhận rồi.`);
    }
    // Cancel first, so the delivered ticket's place in the queue does not count the phantom.
    const superseded = input.supersedes === undefined ? undefined : await this.supersede(ctx, input.supersedes, number);
    // Queued between the lease and now: a kiosk clock running slow does not jump its tickets ahead of
    // citizens who came earlier, and refusing them would cost the citizen the place altogether.
    const at = Math.max(Date.parse(lease.leasedAt), Math.min(issuedAt.getTime(), ctx.now.getTime()));
    const ticketId = await this.leases.insertOfflineTicket(day, service.id, number, new Date(at).toISOString(), ctx.device.id, input.priority);
    await this.leases.recordDelivery({
      ticketId,
      leaseId: lease.id,
      day,
      serviceId: service.id,
      number,
      reportedIssuedAt: issuedAt.toISOString(),
      deliveredAt: ctx.now.toISOString(),
      commandId: input.commandId,
      supersedes: input.supersedes ?? null,
      supersededTicketId: superseded?.ticketId ?? null,
    });
    const answer = await this.options.queue.announceIssued(ctx, ticketId);
    const trackingUrl = input.trackingToken ? await this.options.registerTrackingToken?.(ticketId, input.trackingToken, ctx.now.toISOString()) : undefined;
    return { ...answer, ...(trackingUrl ? { trackingUrl } : {}), ...(superseded ? { superseded } : {}) };
  }

  /**
   * The phantom of an unanswered ticket:issue: still waiting, it is cancelled (the citizen holds
   * the offline paper, not this number); already called, it is left as it is — its call is part
   * of the day's record and the clerk ends it as a no-show — and the answer says so. One the kiosk
   * voided itself (its print failed) counts as cancelled.
   */
  private async supersede(ctx: CommandContext, commandId: string, paperNumber: number): Promise<{ ticketId: number; number: number; cancelled: boolean } | undefined> {
    const previous = await this.log.find(commandId);
    if (!previous) {
      // The hub never issued it: nothing to undo, and its answer is decided now — the refusal it
      // would get — so that the original, should it still be running in another hub process, finds
      // an answer when it comes to log its own, and rolls back (PostgreSQL: the command runner logs
      // a command's answer last, hub/commands/command-runner.ts).
      await this.log.record(commandId, ctx.device.id, 'ticket:issue', JSON.stringify(supersededAnswer(paperNumber)), ctx.now.toISOString(), false);
      return undefined;
    }
    if (previous.deviceId !== ctx.device.id || previous.name !== 'ticket:issue') {
      ctx.fail('invalid-input', `Mã lệnh ${commandId} (supersedes) không phải một lệnh lấy số của thiết bị "${ctx.device.id}".`);
    }
    if (await this.leases.supersededBy(commandId)) ctx.fail('conflict', `Lệnh lấy số ${commandId} đã được thay bằng một vé khác.`);
    const answer = JSON.parse(previous.resultJson) as Result<{ ticket: Ticket }>;
    if (!answer.ok) return undefined;
    const ticketId = answer.value.ticket.id;
    const current = await this.leases.ticketState(ticketId);
    if (!current) return undefined;
    if (current.state !== 'waiting') return { ticketId, number: current.number, cancelled: current.state === 'cancelled' };
    await this.options.queue.cancel(ctx, ticketId);
    return { ticketId, number: current.number, cancelled: true };
  }

  private service(ctx: CommandContext, serviceId: string): Service {
    const service = this.options.services.find((s) => s.id === serviceId);
    if (!service) ctx.fail('not-found', `Không có dịch vụ "${serviceId}".`);
    return service;
  }

  private must<T>(ctx: CommandContext, r: Result<T>): T {
    if (!r.ok) ctx.fail(r.error.kind, r.error.message);
    return r.value;
  }
}
