import { randomInt } from 'node:crypto';
import type { Async } from '../store/async-of';
import {
  checkInTiming,
  formatDateVi,
  localMoment,
  makeBookingCode,
  normaliseBookingCode,
  slotHasStarted,
  slotStarts,
  type Appointment,
  type AppointmentsConfig,
  type Slot,
} from '../../core/appointments/appointments';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../../core/calendar/calendar-config';
import type { DueDateCalendar } from '../../core/calendar/due-date-calendar';
import { parseLocalDate, weekdayOf } from '../../core/calendar/local-time';
import { maskName } from '../../core/privacy/personal-data';
import type { CommandInput, CommandOutput } from '../../core/protocol/commands';
import type { Service } from '../../core/queue/types';
import type { CommandContext } from '../commands/command-runner';
import type { QueueService } from '../queue/queue-service';
import type { AppointmentRepository } from './appointment-repository';

export interface AppointmentServiceOptions {
  readonly repo: Async<AppointmentRepository>;
  /** Absent: the centre takes no appointments, and booking says so. */
  readonly config: AppointmentsConfig | undefined;
  readonly services: readonly Service[];
  readonly calendar: DueDateCalendar;
  readonly timeZone: string;
  /** Check-in issues its ticket through the queue, so numbering and events stay in one place. */
  readonly queue: QueueService;
}

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** Booking, cancelling and checking in appointments. Handlers run inside the command's transaction. */
export class AppointmentService {
  private readonly repo: Async<AppointmentRepository>;

  constructor(private readonly options: AppointmentServiceOptions) {
    this.repo = options.repo;
  }

  async slots(ctx: CommandContext, input: CommandInput<'appointment:slots'>): Promise<CommandOutput<'appointment:slots'>> {
    return { serviceId: input.serviceId, date: input.date, slots: await this.freeSlots(ctx, input.serviceId, input.date) };
  }

  async list(_ctx: CommandContext, input: CommandInput<'appointment:list'>): Promise<CommandOutput<'appointment:list'>> {
    return { date: input.date, appointments: await this.repo.onDate(input.date) };
  }

  async book(ctx: CommandContext, input: CommandInput<'appointment:book'>): Promise<CommandOutput<'appointment:book'>> {
    const slots = await this.freeSlots(ctx, input.serviceId, input.date);
    const slot = slots.find((s) => s.start === input.slotStart);
    if (!slot) ctx.fail('invalid-input', `Không có khung giờ ${input.slotStart} (các khung giờ: ${slots.map((s) => s.start).join(', ')}).`);
    if (slotHasStarted(input.date, input.slotStart, localMoment(ctx.now, this.options.timeZone))) {
      ctx.fail('invalid-input', `Khung giờ ${input.slotStart} ngày ${formatDateVi(input.date)} đã qua: hãy chọn một khung giờ sau.`);
    }
    if (slot.free <= 0) ctx.fail('conflict', `Khung giờ ${input.slotStart} ngày ${formatDateVi(input.date)} đã kín (${slot.capacity}/${slot.capacity} chỗ): hãy chọn khung giờ khác.`);
    const appointment = await this.repo.insert({
      code: await this.newCode(),
      serviceId: input.serviceId,
      date: input.date,
      slotStart: input.slotStart,
      citizenName: input.citizenName,
      phone: input.phone ?? null,
      createdAt: ctx.now.toISOString(),
      createdBy: ctx.device.id,
    });
    return { appointment };
  }

  async cancel(ctx: CommandContext, input: CommandInput<'appointment:cancel'>): Promise<CommandOutput<'appointment:cancel'>> {
    const current = await this.find(ctx, input.code);
    if (current.state === 'checked-in') ctx.fail('conflict', `Lịch hẹn ${current.code} đã được xác nhận tại kiosk (số ${current.ticketNumber ?? '?'}): không huỷ được.`);
    if (current.state === 'cancelled') ctx.fail('conflict', `Lịch hẹn ${current.code} đã được huỷ trước đó.`);
    return { appointment: await this.repo.cancel(current.code, ctx.now.toISOString()) };
  }

  /** The citizen's code at the kiosk: on the booked day, inside the window, once. */
  async checkIn(ctx: CommandContext, input: CommandInput<'appointment:check-in'>): Promise<CommandOutput<'appointment:check-in'>> {
    const current = await this.find(ctx, input.code);
    if (current.state === 'cancelled') ctx.fail('conflict', `Lịch hẹn ${current.code} đã bị huỷ. Mời bạn lấy số thường hoặc liên hệ cán bộ hướng dẫn.`);
    if (current.state === 'checked-in') {
      ctx.fail('conflict', `Mã lịch hẹn ${current.code} đã được dùng${current.ticketNumber ? ` để lấy số ${current.ticketNumber}` : ''}. Mỗi mã chỉ dùng được một lần.`);
    }
    const rules = this.options.config ?? { earlyMinutes: 30, lateMinutes: 15 };
    const timing = checkInTiming(current, localMoment(ctx.now, this.options.timeZone), rules);
    switch (timing.kind) {
      case 'other-day':
        ctx.fail('conflict', `Lịch hẹn của bạn vào ngày ${formatDateVi(current.date)} lúc ${current.slotStart}, mời quay lại vào ngày đó.`);
        break;
      case 'early':
        ctx.fail('conflict', `Chưa đến giờ: lịch hẹn của bạn lúc ${current.slotStart}, mời quay lại sau ${timing.opensAt}.`);
        break;
      case 'late':
        ctx.fail('conflict', `Đã quá giờ hẹn: lịch hẹn lúc ${current.slotStart} ngày ${formatDateVi(current.date)} chỉ nhận đến ${timing.closedAt}. Mời bạn lấy số thường.`);
        break;
      case 'on-time':
        break;
    }
    const issued = await this.options.queue.issue(ctx, { commandId: input.commandId, serviceId: current.serviceId, priority: 'normal' }, 'appointment');
    const appointment = await this.repo.checkIn(current.code, ctx.now.toISOString(), issued.ticket.id);
    // The kiosk is a public screen and anyone holding the code may scan it: it hears the booker's initials, not their name or phone.
    return { appointment: { ...appointment, citizenName: maskName(appointment.citizenName), phone: null }, ticket: issued.ticket, waitingAhead: issued.waitingAhead, estimatedWaitMinutes: issued.estimatedWaitMinutes, ...(issued.trackingUrl ? { trackingUrl: issued.trackingUrl } : {}) };
  }

  private async freeSlots(ctx: CommandContext, serviceId: string, date: string): Promise<Slot[]> {
    const service = this.options.services.find((s) => s.id === serviceId);
    if (!service) ctx.fail('not-found', `Không có dịch vụ "${serviceId}".`);
    const own = this.options.config?.services[serviceId];
    if (!this.options.config || !own) ctx.fail('invalid-input', `Dịch vụ ${service.name} không nhận đặt lịch hẹn.`);
    this.mustBeOpen(ctx, date);
    // Places held on the public booking page (hub/booking/) while their forms are filled count as taken.
    const booked = await this.repo.bookedPerSlot(date, serviceId, ctx.now.toISOString());
    return slotStarts(own, this.options.config.slotMinutes).map((start) => {
      const n = booked.get(start) ?? 0;
      return { start, capacity: own.capacityPerSlot, booked: n, free: Math.max(own.capacityPerSlot - n, 0) };
    });
  }

  private mustBeOpen(ctx: CommandContext, date: string): void {
    const parsed = parseLocalDate(date);
    if (!parsed.ok) ctx.fail('invalid-input', `Ngày "${date}" không hợp lệ.`);
    const d = parsed.value;
    if (d.year < FIRST_CALENDAR_YEAR || d.year > LAST_CALENDAR_YEAR) ctx.fail('invalid-input', `Ngày ${formatDateVi(date)} nằm ngoài lịch làm việc của trung tâm.`);
    if (this.options.calendar.isWorkingDay(d)) return;
    const holiday = this.options.calendar.holidaysOf(d.year).find((h) => h.date.month === d.month && h.date.day === d.day);
    ctx.fail('invalid-input', `Trung tâm không làm việc ngày ${formatDateVi(date)} (${holiday ? holiday.name : WEEKDAYS_VI[weekdayOf(d)]}): hãy chọn ngày khác.`);
  }

  private async find(ctx: CommandContext, code: string): Promise<Appointment> {
    const normalised = normaliseBookingCode(code);
    const found = await this.repo.byCode(normalised);
    if (!found) ctx.fail('not-found', `Không tìm thấy lịch hẹn có mã ${normalised}. Vui lòng kiểm tra lại mã trên giấy hẹn hoặc tin nhắn.`);
    return found;
  }

  /** 32^6 ≈ 10^9 codes: a clash is rare, so drawing again until unused ends fast. */
  private async newCode(): Promise<string> {
    for (;;) {
      const code = makeBookingCode((below) => randomInt(below));
      if (!(await this.repo.byCode(code))) return code;
    }
  }
}
