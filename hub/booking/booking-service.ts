import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import { formatDateVi, localMoment, makeBookingCode, normaliseBookingCode, slotHasStarted, slotStarts, type Appointment, type AppointmentsConfig } from '../../core/appointments/appointments';
import type { BookInput, BookingView, Catalogue, CodeInput, HoldAnswer, HoldInput, MoveInput, SlotsAnswer } from '../../core/booking/booking-api';
import { normaliseCccd } from '../../core/booking/booking-identity';
import { personLimitError, placeRefusalError, type BookingError } from '../../core/booking/booking-refusals';
import { bookingDates, freePlaces, holdExpiry, holdIsLive, placeRefusal, withinPersonLimit, type PlaceLoad } from '../../core/booking/booking-rules';
import type { OnlineBookingConfig } from '../../core/booking/online-booking-config';
import { maskVnPhone, normaliseVnPhone } from '../../core/booking/vn-phone';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../../core/calendar/calendar-config';
import type { DueDateCalendar } from '../../core/calendar/due-date-calendar';
import { parseLocalDate } from '../../core/calendar/local-time';
import { maskName } from '../../core/privacy/personal-data';
import { serviceDay } from '../../core/queue/numbering';
import type { Service } from '../../core/queue/types';
import type { AppointmentRepository } from '../appointments/appointment-repository';
import type { TicketRepository } from '../queue/ticket-repository';
import type { Async } from '../store/async-of';
import type { Store } from '../store/store';
import type { BookingRepository } from './booking-repository';
import type { BookingIdentity } from './booking-rows';
import { holdHash, identityHash, newHoldToken } from './identity-hash';

export interface BookingServiceOptions {
  readonly store: Store;
  readonly bookings: Async<BookingRepository>;
  readonly appointments: Async<AppointmentRepository>;
  readonly tickets: Pick<Async<TicketRepository>, 'takenToday'>;
  readonly config: AppointmentsConfig | undefined;
  readonly services: readonly Service[];
  readonly calendar: DueDateCalendar;
  readonly timeZone: string;
  readonly clock: () => Date;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BookingError };
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const no = (error: BookingError): Outcome<never> => ({ ok: false, error });

/** Thrown inside a transaction to roll it back and answer the refusal. */
class Refused extends Error {
  constructor(readonly error: BookingError) {
    super(error.message);
  }
}

/** Who created online bookings, in appointments.created_by. */
export const ONLINE_BOOKER = 'dat-lich';

/**
 * The public booking page's service (issue 15): the slots with their free places, a hold while the
 * form is filled, the booking with its per-person limit, and cancel / move by code and phone.
 * Every request that counts and takes places runs in one transaction under the day's lock
 * (BookingRepository.lockDay), so two citizens racing for the last place cannot both get it.
 */
export class BookingService {
  constructor(private readonly o: BookingServiceOptions) {}

  /** The online rules, or null when the centre does not book online. */
  get online(): OnlineBookingConfig | null {
    return this.o.config?.online ?? null;
  }

  catalogue(): Outcome<Catalogue> {
    const online = this.online;
    if (!online || !this.o.config) return no(notOffered());
    const services = this.o.services.filter((s) => this.o.config!.services[s.id]).map((s) => ({ id: s.id, name: s.name }));
    const days = bookingDates(this.today(), online.horizonDays).map((date) => ({ date, open: this.closedDay(date) === null }));
    return ok({ services, days, holdMinutes: online.holdMinutes, askCccd: online.askCccd });
  }

  async slots(serviceId: string, date: string): Promise<Outcome<SlotsAnswer>> {
    return this.run(async () => {
      const { service, own } = this.offered(serviceId, date);
      const now = this.o.clock();
      const moment = localMoment(now, this.o.timeZone);
      const loads = await this.loads(service, date, now);
      const slots = slotStarts(own, this.o.config!.slotMinutes).map((start) => {
        const past = slotHasStarted(date, start, moment);
        return { start, free: past ? 0 : freePlaces(loads(start)), past };
      });
      return { serviceId, date, slots };
    });
  }

  async hold(input: HoldInput): Promise<Outcome<HoldAnswer>> {
    return this.run(async () => {
      const { service, own } = this.offered(input.serviceId, input.date);
      if (!slotStarts(own, this.o.config!.slotMinutes).includes(input.slotStart)) throw new Refused({ kind: 'invalid-input', field: 'slotStart', message: `Không có khung giờ ${input.slotStart}.` });
      const now = this.o.clock();
      if (slotHasStarted(input.date, input.slotStart, localMoment(now, this.o.timeZone))) throw new Refused(slotPast(input.slotStart, input.date));
      await this.o.bookings.lockDay(input.date, service.id);
      await this.o.bookings.sweepHolds(now.toISOString());
      const refusal = placeRefusal((await this.loads(service, input.date, now))(input.slotStart));
      if (refusal) throw new Refused(placeRefusalError(refusal, input.slotStart, input.date, service.name));
      const token = newHoldToken();
      const expiresAt = holdExpiry(now, this.online!.holdMinutes).toISOString();
      await this.o.bookings.insertHold({ holdHash: holdHash(token), serviceId: service.id, date: input.date, slotStart: input.slotStart, expiresAt, createdAt: now.toISOString() });
      return { hold: token, expiresAt, seconds: this.online!.holdMinutes * 60, serviceId: service.id, date: input.date, slotStart: input.slotStart };
    });
  }

  /** Gives a held place back at once (the citizen went back to choose another). */
  async release(token: string): Promise<Outcome<{ released: boolean }>> {
    return this.run(async () => ({ released: await this.o.bookings.releaseHold(holdHash(token)) }));
  }

  /** The held slot becomes a booking: the person's limit is checked, the hold goes, the code is drawn. */
  async book(input: BookInput): Promise<Outcome<BookingView>> {
    const who = this.identityOf(input.phone, input.cccd);
    if (!who.ok) return who;
    return this.run(async () => {
      const now = this.o.clock();
      const held = await this.liveHold(input.hold, now);
      const service = this.serviceOf(held.serviceId);
      await this.o.bookings.lockDay(held.date, held.serviceId);
      const existing = await this.o.bookings.bookingsOfPerson(held.date, who.value.identity);
      if (!withinPersonLimit(existing, this.online!.perPersonPerDay)) throw new Refused(personLimitError(this.online!.perPersonPerDay, held.date));
      await this.o.bookings.releaseHold(held.holdHash);
      const appointment = await this.o.appointments.insert({
        code: await this.newCode(),
        serviceId: held.serviceId,
        date: held.date,
        slotStart: held.slotStart,
        citizenName: input.citizenName,
        phone: who.value.phone,
        createdAt: now.toISOString(),
        createdBy: ONLINE_BOOKER,
      });
      await this.o.bookings.insertIdentity(appointment.code, appointment.date, who.value.identity);
      return this.view(appointment, service.name);
    });
  }

  /** A booking shown back to whoever has its code and phone number. */
  async find(input: CodeInput): Promise<Outcome<BookingView>> {
    return this.run(async () => {
      const a = await this.owned(input);
      return this.view(a, this.serviceOf(a.serviceId).name);
    });
  }

  async cancel(input: CodeInput): Promise<Outcome<BookingView>> {
    return this.run(async () => {
      const a = await this.owned(input);
      if (a.state !== 'booked') throw new Refused(notChangeable(a));
      const cancelled = await this.o.appointments.cancel(a.code, this.o.clock().toISOString());
      return this.view(cancelled, this.serviceOf(a.serviceId).name);
    });
  }

  /** Moves a booking to the slot the citizen holds now (same service); the old place is freed in the same transaction. */
  async move(input: MoveInput): Promise<Outcome<BookingView>> {
    return this.run(async () => {
      const now = this.o.clock();
      const a = await this.owned(input);
      if (a.state !== 'booked') throw new Refused(notChangeable(a));
      const held = await this.liveHold(input.hold, now);
      if (held.serviceId !== a.serviceId) throw new Refused({ kind: 'invalid-input', field: 'hold', message: 'Chỉ đổi được sang một khung giờ của cùng dịch vụ.' });
      const identity = await this.o.bookings.identity(a.code);
      if (identity && held.date !== a.date && !withinPersonLimit(await this.o.bookings.bookingsOfPerson(held.date, identity, a.code), this.online!.perPersonPerDay)) {
        throw new Refused(personLimitError(this.online!.perPersonPerDay, held.date));
      }
      await this.o.bookings.releaseHold(held.holdHash);
      await this.o.bookings.move(a.code, held.date, held.slotStart);
      const moved = (await this.o.appointments.byCode(a.code))!;
      return this.view(moved, this.serviceOf(a.serviceId).name);
    });
  }

  private async run<T>(work: () => Promise<T>): Promise<Outcome<T>> {
    try {
      return ok(await this.o.store.transaction(work));
    } catch (e) {
      if (e instanceof Refused) return no(e.error);
      throw e;
    }
  }

  private today(): string {
    return serviceDay(this.o.clock(), this.o.timeZone);
  }

  private serviceOf(serviceId: string): Service {
    const service = this.o.services.find((s) => s.id === serviceId);
    if (!service) throw new Refused({ kind: 'not-found', message: `Không có dịch vụ "${serviceId}".` });
    return service;
  }

  /** The service and its slots config, when it books online on that (offered, working) day. */
  private offered(serviceId: string, date: string) {
    if (!this.online || !this.o.config) throw new Refused(notOffered());
    const service = this.serviceOf(serviceId);
    const own = this.o.config.services[serviceId];
    if (!own) throw new Refused({ kind: 'not-offered', message: `Dịch vụ ${service.name} không nhận đặt lịch trực tuyến.` });
    if (!bookingDates(this.today(), this.online.horizonDays).includes(date)) {
      throw new Refused({ kind: 'invalid-input', field: 'date', message: `Chỉ đặt được lịch trong ${this.online.horizonDays} ngày tới (từ hôm nay).` });
    }
    const closed = this.closedDay(date);
    if (closed) throw new Refused(closed);
    return { service, own };
  }

  private closedDay(date: string): BookingError | null {
    const parsed = parseLocalDate(date);
    if (!parsed.ok || parsed.value.year < FIRST_CALENDAR_YEAR || parsed.value.year > LAST_CALENDAR_YEAR) return { kind: 'invalid-input', field: 'date', message: `Ngày "${date}" không hợp lệ.` };
    if (this.o.calendar.isWorkingDay(parsed.value)) return null;
    const holiday = this.o.calendar.holidaysOf(parsed.value.year).find((h) => h.date.month === parsed.value.month && h.date.day === parsed.value.day);
    return { kind: 'closed-day', message: `Trung tâm không làm việc ngày ${formatDateVi(date)}${holiday ? ` (${holiday.name})` : ''}: hãy chọn ngày khác.` };
  }

  /** The load of each slot of a service's day at `now`: the slot's places, the day's quota, the cap shared with walk-ins. */
  private async loads(service: Service, date: string, now: Date): Promise<(slot: string) => PlaceLoad> {
    const own = this.o.config!.services[service.id]!;
    const taken = await this.o.bookings.taken(date, service.id, now.toISOString());
    let dayUsed = 0;
    for (const t of taken.values()) dayUsed += t.booked + t.held;
    const cap = service.walkIn?.dailyCap;
    // Tickets of the day + bookings still to come + live holds (hub/queue/ticket-repository.ts takenToday).
    const capTaken = cap === undefined ? 0 : await this.o.tickets.takenToday(date, service.id, now.toISOString());
    return (slot) => {
      const t = taken.get(slot) ?? { booked: 0, held: 0 };
      return { capacity: own.capacityPerSlot, booked: t.booked, held: t.held, dayQuota: own.dailyQuota, dayUsed, dailyCap: cap, capTaken };
    };
  }

  private async liveHold(token: string, now: Date) {
    const held = await this.o.bookings.hold(holdHash(token));
    if (!held || !holdIsLive(held.expiresAt, now)) {
      throw new Refused({ kind: 'hold-expired', message: `Đã hết thời gian giữ chỗ (${this.online?.holdMinutes ?? 5} phút): mời chọn lại khung giờ.` });
    }
    return held;
  }

  private identityOf(phoneText: string, cccdText: string | undefined): Outcome<{ phone: string; identity: BookingIdentity }> {
    const phone = normaliseVnPhone(phoneText);
    if (!phone) return no({ kind: 'invalid-input', field: 'phone', message: 'Số điện thoại không hợp lệ: số di động Việt Nam 10 chữ số (03x, 05x, 07x, 08x, 09x) hoặc số cố định 02x.' });
    let cccdHash: string | null = null;
    if (cccdText !== undefined && cccdText.trim() !== '') {
      if (!this.online?.askCccd) return no({ kind: 'invalid-input', field: 'cccd', message: 'Trung tâm không nhận số CCCD khi đặt lịch.' });
      const cccd = normaliseCccd(cccdText);
      if (!cccd) return no({ kind: 'invalid-input', field: 'cccd', message: 'Số CCCD không hợp lệ: 12 chữ số, bắt đầu bằng mã tỉnh nơi đăng ký khai sinh.' });
      cccdHash = identityHash('cccd', cccd);
    }
    return ok({ phone, identity: { phoneHash: identityHash('phone', phone), cccdHash } });
  }

  /** The booking named by a code, if the phone number given is the one it was booked with; the same answer otherwise. */
  private async owned(input: CodeInput): Promise<Appointment> {
    const code = normaliseBookingCode(input.code);
    const phone = normaliseVnPhone(input.phone);
    const a = /^[A-Z0-9]{1,12}$/.test(code) ? await this.o.appointments.byCode(code) : null;
    // Unknown code and wrong phone answer alike: the code alone does not confirm a booking exists.
    if (!a || !phone || a.phone === null || normaliseVnPhone(a.phone) !== phone) {
      throw new Refused({ kind: 'not-found', message: `Không tìm thấy lịch hẹn có mã ${code} với số điện thoại này. Vui lòng kiểm tra lại.` });
    }
    return a;
  }

  private async view(a: Appointment, serviceName: string): Promise<BookingView> {
    const qr = await QRCode.toString(a.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    return {
      code: a.code,
      serviceId: a.serviceId,
      serviceName,
      date: a.date,
      slotStart: a.slotStart,
      state: a.state,
      initials: maskName(a.citizenName),
      phone: a.phone ? maskVnPhone(normaliseVnPhone(a.phone) ?? a.phone) : '',
      qr: `data:image/svg+xml;base64,${Buffer.from(qr, 'utf8').toString('base64')}`,
    };
  }

  /** 32^6 ≈ 10^9 codes: a clash is rare, so drawing again until unused ends fast. */
  private async newCode(): Promise<string> {
    for (;;) {
      const code = makeBookingCode((below) => randomInt(below));
      if (!(await this.o.appointments.byCode(code))) return code;
    }
  }
}

const notOffered = (): BookingError => ({ kind: 'not-offered', message: 'Trung tâm chưa nhận đặt lịch hẹn trực tuyến. Mời bạn liên hệ trực tiếp hoặc lấy số tại ki-ốt.' });
const slotPast = (slot: string, date: string): BookingError => ({ kind: 'slot-past', message: `Khung giờ ${slot} ngày ${formatDateVi(date)} đã qua: hãy chọn một khung giờ sau.` });
const notChangeable = (a: Appointment): BookingError => ({
  kind: 'not-changeable',
  message: a.state === 'cancelled' ? `Lịch hẹn ${a.code} đã được huỷ trước đó.` : `Lịch hẹn ${a.code} đã được xác nhận tại ki-ốt: không huỷ hay đổi được nữa.`,
});
