import type { DeskHandlers, DeskHub } from './desk';
import { forwardedHandlers } from './forwarded-handlers';
import type { HubStatsClient } from './hub-stats-client';

export type AdminCall = 'admin:stats' | 'admin:stats-export' | 'admin:appointment-slots' | 'admin:appointments' | 'admin:book-appointment' | 'admin:cancel-appointment';

/**
 * The admin screen's calls: statistics and exports (read over HTTP, HubStatsClient) and the
 * appointment book (forwarded from the table, core/protocol/bridge-forwards.ts). The hub decides who may.
 */
export function adminHandlers(hub: Pick<DeskHub, 'current' | 'command'>, stats: Pick<HubStatsClient, 'report' | 'export'>): DeskHandlers<AdminCall> {
  return {
    'admin:stats': (input) => stats.report(input),
    'admin:stats-export': (input) => stats.export(input),
    ...forwardedHandlers(hub, { only: ['admin:appointment-slots', 'admin:appointments', 'admin:book-appointment', 'admin:cancel-appointment'] }),
  };
}
