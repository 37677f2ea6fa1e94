import { randomUUID } from 'node:crypto';
import type { Ticket } from '../../core/queue/types';
import type { AppError } from '../../core/result';
import type { RatingLevel } from '../../hardware/serial/rating-keypad';
import type { DeskHub } from './desk';

/** A keypad press: the ticket it rated (null: ignored, no completed unrated ticket at this counter) and the hub's answer. */
export interface KeypadOutcome {
  readonly rating: RatingLevel;
  readonly ticketId: number | null;
  readonly result: { readonly ok: true } | { readonly ok: false; readonly error: AppError } | null;
}

/**
 * The queue at a counter beyond the clerk's calls (call the next number, serve, transfer, pause,
 * sign in… only forward hub commands: forwarded-handlers.ts fills in this device's counter): the
 * rating keypad, and the LED number sign following the counter's ticket.
 */
export class QueueCounterDesk {
  private readonly rated = new Set<number>();
  private readonly keypadListeners = new Set<(e: KeypadOutcome) => void>();

  constructor(
    private readonly hub: Pick<DeskHub, 'current' | 'command'>,
    /** The counter's LED number sign, when it has one. */
    private readonly sign: { follow(ticket: Ticket | null): void } | null,
  ) {}

  /** Follows the hub link: the sign shows the counter's ticket. */
  follow(): void {
    this.sign?.follow(this.counterTicket());
  }

  /** A rating key: rates the ticket this counter just completed; ignored when there is none (or it is rated). */
  async rateByKeypad(rating: RatingLevel): Promise<void> {
    const ticket = this.counterTicket();
    const tell = (e: KeypadOutcome) => this.keypadListeners.forEach((l) => l(e));
    if (!ticket || ticket.state !== 'done' || this.rated.has(ticket.id)) return tell({ rating, ticketId: null, result: null });
    this.rated.add(ticket.id);
    const r = await this.hub.command('ticket:rate', { commandId: randomUUID(), ticketId: ticket.id, rating });
    // Not recorded (hub away): the next press may try again; a conflict means it is rated already.
    if (!r.ok && r.error.kind !== 'conflict') this.rated.delete(ticket.id);
    tell({ rating, ticketId: ticket.id, result: r.ok ? { ok: true } : { ok: false, error: r.error } });
  }

  /** Each rating-keypad press and what became of it (diagnostics; tests wait on it). */
  onKeypad(listener: (e: KeypadOutcome) => void): () => void {
    this.keypadListeners.add(listener);
    return () => this.keypadListeners.delete(listener);
  }

  /** The ticket last called at this counter (any state), or null. */
  private counterTicket(): Ticket | null {
    const s = this.hub.current();
    const counterId = s.hello?.device.counterId;
    return counterId ? (s.snapshot?.counters[counterId] ?? null) : null;
  }
}
