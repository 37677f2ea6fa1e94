import type { HubClient } from './hub-client';
import type { KioskStore } from './store/kiosk-store';

/** What every part of the kiosk desk shares: the hub link, the local store, the agent's clock. */
export interface KioskDeskContext {
  readonly hub: HubClient;
  readonly store: KioskStore;
  /** The agent's clock (tests move it to another day, or over ten minutes). */
  readonly now: () => Date;
  /** Something the screen shows changed (numbers left, what waits, what failed). */
  readonly onChange: () => void;
  /** True once the desk closes: a run under way stops at its next step. */
  readonly closed: () => boolean;
}
