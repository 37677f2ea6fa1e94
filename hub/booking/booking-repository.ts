import type { Database, Statement } from 'better-sqlite3';
import { toHold, type BookingHold, type BookingHoldRow, type BookingIdentity, type SlotTaken } from './booking-rows';

const SQL = {
  booked: `SELECT slot_start, count(*) AS n FROM appointments WHERE date = ? AND service_id = ? AND state <> 'cancelled' GROUP BY slot_start`,
  held: `SELECT slot_start, count(*) AS n FROM booking_holds WHERE date = ? AND service_id = ? AND expires_at > ? GROUP BY slot_start`,
  insertHold: `INSERT INTO booking_holds (hold_hash, service_id, date, slot_start, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  holdByHash: `SELECT * FROM booking_holds WHERE hold_hash = ?`,
  deleteHold: `DELETE FROM booking_holds WHERE hold_hash = ?`,
  sweep: `DELETE FROM booking_holds WHERE expires_at <= ?`,
  insertIdentity: `INSERT INTO booking_identities (code, date, phone_hash, cccd_hash) VALUES (?, ?, ?, ?)`,
  identity: `SELECT phone_hash, cccd_hash FROM booking_identities WHERE code = ?`,
  ofPerson: `SELECT count(*) AS n FROM booking_identities i JOIN appointments a ON a.code = i.code
     WHERE i.date = ? AND a.state <> 'cancelled' AND a.code <> ? AND (i.phone_hash = ? OR (? IS NOT NULL AND i.cccd_hash = ?))`,
  move: `UPDATE appointments SET date = ?, slot_start = ? WHERE code = ? AND state = 'booked'`,
  moveIdentity: `UPDATE booking_identities SET date = ? WHERE code = ?`,
} as const;

/**
 * Online booking's tables (migration 0020): holds of slots and the hashed identities of online
 * bookings, plus the per-slot counts the rules need. Callers run inside one transaction per
 * request; on SQLite the store's BEGIN IMMEDIATE already makes requests take turns, so lockDay
 * is nothing here (its PostgreSQL twin takes a transaction lock).
 */
export class BookingRepository {
  private readonly s: { readonly [K in keyof typeof SQL]: Statement };

  constructor(db: Database) {
    this.s = Object.fromEntries(Object.entries(SQL).map(([k, v]) => [k, db.prepare(v)])) as { [K in keyof typeof SQL]: Statement };
  }

  /** Serialises the requests that count and take places of one service's day (SQLite: the write transaction already does). */
  lockDay(_date: string, _serviceId: string): void {}

  /** Per slot start: bookings not cancelled and holds live at `now` (ISO). */
  taken(date: string, serviceId: string, now: string): Map<string, SlotTaken> {
    const out = new Map<string, { booked: number; held: number }>();
    const at = (slot: string) => out.get(slot) ?? out.set(slot, { booked: 0, held: 0 }).get(slot)!;
    for (const r of this.s.booked.all(date, serviceId) as { slot_start: string; n: number }[]) at(r.slot_start).booked = r.n;
    for (const r of this.s.held.all(date, serviceId, now) as { slot_start: string; n: number }[]) at(r.slot_start).held = r.n;
    return out;
  }

  insertHold(h: BookingHold): void {
    this.s.insertHold.run(h.holdHash, h.serviceId, h.date, h.slotStart, h.expiresAt, h.createdAt);
  }

  /** A hold by its hash, expired or not (the caller decides). */
  hold(holdHash: string): BookingHold | null {
    const row = this.s.holdByHash.get(holdHash) as BookingHoldRow | undefined;
    return row ? toHold(row) : null;
  }

  /** Whether it was there. */
  releaseHold(holdHash: string): boolean {
    return this.s.deleteHold.run(holdHash).changes > 0;
  }

  /** Deletes holds expired at `now`; they already counted for nothing. Answers how many. */
  sweepHolds(now: string): number {
    return this.s.sweep.run(now).changes;
  }

  insertIdentity(code: string, date: string, identity: BookingIdentity): void {
    this.s.insertIdentity.run(code, date, identity.phoneHash, identity.cccdHash);
  }

  identity(code: string): BookingIdentity | null {
    const row = this.s.identity.get(code) as { phone_hash: string; cccd_hash: string | null } | undefined;
    return row ? { phoneHash: row.phone_hash, cccdHash: row.cccd_hash } : null;
  }

  /** Online bookings of one person (same phone, or same CCCD when given) on a date, not cancelled, other than `exceptCode`. */
  bookingsOfPerson(date: string, identity: BookingIdentity, exceptCode = ''): number {
    return (this.s.ofPerson.get(date, exceptCode, identity.phoneHash, identity.cccdHash, identity.cccdHash) as { n: number }).n;
  }

  /** Moves a booking not yet checked in or cancelled to another slot; whether it did. */
  move(code: string, date: string, slotStart: string): boolean {
    const moved = this.s.move.run(date, slotStart, code).changes > 0;
    if (moved) this.s.moveIdentity.run(date, code);
    return moved;
  }
}
