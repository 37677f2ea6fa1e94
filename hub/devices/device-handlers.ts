import type { CommandName } from '../../core/protocol/commands';
import type { HandlersFor } from '../commands/command-runner';
import type { DeviceMonitor } from './device-monitor';

/** What terminals report of their own hardware, for the admin's device list. */
export const DEVICE_COMMANDS = ['device:report-printer', 'device:report-serial'] as const satisfies readonly CommandName[];

export function deviceHandlers(monitor: DeviceMonitor): HandlersFor<typeof DEVICE_COMMANDS> {
  return {
    'device:report-printer': async (ctx, input) => monitor.reportPrinter(ctx, input),
    'device:report-serial': async (ctx, input) => monitor.reportSerial(ctx, input),
  };
}
