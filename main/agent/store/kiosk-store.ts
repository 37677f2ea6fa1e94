import type { Database } from 'better-sqlite3';
import type { NumberLease } from '../../../core/protocol/ticket-lease-commands';
import type { PriorityClass } from '../../../core/queue/types';
import { openTerminalDb } from './terminal-db';

export type OfflineTicketState = 'pending' | 'delivered' | 'failed';

/** A ticket the kiosk issued from a lease (schema: migrations/0002). */
export interface OfflineTicketRow {
  readonly seq: number;
  readonly commandId: string;
  readonly serviceId: string;
  readonly day: string;
  readonly number: number;
  readonly issuedAt: string;
  readonly priority: Exclude<PriorityClass, 'appointment'>;
  readonly supersedes: string | null;
  readonly voidRequested: boolean;
  readonly state: OfflineTicketState;
  readonly error: string | null;
  readonly ticketId: number | null;
  /** The public token printed in the ticket's QR (sent with the delivery); null: no QR. */
  readonly trackingToken: string | null;
}

interface RawRow {
  seq: number;
  command_id: string;
  service_id: string;
  day: string;
  number: number;
  issued_at: string;
  priority: Exclude<PriorityClass, 'appointment'>;
  supersedes: string | null;
  void_requested: number;
  state: OfflineTicketState;
  error: string | null;
  ticket_id: number | null;
  tracking_token: string | null;
}

/**
 * The kiosk's number leases and its outbox of tickets issued offline, in the terminal's SQLite.
 * Taking a number and recording its ticket are one transaction, so a number is never given twice
 * even across a crash between the two.
 */
export class KioskStore {
  private readonly db: Database;

  constructor(dataDir: string) {
    this.db = openTerminalDb(dataDir);
  }

  close(): void {
    this.db.close();
  }

  /** Keeps a block the hub leased (a block already known is left as it is). */
  addLease(lease: NumberLease, leasedAt: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO number_leases (service_id, day, from_number, to_number, next_number, leased_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(lease.serviceId, lease.day, lease.from, lease.to, lease.from, leasedAt);
  }

  /** Unused leased numbers of a service on `day` (leases of other days never count). */
  numbersLeft(serviceId: string, day: string): number {
    const r = this.db.prepare('SELECT coalesce(sum(to_number - next_number + 1), 0) AS n FROM number_leases WHERE service_id = ? AND day = ?').get(serviceId, day) as { n: number };
    return r.n;
  }

  /** Unused numbers of `day` per service (only services with a lease of that day). */
  numbersLeftByService(day: string): Record<string, number> {
    const rows = this.db.prepare('SELECT service_id AS s, sum(to_number - next_number + 1) AS n FROM number_leases WHERE day = ? GROUP BY service_id ORDER BY service_id').all(day) as { s: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.s, r.n]));
  }

  /**
   * Takes the lowest unused number of `day`'s leases of the service and records the ticket, in
   * one transaction. Null when no number of that day is left.
   */
  issue(t: { readonly commandId: string; readonly serviceId: string; readonly day: string; readonly issuedAt: string; readonly priority: Exclude<PriorityClass, 'appointment'>; readonly supersedes: string | null; readonly trackingToken?: string | null }): OfflineTicketRow | null {
    return this.db.transaction(() => {
      const lease = this.db
        .prepare('SELECT id, next_number AS n FROM number_leases WHERE service_id = ? AND day = ? AND next_number <= to_number ORDER BY from_number LIMIT 1')
        .get(t.serviceId, t.day) as { id: number; n: number } | undefined;
      if (!lease) return null;
      this.db.prepare('UPDATE number_leases SET next_number = next_number + 1 WHERE id = ?').run(lease.id);
      const info = this.db
        .prepare("INSERT INTO offline_tickets (command_id, service_id, day, number, issued_at, priority, supersedes, state, tracking_token) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)")
        .run(t.commandId, t.serviceId, t.day, lease.n, t.issuedAt, t.priority, t.supersedes, t.trackingToken ?? null);
      return this.bySeq(Number(info.lastInsertRowid));
    })();
  }

  bySeq(seq: number): OfflineTicketRow | null {
    const r = this.db.prepare('SELECT * FROM offline_tickets WHERE seq = ?').get(seq) as RawRow | undefined;
    return r ? toRow(r) : null;
  }

  /** Tickets the hub does not have yet and may still take, in issue order. */
  undelivered(): OfflineTicketRow[] {
    return (this.db.prepare("SELECT * FROM offline_tickets WHERE state = 'pending' ORDER BY seq").all() as RawRow[]).map(toRow);
  }

  failed(): OfflineTicketRow[] {
    return (this.db.prepare("SELECT * FROM offline_tickets WHERE state = 'failed' ORDER BY seq").all() as RawRow[]).map(toRow);
  }

  pendingCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM offline_tickets WHERE state = 'pending'").get() as { n: number }).n;
  }

  /** The paper did not come out and the centre voids such tickets: cancelled once delivered. */
  requestVoid(seq: number): void {
    this.db.prepare('UPDATE offline_tickets SET void_requested = 1 WHERE seq = ?').run(seq);
  }

  markDelivered(seq: number, ticketId: number, at: string): void {
    this.db.prepare("UPDATE offline_tickets SET state = 'delivered', ticket_id = ?, delivered_at = ?, error = NULL, attempts = attempts + 1 WHERE seq = ?").run(ticketId, at, seq);
  }

  /** A transient failure: kept pending with the last reason. */
  noteAttempt(seq: number, error: string): void {
    this.db.prepare('UPDATE offline_tickets SET error = ?, attempts = attempts + 1 WHERE seq = ?').run(error, seq);
  }

  /** Refused for good (or of a day that is over): kept and shown with the reason, never retried by itself. */
  markFailed(seq: number, error: string): void {
    this.db.prepare("UPDATE offline_tickets SET state = 'failed', error = ?, attempts = attempts + 1 WHERE seq = ?").run(error, seq);
  }
}

function toRow(r: RawRow): OfflineTicketRow {
  return {
    seq: r.seq,
    commandId: r.command_id,
    serviceId: r.service_id,
    day: r.day,
    number: r.number,
    issuedAt: r.issued_at,
    priority: r.priority,
    supersedes: r.supersedes,
    voidRequested: r.void_requested === 1,
    state: r.state,
    error: r.error,
    ticketId: r.ticket_id,
    trackingToken: r.tracking_token,
  };
}
