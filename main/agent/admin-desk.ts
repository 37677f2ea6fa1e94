import type { DeskHandlers } from './desk';
import type { HubStatsClient } from './hub-stats-client';

export type AdminCall = 'admin:stats' | 'admin:stats-export';

/**
 * The admin screen's statistics and exports, read over HTTP (HubStatsClient). Its appointment-book
 * calls only forward hub commands: they come from forwarded-handlers.ts.
 */
export function adminHandlers(stats: Pick<HubStatsClient, 'report' | 'export'>): DeskHandlers<AdminCall> {
  return {
    'admin:stats': (input) => stats.report(input),
    'admin:stats-export': (input) => stats.export(input),
  };
}
