import type { BridgeEventBody, BridgeEventMessage, BridgeEventName } from '../../core/protocol/bridge-events';
import type { HubClient } from './hub-client';

/**
 * The terminal's bridge events on their way to the screens (bridge-events.ts): each gets the next
 * number of this run's one sequence and goes to whoever listens now (the Electron window, the
 * browser pages connected to the bridge server). Nothing is kept, so nothing is replayed to a
 * screen that connects later.
 */
export class BridgeEventChannel {
  private seq = 0;
  private readonly listeners = new Set<(message: BridgeEventMessage) => void>();

  send<E extends BridgeEventName>(name: E, body: BridgeEventBody<E>): void {
    this.seq += 1;
    // The body of event `name` with its number is that event's payload; TypeScript cannot see through the generic Omit.
    const message = { name, payload: { ...body, seq: this.seq } } as unknown as BridgeEventMessage;
    for (const l of [...this.listeners]) l(message);
  }

  on(listener: (message: BridgeEventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** Counters and back offices hear each dossier event of the hub once, as a numbered `dossier-notice`. */
export function relayDossierNotices(hub: Pick<HubClient, 'onDossierEvent' | 'current'>, events: BridgeEventChannel): void {
  hub.onDossierEvent((event) => {
    const role = hub.current().hello?.device.role;
    if (role === 'counter' || role === 'backoffice') events.send('dossier-notice', { event });
  });
}
