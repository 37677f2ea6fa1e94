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
    'ticket:issue': async (ctx, input) => {
      // Asked together (their statements leave in one round trip on PostgreSQL): a command an
      // offline ticket superseded is refused, and the refusal rolls the command's savepoint back
      // with all the issue wrote. Both settle first — nothing of the issue may still be running
      // when the savepoint is rolled back — and the superseded refusal comes before the issue's own.
      const [superseded, issued] = await Promise.allSettled([leases.refuseSuperseded(ctx, input.commandId), queue.issue(ctx, input)]);
      if (superseded.status === 'rejected') throw superseded.reason;
      if (issued.status === 'rejected') throw issued.reason;
      return issued.value;
    },
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
