import { err, ok, type Result } from '../../core/result';
import type { Ticket } from '../../core/queue/types';
import type { Async } from '../store/async-of';
import type { TicketRepository } from './ticket-repository';

/**
 * A ticket of this centre by id. Ticket ids are province-wide on PostgreSQL (one table for every
 * centre): another centre's id is refused `forbidden` — the device may not touch that centre's
 * queue — and only an id nobody holds is `not-found`.
 */
export async function ticketOfThisCentre(tickets: Pick<Async<TicketRepository>, 'byId' | 'heldElsewhere'>, id: number): Promise<Result<Ticket>> {
  const ticket = await tickets.byId(id);
  if (ticket) return ok(ticket);
  if (await tickets.heldElsewhere(id)) return err('forbidden', `Vé mã ${id} thuộc hàng đợi của trung tâm khác: thiết bị của trung tâm này không xem, không xử lý được.`);
  return err('not-found', `Không có vé mã ${id}.`);
}
