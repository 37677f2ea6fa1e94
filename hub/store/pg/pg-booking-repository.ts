import type { BookingRepository } from '../../booking/booking-repository';
import { toHold, type BookingHold, type BookingHoldRow, type BookingIdentity, type SlotTaken } from '../../booking/booking-rows';
import type { Async } from '../async-of';
import type { PgSql } from './pg-store';

const SQL = {
  // One lock per centre, service and day for the rest of the transaction: two requests for the last place take turns.
  lockDay: `SELECT pg_advisory_xact_lock(hashtextextended('booking:' || $1 || ':' || $2 || ':' || $3, 0))`,
  booked: `SELECT slot_start, count(*)::int AS n FROM appointments WHERE centre_id = $1 AND date = $2 AND service_id = $3 AND state <> 'cancelled' GROUP BY slot_start`,
  held: `SELECT slot_start, count(*)::int AS n FROM booking_holds WHERE centre_id = $1 AND date = $2 AND service_id = $3 AND expires_at > $4 GROUP BY slot_start`,
  insertHold: `INSERT INTO booking_holds (centre_id, hold_hash, service_id, date, slot_start, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  holdByHash: `SELECT hold_hash, service_id, date, slot_start, expires_at, created_at FROM booking_holds WHERE centre_id = $1 AND hold_hash = $2`,
  deleteHold: `DELETE FROM booking_holds WHERE centre_id = $1 AND hold_hash = $2`,
  sweep: `DELETE FROM booking_holds WHERE centre_id = $1 AND expires_at <= $2`,
  insertIdentity: `INSERT INTO booking_identities (centre_id, code, date, phone_hash, cccd_hash) VALUES ($1, $2, $3, $4, $5)`,
  identity: `SELECT phone_hash, cccd_hash FROM booking_identities WHERE centre_id = $1 AND code = $2`,
  ofPerson: `SELECT count(*)::int AS n FROM booking_identities i JOIN appointments a ON a.centre_id = i.centre_id AND a.code = i.code
     WHERE i.centre_id = $1 AND i.date = $2 AND a.state <> 'cancelled' AND a.code <> $3 AND (i.phone_hash = $4 OR ($5::text IS NOT NULL AND i.cccd_hash = $5))`,
  move: `UPDATE appointments SET date = $3, slot_start = $4 WHERE centre_id = $1 AND code = $2 AND state = 'booked'`,
  moveIdentity: `UPDATE booking_identities SET date = $3 WHERE centre_id = $1 AND code = $2`,
} as const;

/**
 * The PostgreSQL twin of hub/booking/booking-repository.ts, for one centre. Under READ COMMITTED
 * two transactions could both count the last place free; lockDay() makes every request that
 * counts and takes places of one service's day take a transaction-scoped advisory lock first.
 */
export class PgBookingRepository implements Async<BookingRepository> {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async lockDay(date: string, serviceId: string): Promise<void> {
    await this.sql.rows(SQL.lockDay, [this.centreId, serviceId, date]);
  }

  async taken(date: string, serviceId: string, now: string): Promise<Map<string, SlotTaken>> {
    const out = new Map<string, { booked: number; held: number }>();
    const at = (slot: string) => out.get(slot) ?? out.set(slot, { booked: 0, held: 0 }).get(slot)!;
    for (const r of await this.sql.rows<{ slot_start: string; n: number }>(SQL.booked, [this.centreId, date, serviceId])) at(r.slot_start).booked = r.n;
    for (const r of await this.sql.rows<{ slot_start: string; n: number }>(SQL.held, [this.centreId, date, serviceId, now])) at(r.slot_start).held = r.n;
    return out;
  }

  async insertHold(h: BookingHold): Promise<void> {
    await this.sql.run(SQL.insertHold, [this.centreId, h.holdHash, h.serviceId, h.date, h.slotStart, h.expiresAt, h.createdAt]);
  }

  async hold(holdHash: string): Promise<BookingHold | null> {
    const row = await this.sql.row<BookingHoldRow>(SQL.holdByHash, [this.centreId, holdHash]);
    return row ? toHold(row) : null;
  }

  async releaseHold(holdHash: string): Promise<boolean> {
    return (await this.sql.run(SQL.deleteHold, [this.centreId, holdHash])) > 0;
  }

  async sweepHolds(now: string): Promise<number> {
    return this.sql.run(SQL.sweep, [this.centreId, now]);
  }

  async insertIdentity(code: string, date: string, identity: BookingIdentity): Promise<void> {
    await this.sql.run(SQL.insertIdentity, [this.centreId, code, date, identity.phoneHash, identity.cccdHash]);
  }

  async identity(code: string): Promise<BookingIdentity | null> {
    const row = await this.sql.row<{ phone_hash: string; cccd_hash: string | null }>(SQL.identity, [this.centreId, code]);
    return row ? { phoneHash: row.phone_hash, cccdHash: row.cccd_hash } : null;
  }

  async bookingsOfPerson(date: string, identity: BookingIdentity, exceptCode = ''): Promise<number> {
    return (await this.sql.row<{ n: number }>(SQL.ofPerson, [this.centreId, date, exceptCode, identity.phoneHash, identity.cccdHash]))!.n;
  }

  async move(code: string, date: string, slotStart: string): Promise<boolean> {
    const moved = (await this.sql.run(SQL.move, [this.centreId, code, date, slotStart])) > 0;
    if (moved) await this.sql.run(SQL.moveIdentity, [this.centreId, code, date]);
    return moved;
  }
}
