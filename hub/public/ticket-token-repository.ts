import type { Database, Statement } from 'better-sqlite3';
import type { TicketState } from '../../core/queue/types';
import type { TicketRow } from '../queue/ticket-rows';

/** What the public page needs of a ticket found by its token (its own row, nothing else). */
export interface TokenTicket {
  readonly id: number;
  readonly day: string;
  readonly serviceId: string;
  readonly number: number;
  readonly state: TicketState;
  readonly issuedAt: string;
  readonly calledAt: string | null;
  readonly counterId: string | null;
  /** Whether the ticket has its rating (from any counter, kiosk or the phone page). */
  readonly rated: boolean;
  /** The N of its "nhắc tôi khi còn N người", or null. */
  readonly reminderRemaining: number | null;
}

/** The columns of the ticket row (hub/queue/ticket-rows.ts) the page reads. */
export type TokenTicketRow = Pick<TicketRow, 'id' | 'day' | 'service_id' | 'number' | 'state' | 'issued_at' | 'called_at' | 'counter_id'> & { rated: number | boolean; reminder: number | null };

/** The ticket's follow-ups, by its key in each table (no other ticket is read); the same SQL on both stores. */
export const TOKEN_TICKET_FOLLOW_UPS = `EXISTS (SELECT 1 FROM ratings r WHERE r.ticket_id = t.id) AS rated, (SELECT remaining FROM ticket_reminders m WHERE m.ticket_id = t.id) AS reminder`;

export const toTokenTicket = (r: TokenTicketRow): TokenTicket => ({
  id: r.id,
  day: r.day,
  serviceId: r.service_id,
  number: r.number,
  state: r.state,
  issuedAt: r.issued_at,
  calledAt: r.called_at,
  counterId: r.counter_id,
  rated: Boolean(r.rated),
  reminderRemaining: r.reminder,
});

const SQL = {
  insert: 'INSERT INTO ticket_public_tokens (token_hash, ticket_id, created_at) VALUES (?, ?, ?)',
  // A kiosk's own token: never over another ticket's (the hash is the key) nor a second one for this ticket.
  register: 'INSERT OR IGNORE INTO ticket_public_tokens (token_hash, ticket_id, created_at) VALUES (?, ?, ?)',
  // One probe of the primary key by the hash: the same work for a token that never existed and one of a past day.
  byHash: `SELECT t.id, t.day, t.service_id, t.number, t.state, t.issued_at, t.called_at, t.counter_id, ${TOKEN_TICKET_FOLLOW_UPS}
     FROM ticket_public_tokens p JOIN tickets t ON t.id = p.ticket_id WHERE p.token_hash = ?`,
  byId: `SELECT t.id, t.day, t.service_id, t.number, t.state, t.issued_at, t.called_at, t.counter_id, ${TOKEN_TICKET_FOLLOW_UPS} FROM tickets t WHERE t.id = ?`,
  // The order waitingAhead counts in (hub/queue/ticket-repository.ts): issue time, then id.
  waitingOrder: `SELECT id FROM tickets WHERE day = ? AND service_id = ? AND state = 'waiting' ORDER BY issued_at, id`,
} as const;

/**
 * The stored hashes of tickets' public tokens (migration 0019) and the few ticket columns the
 * phone page reads. Found by hash only: the table is never read by ticket. The PostgreSQL twin:
 * hub/store/pg/pg-ticket-token-repository.ts.
 */
export class TicketTokenRepository {
  private readonly s: { readonly [K in keyof typeof SQL]: Statement };

  constructor(db: Database) {
    this.s = Object.fromEntries(Object.entries(SQL).map(([k, q]) => [k, db.prepare(q)])) as TicketTokenRepository['s'];
  }

  /** A freshly drawn token's hash for a ticket just issued (random: a clash is an error, not a case). */
  insert(tokenHash: string, ticketId: number, at: string): void {
    this.s.insert.run(tokenHash, ticketId, at);
  }

  /** A kiosk's token for a ticket it issued offline: false when the hash or the ticket already has one. */
  register(tokenHash: string, ticketId: number, at: string): boolean {
    return this.s.register.run(tokenHash, ticketId, at).changes === 1;
  }

  byHash(tokenHash: string): TokenTicket | null {
    const row = this.s.byHash.get(tokenHash) as TokenTicketRow | undefined;
    return row ? toTokenTicket(row) : null;
  }

  ticket(id: number): TokenTicket | null {
    const row = this.s.byId.get(id) as TokenTicketRow | undefined;
    return row ? toTokenTicket(row) : null;
  }

  /** Ids of a service's waiting tickets of the day, oldest issue first. */
  waitingOrder(day: string, serviceId: string): number[] {
    return (this.s.waitingOrder.all(day, serviceId) as { id: number }[]).map((r) => r.id);
  }
}
