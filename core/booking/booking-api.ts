import { z } from 'zod';
import { ClockTimeSchema, DateSchema } from '../appointments/appointments';
import { IdSchema } from '../queue/types';
import type { BookingError } from './booking-refusals';

/**
 * The public booking page's JSON API (hub routes /dat-lich/api/…): what the page sends, checked
 * with zod by the hub, and what it gets back. Nothing here names another citizen: slots carry
 * free places only, a booking is shown back only to whoever holds its code and phone number.
 */
const name = z.string().trim().min(2, 'họ tên (ít nhất 2 ký tự)').max(100, 'họ tên (tối đa 100 ký tự)');
const text = (max: number) => z.string().max(max);

export const HoldInputSchema = z.strictObject({ serviceId: IdSchema, date: DateSchema, slotStart: ClockTimeSchema });
export const HoldTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{24}$/, 'mã giữ chỗ');
export const BookInputSchema = z.strictObject({ hold: HoldTokenSchema, citizenName: name, phone: text(32), cccd: text(32).optional() });
export const CodeInputSchema = z.strictObject({ code: text(32), phone: text(32) });
export const MoveInputSchema = z.strictObject({ code: text(32), phone: text(32), hold: HoldTokenSchema });

export type HoldInput = z.infer<typeof HoldInputSchema>;
export type BookInput = z.infer<typeof BookInputSchema>;
export type CodeInput = z.infer<typeof CodeInputSchema>;
export type MoveInput = z.infer<typeof MoveInputSchema>;

export interface PublicService {
  readonly id: string;
  readonly name: string;
}
export interface PublicDay {
  readonly date: string;
  /** A working day of the centre. */
  readonly open: boolean;
}
export interface Catalogue {
  readonly services: readonly PublicService[];
  readonly days: readonly PublicDay[];
  readonly holdMinutes: number;
  readonly askCccd: boolean;
}
export interface PublicSlot {
  readonly start: string;
  readonly free: number;
  /** The slot has begun (today): no place to take, whatever is free. */
  readonly past: boolean;
}
export interface SlotsAnswer {
  readonly serviceId: string;
  readonly date: string;
  readonly slots: readonly PublicSlot[];
}
export interface HoldAnswer {
  readonly hold: string;
  readonly expiresAt: string;
  /** How long the hold lasts from now: the page counts down from this, not from its own clock against the hub's. */
  readonly seconds: number;
  readonly serviceId: string;
  readonly date: string;
  readonly slotStart: string;
}
/** A booking as its holder sees it: initials, the phone's last digits, the code and what the kiosk's scanner reads. */
export interface BookingView {
  readonly code: string;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly date: string;
  readonly slotStart: string;
  readonly state: 'booked' | 'checked-in' | 'cancelled';
  readonly initials: string;
  readonly phone: string;
  /** An SVG image (data: URL) of the QR the kiosk's scanner reads: the code itself, nothing else. */
  readonly qr: string;
}

export type ApiAnswer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BookingError };
