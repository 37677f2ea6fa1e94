import { randomBytes } from 'node:crypto';
import { TICKET_TOKEN_BYTES, ticketPageUrl, ticketTokenFromBytes } from '../../core/public/ticket-token';
import type { Ticket } from '../../core/queue/types';
import type { Async } from '../store/async-of';
import { hashPublicToken } from './public-token-hash';
import type { TicketTokenRepository, TokenTicket } from './ticket-token-repository';

export type { TokenTicket } from './ticket-token-repository';

/** A ticket token's stored form: the SHA-256 every public token gets (hub/public/public-token-hash.ts). */
export const hashTicketToken = hashPublicToken;

/**
 * Public tokens of tickets: minted inside the issuing command's transaction (the answer carries
 * the link to print), stored as SHA-256, found by hash only. There is no way in from an id or a
 * number: the table is never read by ticket. Over either store (the repository's async face).
 */
export class TicketTokens {
  constructor(
    private readonly repo: Async<TicketTokenRepository>,
    private readonly publicBaseUrl: string | undefined,
  ) {}

  /** The link to print on a ticket just issued, or undefined when the centre has no public address (then no token is made). */
  async mint(ticket: Pick<Ticket, 'id'>, at: string): Promise<string | undefined> {
    const drawn = this.draw();
    if (!drawn) return undefined;
    await this.repo.insert(drawn.tokenHash, ticket.id, at);
    return drawn.url;
  }

  /**
   * A new token's stored hash and the link it makes, for a statement that stores it itself (the
   * one-statement issue on PostgreSQL); undefined when the centre has no public address.
   */
  draw(): { tokenHash: string; url: string } | undefined {
    if (!this.publicBaseUrl) return undefined;
    const token = ticketTokenFromBytes(randomBytes(TICKET_TOKEN_BYTES));
    return { tokenHash: hashTicketToken(token), url: ticketPageUrl(this.publicBaseUrl, token) };
  }

  /**
   * Registers the token a kiosk drew for a ticket it issued offline (delivered now): the link on
   * that paper works from here on. Undefined when the centre has no public address or the token
   * is taken (a kiosk cannot take over another ticket's link).
   */
  async register(ticketId: number, token: string, at: string): Promise<string | undefined> {
    if (!this.publicBaseUrl) return undefined;
    return (await this.repo.register(hashTicketToken(token), ticketId, at)) ? ticketPageUrl(this.publicBaseUrl, token) : undefined;
  }

  find(token: string): Promise<TokenTicket | null> {
    return this.repo.byHash(hashTicketToken(token));
  }

  ticket(id: number): Promise<TokenTicket | null> {
    return this.repo.ticket(id);
  }

  /** Ids of a service's waiting tickets of the day, oldest issue first. */
  waitingOrder(day: string, serviceId: string): Promise<number[]> {
    return this.repo.waitingOrder(day, serviceId);
  }
}
