import type { DeskHandlers } from './desk';
import type { HubDeliveriesClient } from './hub-deliveries-client';
import type { HubStatsClient } from './hub-stats-client';

export type AdminCall = 'admin:session' | 'admin:sign-in' | 'admin:sign-out' | 'admin:stats' | 'admin:stats-export' | 'admin:province-stats' | 'admin:province-stats-export';
export type DeliveryCall = 'admin:deliveries' | 'admin:resend-delivery';

/**
 * The admin screen's own calls: the administrator's sign-in (the session token stays in the
 * agent) and the statistics and exports, read over HTTP (HubStatsClient). Its appointment-book
 * calls only forward hub commands: they come from forwarded-handlers.ts.
 */
export function adminHandlers(stats: Pick<HubStatsClient, 'report' | 'export' | 'provinceReport' | 'provinceExport' | 'session'>): DeskHandlers<AdminCall> {
  return {
    'admin:session': () => stats.session.state(),
    'admin:sign-in': (input) => stats.session.signIn(input),
    'admin:sign-out': () => stats.session.signOut(),
    'admin:stats': (input) => stats.report(input),
    'admin:stats-export': (input) => stats.export(input),
    'admin:province-stats': (input) => stats.provinceReport(input),
    'admin:province-stats-export': (input) => stats.provinceExport(input),
  };
}

/** The delivery log of the admin screen (webhooks and the national portal), over HTTP like the statistics. */
export function deliveryHandlers(deliveries: Pick<HubDeliveriesClient, 'log' | 'resend'>): DeskHandlers<DeliveryCall> {
  return {
    'admin:deliveries': (input) => deliveries.log(input),
    'admin:resend-delivery': (input) => deliveries.resend(input.id),
  };
}
