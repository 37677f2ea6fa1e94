import type { CommandName } from '../../core/protocol/commands';
import type { HandlersFor } from '../commands/command-runner';
import type { NumberLeases } from './number-leases';
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
  /** An online issue refuses a commandId an offline ticket already superseded. */
  readonly leases: NumberLeases;
}

export function queueHandlers({ queue, leases }: QueueHandlerDeps): HandlersFor<typeof QUEUE_COMMANDS> {
  return {
    'ticket:issue': (ctx, input) => {
      leases.refuseSuperseded(ctx, input.commandId);
      return queue.issue(ctx, input);
    },
    'counter:call-next': (ctx, input) => queue.callNext(ctx, input),
    'ticket:start': (ctx, input) => queue.atCounter(ctx, input.ticketId, 'start'),
    'ticket:complete': (ctx, input) => queue.atCounter(ctx, input.ticketId, 'complete'),
    'ticket:no-show': (ctx, input) => queue.atCounter(ctx, input.ticketId, 'no-show'),
    'ticket:recall': (ctx, input) => queue.atCounter(ctx, input.ticketId, 'recall'),
    'ticket:transfer': (ctx, input) => queue.transfer(ctx, input),
    'ticket:cancel': (ctx, input) => queue.cancel(ctx, input.ticketId),
    'counter:pause': (ctx, input) => queue.setPaused(ctx, input.counterId, true, input.reason),
    'counter:resume': (ctx, input) => queue.setPaused(ctx, input.counterId, false, null),
    'counter:sign-in': (ctx, input) => queue.signIn(ctx, input),
    'counter:sign-out': (ctx, input) => queue.signOut(ctx, input.counterId),
  };
}
