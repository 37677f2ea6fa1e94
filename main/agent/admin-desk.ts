import { randomUUID } from 'node:crypto';
import { idOf, type DeskHandlers, type DeskHub } from './desk';
import type { HubStatsClient } from './hub-stats-client';

export type AdminCall = 'admin:session' | 'admin:sign-in' | 'admin:sign-out' | 'admin:stats' | 'admin:stats-export' | 'admin:appointment-slots' | 'admin:appointments' | 'admin:book-appointment' | 'admin:cancel-appointment';

/**
 * The admin screen's calls: the administrator's sign-in (the session token stays in the agent), statistics and exports (read over HTTP, HubStatsClient) and the
 * appointment book. The hub decides who may; these only forward.
 */
export function adminHandlers(hub: Pick<DeskHub, 'command'>, stats: Pick<HubStatsClient, 'report' | 'export' | 'session'>): DeskHandlers<AdminCall> {
  return {
    'admin:session': () => stats.session.state(),
    'admin:sign-in': (input) => stats.session.signIn(input),
    'admin:sign-out': () => stats.session.signOut(),
    'admin:stats': (input) => stats.report(input),
    'admin:stats-export': (input) => stats.export(input),
    'admin:appointment-slots': (input) => hub.command('appointment:slots', { commandId: randomUUID(), ...input }),
    'admin:appointments': (input) => hub.command('appointment:list', { commandId: randomUUID(), ...input }),
    'admin:book-appointment': ({ commandId, ...input }) => hub.command('appointment:book', { commandId: idOf({ commandId }), ...input }),
    'admin:cancel-appointment': ({ commandId, ...input }) => hub.command('appointment:cancel', { commandId: idOf({ commandId }), ...input }),
  };
}
