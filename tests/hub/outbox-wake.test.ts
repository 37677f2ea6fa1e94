import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../../core/queue/types';
import type { CommandContext, CommandHandlers } from '../../hub/commands/command-runner';
import { migrate } from '../../hub/db/migration';
import { MIGRATIONS } from '../../hub/db/migrations';
import { OutboxRepository } from '../../hub/integrations/outbox-repository';
import { REAL_TIMERS, type HubIntegrations } from '../../hub/integrations/outbox-settings';
import { createOutbox } from '../../hub/integrations/outbox-setup';
import { newWebhookSecret } from '../../hub/integrations/webhook-sender';
import { asyncOf } from '../../hub/store/async-of';

const NOW = new Date('2026-12-04T02:00:00.000Z');
const TICKET: Ticket = {
  id: 7, day: '2026-12-04', serviceId: 'ho-tich', number: 1007, state: 'called', issuedAt: NOW.toISOString(), calledAt: NOW.toISOString(),
  startedAt: null, finishedAt: null, counterId: 'quay-1', issuedBy: 'kiosk-1', priority: 'normal', recalls: 0, assignedCounterId: null, clerkId: null,
} as unknown as Ticket;

/**
 * The outbox's worker is woken after a queue command's commit only when the command wrote a
 * delivery: a call with no webhook subscribed and no reminder due costs the worker no pass (on
 * PostgreSQL two reads per call). The recorder and the outbox rows are real (SQLite); the handlers
 * underneath are stand-ins answering a called ticket.
 */
describe('the outbox worker is woken by a queue command only when it wrote a delivery', () => {
  const run = async (subscribed: boolean, reminders = 0) => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS);
    const integrations: HubIntegrations = {
      webhooks: { timeoutMs: 15_000, allowPrivateAddresses: true, subscriptions: subscribed ? [{ id: 'so-tai-chinh', system: 'Sở Tài chính', url: 'http://127.0.0.1:9/', secrets: [newWebhookSecret(randomBytes)], events: ['ticket.called'] }] : [] },
    };
    const outbox = createOutbox({ repo: asyncOf(new OutboxRepository(db)), integrations, departments: [], clock: () => NOW, timers: REAL_TIMERS, random: () => 0.5 });
    const kick = vi.spyOn(outbox.worker, 'kick').mockImplementation(() => undefined);
    const inner = {
      'counter:call-next': async () => ({ ticket: TICKET }),
      'ticket:recall': async () => ({ ticket: TICKET }),
    } as unknown as CommandHandlers;
    const handlers = outbox.wrap(inner, { afterCall: async () => reminders });
    const effects: (() => void)[] = [];
    const ctx = { now: NOW, afterCommit: (e: () => void) => effects.push(e) } as unknown as CommandContext;
    await handlers['counter:call-next'](ctx, { commandId: 'c1', counterId: 'quay-1' } as never);
    await handlers['ticket:recall'](ctx, { commandId: 'c2', ticketId: 7 } as never);
    effects.forEach((e) => e());
    const rows = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    db.close();
    return { kicks: kick.mock.calls.length, rows };
  };

  it('no subscription, no reminder: nothing written, no wake; a subscription: each call wakes it once; a reminder due alone wakes it', async () => {
    expect(await run(false)).toEqual({ kicks: 0, rows: 0 });
    expect(await run(true)).toEqual({ kicks: 2, rows: 2 });
    expect(await run(false, 1)).toEqual({ kicks: 1, rows: 0 });
  });
});
