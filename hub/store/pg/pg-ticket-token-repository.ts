import { TOKEN_TICKET_FOLLOW_UPS, toTokenTicket, type TicketTokenRepository, type TokenTicket, type TokenTicketRow } from '../../public/ticket-token-repository';
import type { Async } from '../async-of';
import type { PgSql } from './pg-store';

const COLUMNS = `t.id, t.day, t.service_id, t.number, t.state, t.issued_at, t.called_at, t.counter_id, ${TOKEN_TICKET_FOLLOW_UPS}`;

/**
 * The PostgreSQL twin of hub/public/ticket-token-repository.ts, for one centre (PostgreSQL
 * migration 0009). The hash is the primary key across the province; a token presented at one
 * centre's hub finds only that centre's ticket. register() is one INSERT … ON CONFLICT DO
 * NOTHING: two processes registering at once, one row and one "taken".
 */
export class PgTicketTokenRepository implements Async<TicketTokenRepository> {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async insert(tokenHash: string, ticketId: number, at: string): Promise<void> {
    await this.sql.run('INSERT INTO ticket_public_tokens (centre_id, token_hash, ticket_id, created_at) VALUES ($1, $2, $3, $4)', [this.centreId, tokenHash, ticketId, at]);
  }

  async register(tokenHash: string, ticketId: number, at: string): Promise<boolean> {
    // Only a ticket of this centre: a kiosk cannot hang its link on another centre's ticket.
    const n = await this.sql.run(
      `INSERT INTO ticket_public_tokens (centre_id, token_hash, ticket_id, created_at)
       SELECT $1, $2, id, $4 FROM tickets WHERE centre_id = $1 AND id = $3
       ON CONFLICT DO NOTHING`,
      [this.centreId, tokenHash, ticketId, at],
    );
    return n === 1;
  }

  async byHash(tokenHash: string): Promise<TokenTicket | null> {
    const row = await this.sql.row<TokenTicketRow>(
      `SELECT ${COLUMNS} FROM ticket_public_tokens p JOIN tickets t ON t.id = p.ticket_id WHERE p.token_hash = $1 AND p.centre_id = $2`,
      [tokenHash, this.centreId],
    );
    return row ? toTokenTicket(row) : null;
  }

  async ticket(id: number): Promise<TokenTicket | null> {
    const row = await this.sql.row<TokenTicketRow>(`SELECT ${COLUMNS} FROM tickets t WHERE t.centre_id = $1 AND t.id = $2`, [this.centreId, id]);
    return row ? toTokenTicket(row) : null;
  }

  async waitingOrder(day: string, serviceId: string): Promise<number[]> {
    const rows = await this.sql.rows<{ id: number }>(`SELECT id FROM tickets WHERE centre_id = $1 AND day = $2 AND service_id = $3 AND state = 'waiting' ORDER BY issued_at, id`, [
      this.centreId,
      day,
      serviceId,
    ]);
    return rows.map((r) => r.id);
  }
}
