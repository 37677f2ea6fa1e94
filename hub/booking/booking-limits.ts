/**
 * The public booking page's own budgets (issue 15: a booking flood from one address or one
 * identity is stopped). Per hub process, in memory, like the ticket page's (hub/public/phone-limits.ts).
 */
export interface BookingLimits {
  /** Every /dat-lich request (page, assets, API) from one address. */
  readonly perAddress: { readonly limit: number; readonly windowMs: number };
  /** Requests that take or change something (holds, bookings, cancel, move, look-ups by code) from one address. */
  readonly writesPerAddress: { readonly limit: number; readonly windowMs: number };
  /** Bookings, cancels, moves and look-ups naming one phone number (or CCCD), from anywhere. */
  readonly perIdentity: { readonly limit: number; readonly windowMs: number };
  /** Look-ups, cancels and moves naming one booking code, from anywhere (a code's phone cannot be guessed by trying). */
  readonly perCode: { readonly limit: number; readonly windowMs: number };
}

export const DEFAULT_BOOKING_LIMITS: BookingLimits = {
  perAddress: { limit: 300, windowMs: 60_000 },
  writesPerAddress: { limit: 30, windowMs: 10 * 60_000 },
  perIdentity: { limit: 10, windowMs: 60 * 60_000 },
  perCode: { limit: 10, windowMs: 60 * 60_000 },
};
