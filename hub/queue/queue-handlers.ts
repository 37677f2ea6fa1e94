import type { CommandName } from '../../core/protocol/commands';
import type { HandlersFor } from '../commands/command-runner';
import type { QueueService } from './queue-service';

/** The queue's part of the command table: tickets at the kiosk and at the counter, and the counter's own state. */
export const QUEUE_COMMANDS = [
  'ticket:issue',
  'counter:call-next',
  'ticket:start',
  'ticket:complete',
  'ticket:no-show',
  'ticket:recall',
  'ticket:transfer',
  'ticket:cancel',
  'counter:pause',
  'counter:resume',
  'counter:sign-in',
  'counter:sign-out',
] as const satisfies readonly CommandName[];

export interface QueueHandlerDeps {
  readonly queue: QueueService;
}

export function queueHandlers({ queue }: QueueHandlerDeps): HandlersFor<typeof QUEUE_COMMANDS> {
  return {
    // A ticket:issue an offline ticket superseded never gets here: the delivery logged its answer
    // (NumberLeases.supersede; SQLite migration 0025 / PostgreSQL 0020 for deliveries before that),
    // so the command runner answers that — on PostgreSQL also when the delivery lands mid-run.
    'ticket:issue': async (ctx, input) => queue.issue(ctx, input),
    'counter:call-next': async (ctx, input) => queue.callNext(ctx, input),
    'ticket:start': async (ctx, input) => queue.atCounter(ctx, input.ticketId, 'start'),
    'ticket:complete': async (ctx, input) => queue.atCounter(ctx, input.ticketId, 'complete'),
    'ticket:no-show': async (ctx, input) => queue.atCounter(ctx, input.ticketId, 'no-show'),
    'ticket:recall': async (ctx, input) => queue.atCounter(ctx, input.ticketId, 'recall'),
    'ticket:transfer': async (ctx, input) => queue.transfer(ctx, input),
    'ticket:cancel': async (ctx, input) => queue.cancel(ctx, input.ticketId),
    'counter:pause': async (ctx, input) => queue.setPaused(ctx, input.counterId, true, input.reason),
    'counter:resume': async (ctx, input) => queue.setPaused(ctx, input.counterId, false, null),
    'counter:sign-in': async (ctx, input) => queue.signIn(ctx, input),
    'counter:sign-out': async (ctx, input) => queue.signOut(ctx, input.counterId),
  };
}
