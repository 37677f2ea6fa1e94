/**
 * The rules of booking a slot online (issue 15), pure: the hub counts, these decide. A slot's
 * places are taken by bookings not cancelled and by live holds (a slot held while a citizen fills
 * the form); a service's day by its optional booking quota; the service's daily cap is shared
 * with walk-in tickets (core/queue/walk-in-policy.ts: tickets of the day + open bookings + holds).
 */

export interface PlaceLoad {
  /** Places of the slot (appointments.services[id].capacityPerSlot). */
  readonly capacity: number;
  /** Bookings of the slot not cancelled. */
  readonly booked: number;
  /** Holds of the slot not expired (the asker's own hold excluded when it converts it). */
  readonly held: number;
  /** The service's bookings-per-day quota and what the day has used (bookings not cancelled + live holds). */
  readonly dayQuota?: number;
  readonly dayUsed: number;
  /** The service's daily cap shared with walk-ins, and what the day has taken (tickets + open bookings + live holds). */
  readonly dailyCap?: number;
  readonly capTaken: number;
}

export type PlaceRefusal =
  | { readonly kind: 'slot-full'; readonly capacity: number }
  | { readonly kind: 'day-full'; readonly quota: number }
  | { readonly kind: 'cap-reached'; readonly cap: number };

/** Places a citizen could still take in the slot now (never negative). */
export function freePlaces(load: PlaceLoad): number {
  const slot = load.capacity - load.booked - load.held;
  const day = load.dayQuota === undefined ? Infinity : load.dayQuota - load.dayUsed;
  const cap = load.dailyCap === undefined ? Infinity : load.dailyCap - load.capTaken;
  return Math.max(0, Math.min(slot, day, cap));
}

/** Whether one more place can be taken (a hold, or a booking moved here): null when it can. */
export function placeRefusal(load: PlaceLoad): PlaceRefusal | null {
  if (load.booked + load.held >= load.capacity) return { kind: 'slot-full', capacity: load.capacity };
  if (load.dayQuota !== undefined && load.dayUsed >= load.dayQuota) return { kind: 'day-full', quota: load.dayQuota };
  if (load.dailyCap !== undefined && load.capTaken >= load.dailyCap) return { kind: 'cap-reached', cap: load.dailyCap };
  return null;
}

/** Whether a person who already has `existing` bookings that day (any service, not cancelled) may book one more. */
export function withinPersonLimit(existing: number, perPersonPerDay: number): boolean {
  return existing < perPersonPerDay;
}

/** The instant a hold made at `now` lapses. */
export function holdExpiry(now: Date, holdMinutes: number): Date {
  return new Date(now.getTime() + holdMinutes * 60_000);
}

/** Whether a hold (its expiry, ISO) still holds its place at `now`. */
export function holdIsLive(expiresAt: string, now: Date): boolean {
  return Date.parse(expiresAt) > now.getTime();
}

/** The dates the page offers from `today` ("YYYY-MM-DD", the centre's day): `horizonDays` calendar days, today first. */
export function bookingDates(today: string, horizonDays: number): string[] {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const dates: string[] = [];
  for (let i = 0; i < horizonDays; i += 1) dates.push(new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
  return dates;
}
