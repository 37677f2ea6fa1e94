import { z } from 'zod';

/**
 * The public booking page's rules (appointments.online in the centre config). Absent: the centre
 * takes bookings only at the desk (admin / back office), and /dat-lich answers that it does not
 * book online.
 */
export const OnlineBookingConfigSchema = z.strictObject({
  /** How long a chosen slot is held while the citizen fills the form; then it is free again by itself. */
  holdMinutes: z.number().int().min(1).max(30).default(5),
  /** Bookings one person (phone number, or CCCD when given) may hold on one day, all services together. */
  perPersonPerDay: z.number().int().min(1).max(10).default(1),
  /** How many days ahead (today included) the page offers. */
  horizonDays: z.number().int().min(1).max(90).default(14),
  /** Ask for the CCCD number (optional field): given, the per-person limit counts it too (stored hashed only). */
  askCccd: z.boolean().default(false),
});
export type OnlineBookingConfig = z.infer<typeof OnlineBookingConfigSchema>;
