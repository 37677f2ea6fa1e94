import type { DossierSync } from '../../core/integrations/outbound-events';
import type { Ticket } from '../../core/queue/types';
import type { CommandContext, CommandHandlers } from '../commands/command-runner';
import type { NotifyRecorder } from './notify-recorder';
import type { OutboxRecorder } from './outbox-recorder';

export interface OutboxHooks {
  readonly recorder: OutboxRecorder;
  /** The citizen's phone, when given with consent at receipt. */
  readonly notify: NotifyRecorder;
  /** After the commit: wake the worker. */
  readonly kick: () => void;
  /** A dossier's sync with the national portal, or null when nothing goes there. */
  readonly syncOf: (code: string) => Promise<DossierSync | null>;
  /** After a call, in its transaction: the "queue-near" reminders it made due (hub/public/queue-reminders.ts); how many. */
  readonly afterCall?: (at: string, called: Ticket) => Promise<number>;
}

/**
 * The command handlers with the outbox written beside them: the rows are inserted by the
 * handler's own call, inside the command's savepoint and its group's transaction, so a command
 * that is acknowledged has its deliveries on disk, and a refused one has none. Dossier answers
 * carry the dossier's sync state.
 */
export function withOutbox(handlers: CommandHandlers, hooks: OutboxHooks): CommandHandlers {
  const wake = (ctx: CommandContext) => ctx.afterCommit(hooks.kick);
  // The queue's commands wake the worker only when they wrote a delivery: a call with no webhook
  // and no reminder due must not cost the worker a pass (two reads) on every call of the day.
  const wakeIf = (ctx: CommandContext, written: number) => written > 0 && wake(ctx);
  return {
    ...handlers,
    'dossier:receive': async (ctx, input) => {
      const out = await handlers['dossier:receive'](ctx, input);
      await hooks.recorder.dossierReceived(ctx.now.toISOString(), out.dossier, out.history);
      await hooks.notify.dossierReceived(ctx.now.toISOString(), out.dossier, input.notify);
      wake(ctx);
      return { ...out, sync: await hooks.syncOf(out.dossier.code) };
    },
    'dossier:act': async (ctx, input) => {
      const out = await handlers['dossier:act'](ctx, input);
      const entry = out.history.at(-1);
      if (entry) await hooks.recorder.dossierChanged(ctx.now.toISOString(), out.dossier, entry);
      if (entry) await hooks.notify.dossierChanged(ctx.now.toISOString(), out.dossier, entry, out.history.length);
      wake(ctx);
      return { ...out, sync: await hooks.syncOf(out.dossier.code) };
    },
    'dossier:get': async (ctx, input) => {
      const out = await handlers['dossier:get'](ctx, input);
      return { ...out, sync: await hooks.syncOf(out.dossier.code) };
    },
    'counter:call-next': async (ctx, input) => {
      const out = await handlers['counter:call-next'](ctx, input);
      const webhooks = await hooks.recorder.ticketCalled(ctx.now.toISOString(), out.ticket);
      const reminders = (await hooks.afterCall?.(ctx.now.toISOString(), out.ticket)) ?? 0;
      wakeIf(ctx, webhooks + reminders);
      return out;
    },
    'ticket:recall': async (ctx, input) => {
      const out = await handlers['ticket:recall'](ctx, input);
      wakeIf(ctx, await hooks.recorder.ticketCalled(ctx.now.toISOString(), out.ticket));
      return out;
    },
    'ticket:rate': async (ctx, input) => {
      const out = await handlers['ticket:rate'](ctx, input);
      wakeIf(ctx, await hooks.recorder.ratingGiven(ctx.now.toISOString(), out.rating));
      return out;
    },
  };
}
