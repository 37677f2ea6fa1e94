import type { NewTicketReminder, PendingTicketReminder, TicketReminderState } from '../../public/ticket-reminder-repository';
import type { PgSql } from './pg-store';

/** The PostgreSQL twin of hub/public/ticket-reminder-repository.ts, for one centre (PostgreSQL migration 0012). */
export class PgTicketReminderRepository {
  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
  ) {}

  async insert(r: NewTicketReminder): Promise<void> {
    await this.sql.run(
      `INSERT INTO ticket_reminders (centre_id, ticket_id, day, service_id, phone, remaining, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [this.centreId, r.ticketId, r.day, r.serviceId, r.phone, r.remaining, r.createdAt],
    );
  }

  async find(ticketId: number): Promise<TicketReminderState | null> {
    const r = await this.sql.row<{ remaining: number; sent_at: string | null }>('SELECT remaining, sent_at FROM ticket_reminders WHERE centre_id = $1 AND ticket_id = $2', [this.centreId, ticketId]);
    return r ? { remaining: r.remaining, sentAt: r.sent_at } : null;
  }

  async countByPhone(day: string, phone: string): Promise<number> {
    const r = await this.sql.row<{ n: number }>('SELECT count(*)::integer AS n FROM ticket_reminders WHERE centre_id = $1 AND day = $2 AND phone = $3', [this.centreId, day, phone]);
    return r?.n ?? 0;
  }

  async pending(day: string, serviceId: string): Promise<PendingTicketReminder[]> {
    const rows = await this.sql.rows<{ ticket_id: string | number; phone: string; remaining: number }>(
      'SELECT ticket_id, phone, remaining FROM ticket_reminders WHERE centre_id = $1 AND day = $2 AND service_id = $3 AND sent_at IS NULL ORDER BY ticket_id',
      [this.centreId, day, serviceId],
    );
    return rows.map((r) => ({ ticketId: Number(r.ticket_id), phone: r.phone, remaining: r.remaining }));
  }

  async markSent(ticketId: number, at: string): Promise<boolean> {
    return (await this.sql.run('UPDATE ticket_reminders SET sent_at = $1 WHERE centre_id = $2 AND ticket_id = $3 AND sent_at IS NULL', [at, this.centreId, ticketId])) === 1;
  }

  async erasePast(today: string): Promise<number> {
    return this.sql.run('DELETE FROM ticket_reminders WHERE centre_id = $1 AND day < $2', [this.centreId, today]);
  }
}
