import { randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { TICKET_TOKEN_BYTES, ticketPageUrl, ticketTokenFromBytes } from '../../core/public/ticket-token';
import type { Ticket, TicketState } from '../../core/queue/types';
import type { TicketRow } from '../queue/ticket-rows';
import { hashPublicToken } from './public-token-hash';

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
  /** Whether the ticket has its rating (from any counter, kiosk or this page). */
  readonly rated: boolean;
  /** The N of its "nhắc tôi khi còn N người", or null. */
  readonly reminderRemaining: number | null;
}

/** The columns of the ticket row (hub/queue/ticket-rows.ts) the page reads. */
type Row = Pick<TicketRow, 'id' | 'day' | 'service_id' | 'number' | 'state' | 'issued_at' | 'called_at' | 'counter_id'> & { rated: number; reminder: number | null };

/** The ticket's follow-ups, by its primary key in each table (no other ticket is read). */
const FOLLOW_UPS = `EXISTS (SELECT 1 FROM ratings r WHERE r.ticket_id = t.id) AS rated, (SELECT remaining FROM ticket_reminders m WHERE m.ticket_id = t.id) AS reminder`;

const SQL = {
  insert: 'INSERT INTO ticket_public_tokens (token_hash, ticket_id, created_at) VALUES (?, ?, ?)',
  // A kiosk's own token: never over another ticket's (the hash is the key) nor a second one for this ticket.
  register: 'INSERT OR IGNORE INTO ticket_public_tokens (token_hash, ticket_id, created_at) VALUES (?, ?, ?)',
  // One probe of the primary key by the hash: the same work for a token that never existed and one of a past day.
  byHash: `SELECT t.id, t.day, t.service_id, t.number, t.state, t.issued_at, t.called_at, t.counter_id, ${FOLLOW_UPS}
     FROM ticket_public_tokens p JOIN tickets t ON t.id = p.ticket_id WHERE p.token_hash = ?`,
  byId: `SELECT t.id, t.day, t.service_id, t.number, t.state, t.issued_at, t.called_at, t.counter_id, ${FOLLOW_UPS} FROM tickets t WHERE t.id = ?`,
  // The order waitingAhead counts in (hub/queue/ticket-repository.ts): issue time, then id.
  waitingOrder: `SELECT id FROM tickets WHERE day = ? AND service_id = ? AND state = 'waiting' ORDER BY issued_at, id`,
} as const;

const toTicket = (r: Row): TokenTicket => ({
  id: r.id,
  day: r.day,
  serviceId: r.service_id,
  number: r.number,
  state: r.state,
  issuedAt: r.issued_at,
  calledAt: r.called_at,
  counterId: r.counter_id,
  rated: r.rated === 1,
  reminderRemaining: r.reminder,
});

/** A ticket's token is stored as every public token is (hub/public/public-token-hash.ts). */
export const hashTicketToken = hashPublicToken;

/**
 * Public tokens of tickets: minted inside the issuing command's transaction (the answer carries
 * the link to print), stored as SHA-256, found by hash only. There is no way in from an id or a
 * number: the table is never read by ticket.
 */
export class TicketTokens {
  private readonly s: { readonly [K in keyof typeof SQL]: Statement };

  constructor(
    db: Database,
    private readonly publicBaseUrl: string | undefined,
  ) {
    this.s = Object.fromEntries(Object.entries(SQL).map(([k, q]) => [k, db.prepare(q)])) as TicketTokens['s'];
  }

  /**
   * The link to print on a ticket just issued, or undefined when the centre has no public address
   * (then no token is made). Synchronous: it runs inside the issuing command's handler, which is
   * synchronous on main today (it becomes async with the rest of the handlers).
   */
  mint(ticket: Pick<Ticket, 'id'>, at: string): string | undefined {
    if (!this.publicBaseUrl) return undefined;
    const token = ticketTokenFromBytes(randomBytes(TICKET_TOKEN_BYTES));
    this.s.insert.run(hashTicketToken(token), ticket.id, at);
    return ticketPageUrl(this.publicBaseUrl, token);
  }

  /**
   * Registers the token a kiosk drew for a ticket it issued offline (delivered now): the link on
   * that paper works from here on. Undefined when the centre has no public address or the token
   * is taken (a kiosk cannot take over another ticket's link).
   */
  register(ticketId: number, token: string, at: string): string | undefined {
    if (!this.publicBaseUrl) return undefined;
    const { changes } = this.s.register.run(hashTicketToken(token), ticketId, at);
    return changes === 1 ? ticketPageUrl(this.publicBaseUrl, token) : undefined;
  }

  async find(token: string): Promise<TokenTicket | null> {
    const row = this.s.byHash.get(hashTicketToken(token)) as Row | undefined;
    return row ? toTicket(row) : null;
  }

  async ticket(id: number): Promise<TokenTicket | null> {
    const row = this.s.byId.get(id) as Row | undefined;
    return row ? toTicket(row) : null;
  }

  /** Ids of a service's waiting tickets of the day, oldest issue first. */
  async waitingOrder(day: string, serviceId: string): Promise<number[]> {
    return (this.s.waitingOrder.all(day, serviceId) as { id: number }[]).map((r) => r.id);
  }
}
