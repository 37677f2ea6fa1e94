import { nextLeaseBlock, nextNumber, type NumberedService } from '../../../core/queue/numbering';
import type { Service } from '../../../core/queue/types';
import { ok, type Result } from '../../../core/result';
import type { Queryable } from './queryable';

/**
 * Ticket numbers on PostgreSQL, exact when several hub processes issue for the same centre,
 * service and day at once. Every allocation starts with an upsert of the (centre, day, service)
 * row of number_sequences, which takes that row's lock until the transaction ends: writers of one
 * service's day take turns, writers of others never wait. The rules are core's (numbering.ts):
 * online numbers count up from numberFrom, kiosks' leases come down from numberTo, neither reaches
 * the other.
 *
 * Read-committed is enough: after the lock is ours, a new statement sees every lease committed by
 * those who held it before. Both functions run inside the caller's transaction (the command's);
 * on a refusal (`exhausted`) the caller rolls back, which undoes the upsert too.
 *
 * A row whose last_number is below numberFrom (0, as written by `lockNumbering`) means "none
 * issued yet": a lease or a read under lock came first and created it to hold the lock (SQLite has
 * no row then; `province import` writes none).
 */


export interface NumberKey {
  readonly centreId: string;
  /** The centre's calendar day, "YYYY-MM-DD" (core's serviceDay). */
  readonly day: string;
  readonly service: NumberedService;
}

/**
 * Locks the (centre $1, day $2, service $3) row, creating it with the first number ($4, numberFrom)
 * if absent, and counts one up: one statement, no read-then-write. Returns last_number, the number
 * taken; judgeTakenNumber() then asks core's rule. (Also the first part of the ticket repository's
 * issue statement.)
 */
export const TAKE_NEXT_NUMBER = `INSERT INTO number_sequences (centre_id, day, service_id, last_number) VALUES ($1, $2, $3, $4)
     ON CONFLICT (centre_id, day, service_id) DO UPDATE SET last_number = greatest(number_sequences.last_number + 1, excluded.last_number)
     RETURNING last_number`;

const SQL = {
  takeNext: TAKE_NEXT_NUMBER,
  // Locks the row without counting (an update that changes nothing still takes the row lock); 0: none issued.
  lock: `INSERT INTO number_sequences (centre_id, day, service_id, last_number) VALUES ($1, $2, $3, 0)
     ON CONFLICT (centre_id, day, service_id) DO UPDATE SET last_number = number_sequences.last_number
     RETURNING last_number`,
  lowestLeased: 'SELECT min(first_number) AS lowest FROM number_leases WHERE centre_id = $1 AND day = $2 AND service_id = $3',
  insertLease: `INSERT INTO number_leases (centre_id, day, service_id, device_id, first_number, last_number, leased_at, command_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
} as const;

/** The lowest number leased to a kiosk for the service's day (null: none). */
export async function lowestLeased(db: Queryable, { centreId, day, service }: Pick<NumberKey, 'centreId' | 'day'> & { service: Pick<Service, 'id'> }): Promise<number | null> {
  const { rows } = await db.query<{ lowest: number | null }>(SQL.lowestLeased, [centreId, day, service.id]);
  return rows[0]?.lowest ?? null;
}

/**
 * Where a service's numbering stands today, read under the (centre, day, service) row lock, which
 * the caller's transaction keeps until it ends: the last online number (null: none; so also a row
 * below 1 — a lock's marker) and the lowest number leased to a kiosk (null: none). What the SQLite
 * repository's numbering() reads, made exact for writers in other processes: whatever the caller
 * then writes from it (a ticket's number, a lease) nobody else can have taken meanwhile.
 * Two statements: a statement that waited for the lock reads with its older snapshot.
 */
export async function lockNumbering(db: Queryable, centreId: string, day: string, serviceId: string): Promise<{ lastIssued: number | null; lowestLeased: number | null }> {
  const [{ rows }, lowest] = await Promise.all([
    db.query<{ last_number: number }>(SQL.lock, [centreId, day, serviceId]),
    lowestLeased(db, { centreId, day, service: { id: serviceId } }),
  ]);
  const last = rows[0]!.last_number;
  return { lastIssued: last >= 1 ? last : null, lowestLeased: lowest };
}

/**
 * Core's rule on a number TAKE_NEXT_NUMBER took, judged from the state before it: the last issued
 * (null: none) and the lowest lease read after the lock. `exhausted` when it reached the block's
 * end or a kiosk's lease (the caller then takes it back); an error if the count and the rule ever
 * disagree.
 */
export function judgeTakenNumber(service: NumberedService, taken: number, lowest: number | null): Result<number> {
  const next = nextNumber(service, taken > service.numberFrom ? taken - 1 : null, lowest);
  if (next.ok && next.value !== taken) throw new Error(`number_sequences out of step with the rules: took ${taken}, the rules say ${next.value}`);
  return next;
}

/**
 * The next online number of the service's day at the centre; `exhausted` when it would reach the
 * block's end or a kiosk's lease (the count is then one up until the caller rolls back). The lowest
 * lease is read behind the take on the same connection (pipelined), once the lock is held.
 */
export async function allocateTicketNumber(db: Queryable, key: NumberKey): Promise<Result<number>> {
  const { centreId, day, service } = key;
  const [{ rows }, lowest] = await Promise.all([db.query<{ last_number: number }>(SQL.takeNext, [centreId, day, service.id, service.numberFrom]), lowestLeased(db, key)]);
  return judgeTakenNumber(service, rows[0]!.last_number, lowest);
}

export interface LeaseRequest {
  readonly deviceId: string;
  readonly count: number;
  readonly leasedAt: string;
  readonly commandId: string;
}

/** A kiosk's block of numbers from the top of the service's day, below every earlier lease, above every online number. */
export async function leaseNumberBlock(db: Queryable, key: NumberKey, request: LeaseRequest): Promise<Result<{ id: number; from: number; to: number }>> {
  const { centreId, day, service } = key;
  const { rows } = await db.query<{ last_number: number }>(SQL.lock, [centreId, day, service.id]);
  const last = rows[0]!.last_number;
  const block = nextLeaseBlock(service, last >= service.numberFrom ? last : null, await lowestLeased(db, key), request.count);
  if (!block.ok) return block;
  const { from, to } = block.value;
  const inserted = await db.query<{ id: number }>(SQL.insertLease, [centreId, day, service.id, request.deviceId, from, to, request.leasedAt, request.commandId]);
  return ok({ id: inserted.rows[0]!.id, from, to });
}
