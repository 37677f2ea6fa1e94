import type { Database, Statement } from 'better-sqlite3';

/**
 * SQL of "nhắc tôi khi còn N người" (migration 0022; the rules are core/public/ticket-reminder.ts).
 * The PostgreSQL twin is hub/store/pg/pg-ticket-reminder-repository.ts; the types are shared.
 */
export interface NewTicketReminder {
  readonly ticketId: number;
  readonly day: string;
  readonly serviceId: string;
  /** 84…, given with consent for this message only. */
  readonly phone: string;
  readonly remaining: number;
  readonly createdAt: string;
}

export interface PendingTicketReminder {
  readonly ticketId: number;
  readonly phone: string;
  readonly remaining: number;
}

export interface TicketReminderState {
  readonly remaining: number;
  readonly sentAt: string | null;
}

interface PendingRow {
  ticket_id: number;
  phone: string;
  remaining: number;
}

const SQL = {
  insert: `INSERT INTO ticket_reminders (ticket_id, day, service_id, phone, remaining, created_at) VALUES (@ticketId, @day, @serviceId, @phone, @remaining, @createdAt)`,
  find: 'SELECT remaining, sent_at FROM ticket_reminders WHERE ticket_id = ?',
  countByPhone: 'SELECT count(*) AS n FROM ticket_reminders WHERE day = ? AND phone = ?',
  pending: 'SELECT ticket_id, phone, remaining FROM ticket_reminders WHERE day = ? AND service_id = ? AND sent_at IS NULL ORDER BY ticket_id',
  markSent: 'UPDATE ticket_reminders SET sent_at = ? WHERE ticket_id = ? AND sent_at IS NULL',
  erasePast: 'DELETE FROM ticket_reminders WHERE day < ?',
} as const;

export class TicketReminderRepository {
  private readonly s: { readonly [K in keyof typeof SQL]: Statement };

  constructor(db: Database) {
    this.s = Object.fromEntries(Object.entries(SQL).map(([k, q]) => [k, db.prepare(q)])) as TicketReminderRepository['s'];
  }

  insert(reminder: NewTicketReminder): void {
    this.s.insert.run({ ...reminder });
  }

  find(ticketId: number): TicketReminderState | null {
    const r = this.s.find.get(ticketId) as { remaining: number; sent_at: string | null } | undefined;
    return r ? { remaining: r.remaining, sentAt: r.sent_at } : null;
  }

  countByPhone(day: string, phone: string): number {
    return (this.s.countByPhone.get(day, phone) as { n: number }).n;
  }

  /** A service's reminders of the day not sent yet. */
  pending(day: string, serviceId: string): PendingTicketReminder[] {
    return (this.s.pending.all(day, serviceId) as PendingRow[]).map((r) => ({ ticketId: r.ticket_id, phone: r.phone, remaining: r.remaining }));
  }

  /** True when this call marked it (a reminder is sent once). */
  markSent(ticketId: number, at: string): boolean {
    return this.s.markSent.run(at, ticketId).changes === 1;
  }

  /** The retention purge: every reminder (and its phone) of a day before `today`. Returns how many. */
  erasePast(today: string): number {
    return this.s.erasePast.run(today).changes;
  }
}
