import { randomUUID } from 'node:crypto';
import type { SerialDeviceStatus } from '../../core/devices';
import type { DeskHub } from './desk';
import type { HubClientState } from './hub-client';

/**
 * Tells the hub how the terminal's serial devices are (the LED sign, the rating keypad, the QR
 * scanner: `device:report-serial`, shown on the admin's device page), once per change; a report
 * the hub missed is sent again when the link is back.
 */
export class DeviceReporter {
  private last: { json: string; reported: boolean } = { json: '', reported: false };

  constructor(
    private readonly hub: Pick<DeskHub, 'command'>,
    private readonly devices: { statuses(): SerialDeviceStatus[] },
  ) {}

  /** Follows the hub link: a state not yet told is told on (re)connection. */
  follow(s: HubClientState): void {
    if (s.connected && !this.last.reported) void this.report();
  }

  /** Tells the current states, unless the hub has them already. */
  async report(): Promise<void> {
    const devices = this.devices.statuses();
    const json = JSON.stringify(devices);
    if (json === this.last.json && this.last.reported) return;
    this.last = { json, reported: false };
    // One sending: a report the hub missed is sent again on reconnect (follow).
    const r = await this.hub.command('device:report-serial', { commandId: randomUUID(), devices }, { patienceMs: 0 });
    if (r.ok && this.last.json === json) this.last.reported = true;
  }
}
