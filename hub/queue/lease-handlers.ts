import type { CommandName } from '../../core/protocol/commands';
import type { HandlersFor } from '../commands/command-runner';
import type { NumberLeases } from './number-leases';

/** The kiosk's offline numbering: blocks of numbers leased ahead, tickets delivered once the hub is back. */
export const LEASE_COMMANDS = ['ticket:lease-numbers', 'ticket:deliver-offline'] as const satisfies readonly CommandName[];

export function leaseHandlers(leases: NumberLeases): HandlersFor<typeof LEASE_COMMANDS> {
  return {
    'ticket:lease-numbers': async (ctx, input) => leases.lease(ctx, input),
    'ticket:deliver-offline': async (ctx, input) => leases.deliver(ctx, input),
  };
}
