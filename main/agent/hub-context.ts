import type { TerminalContext } from '../../core/protocol/bridge';
import type { HubClientState } from './hub-client';

/** The fields of the terminal context that the desks fill (each its own piece; see terminal-agent.ts). */
export type DeskContextField = 'printer' | 'officer' | 'scanner' | 'outbox' | 'kiosk';

/** The part of the terminal context that is the hub's word: the hello, the queue, the link, the dossier feed (scoped by role in terminal-agent.ts). */
export function hubContext(s: HubClientState): Omit<TerminalContext, DeskContextField> {
  return {
    device: s.hello?.device ?? null,
    centre: s.hello?.centre ?? null,
    services: s.hello?.services ?? [],
    counters: s.hello?.counters ?? [],
    rules: s.hello?.rules ?? null,
    clerks: s.hello?.clerks ?? [],
    snapshot: s.snapshot,
    hubConnected: s.connected,
    hubProblem: s.problem,
    devices: s.devices,
    catalogue: {
      departments: s.hello?.dossiers.departments ?? [],
      procedures: s.hello?.dossiers.procedures ?? [],
      ...(s.hello?.dossiers.centre ? { centre: s.hello.dossiers.centre } : {}),
      ...(s.hello?.dossiers.collectCentres ? { collectCentres: s.hello.dossiers.collectCentres } : {}),
    },
    officers: s.hello?.officers ?? [],
    dossierFeed: s.dossierFeed,
    sending: s.sending,
  };
}
