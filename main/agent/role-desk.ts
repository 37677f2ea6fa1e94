import type { Role } from '../../core/devices';
import { err, type Result } from '../../core/result';
import type { HubClient, HubClientState } from './hub-client';

export interface RoleDeskOptions<D> {
  readonly hub: Pick<HubClient, 'current'>;
  /** The role whose terminals have this desk. */
  readonly role: Role;
  /** Makes (and starts) the desk; called once, when the hub first says this device has the role. */
  readonly build: () => D;
  /** Shown when the hub never answered yet, so the role (and the catalogue that comes with it) is unknown. */
  readonly noHello: string;
  /** Shown on a terminal of another role. */
  readonly otherRole: string;
}

/**
 * A desk only one role has (the kiosk's ticket desk, the counter's dossier desk). The role comes
 * with the hub's hello (or the kept one), so the desk is made then; until then, and on terminals
 * of other roles, its bridge calls answer why they cannot run.
 */
export class RoleDesk<D extends { close(): Promise<void> }> {
  private desk: D | null = null;
  private stopped = false;

  constructor(private readonly options: RoleDeskOptions<D>) {}

  /** Follows the hub link's state: makes the desk when the hello names this role. */
  follow(s: HubClientState): void {
    if (this.desk || this.stopped || s.hello?.device.role !== this.options.role) return;
    this.desk = this.options.build();
  }

  get current(): D | null {
    return this.desk;
  }

  /** Runs a bridge call on the desk, or answers hub-unreachable (no hello yet) or forbidden (another role). */
  run<T>(call: (desk: D) => Promise<Result<T>>): Promise<Result<T>> {
    if (!this.options.hub.current().hello) return Promise.resolve(err('hub-unreachable', this.options.noHello));
    if (!this.desk) return Promise.resolve(err('forbidden', this.options.otherRole));
    return call(this.desk);
  }

  /** No desk is made from now on (the agent is closing). */
  stop(): void {
    this.stopped = true;
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.desk?.close();
  }
}

/** A role's desk is started as soon as it is made (RoleDeskOptions.build). */
export function startedNow<D extends { start(): void }>(desk: D): D {
  desk.start();
  return desk;
}
