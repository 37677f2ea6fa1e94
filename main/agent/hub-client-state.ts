import type { DeviceStatus } from '../../core/devices';
import type { DossierEvent } from '../../core/dossiers/dossier';
import type { Hello } from '../../core/protocol/socket';
import type { ErrorKind } from '../../core/result';
import type { QueueSnapshot } from '../../core/queue/snapshot';

export interface HubClientState {
  readonly hello: Hello | null;
  readonly snapshot: QueueSnapshot | null;
  readonly connected: boolean;
  /** The address the link is (or was last) up on: one of the terminal's hub addresses. */
  readonly hubAddress?: string;
  readonly problem: string | null;
  /** What kind of problem: hub-untrusted (its certificate is not from the centre's CA), unauthorized, hub-unreachable. */
  readonly problemKind?: ErrorKind | null;
  /** Admin devices only: every enrolled device's status, as last pushed by the hub. */
  readonly devices: DeviceStatus[] | null;
  /** Counter and back office: the dossier events heard since start, newest first (at most DOSSIER_FEED_SIZE). */
  readonly dossierFeed: readonly DossierEvent[];
  /**
   * Commands that got no answer at their first sending and are being sent again with the same id
   * (`resending`), or wait for the link to come back to be sent again (`resending: false`); null: none.
   */
  readonly sending: { readonly resending: boolean; readonly count: number } | null;
}

export const DOSSIER_FEED_SIZE = 30;

/** The hub client's state and who listens to it: every part of the client writes through `set`, which tells each listener. */
export class HubStateCell {
  private state: HubClientState = { hello: null, snapshot: null, connected: false, problem: null, devices: null, dossierFeed: [], sending: null };
  private readonly listeners = new Set<(s: HubClientState) => void>();

  current(): HubClientState {
    return this.state;
  }

  onChange(listener: (s: HubClientState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(patch: Partial<HubClientState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** Forgets every listener (the client is closed). */
  clear(): void {
    this.listeners.clear();
  }
}
