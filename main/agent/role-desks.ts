import type { PrintDocument } from '../../hardware/printer/print-document';
import type { Result } from '../../core/result';
import { DOSSIER_COUNTER_REFUSALS, DossierCounter } from './dossier-counter';
import type { HubClient } from './hub-client';
import { KioskDesk } from './kiosk-desk';
import { KIOSK_REFUSALS } from './kiosk-handlers';
import type { PrintTicket } from './kiosk-ticket-print';
import { RoleDesk, startedNow } from './role-desk';
import type { TerminalAgentOptions } from './terminal-agent-options';

/** What the role desks need from the agent: its hub link, clock, printer and change signal. */
export interface RoleDeskParts {
  readonly hub: HubClient;
  readonly clock: () => Date;
  readonly printTicket: PrintTicket;
  readonly documentPrinter: () => ((doc: PrintDocument) => Promise<Result<unknown>>) | null;
  readonly onChange: () => void;
}

/** Kiosks: tickets online or from leased numbers while the hub is away. */
export function kioskRoleDesk(options: TerminalAgentOptions, parts: RoleDeskParts): RoleDesk<KioskDesk> {
  const { hub, clock, printTicket, onChange } = parts;
  return new RoleDesk({ hub, role: 'kiosk', ...KIOSK_REFUSALS, build: () => startedNow(new KioskDesk({ hub, dataDir: options.dataDir, now: clock, print: printTicket, onChange, ...options.kioskTimings })) });
}

/** Counters: scanning, receiving (outbox, leased codes), looking up and returning dossiers. */
export function dossierCounterRoleDesk(options: TerminalAgentOptions, parts: RoleDeskParts): RoleDesk<DossierCounter> {
  const { hub, clock, documentPrinter, onChange } = parts;
  const { token, dataDir, codeStock, scanResolution } = options;
  return new RoleDesk({
    hub,
    role: 'counter',
    ...DOSSIER_COUNTER_REFUSALS,
    build: () => startedNow(new DossierCounter({ hub, get hubAddresses() { return hub.restAddresses(); }, token, dataDir, clock, saneScanner: options.devices?.saneScanner, scanResolution, codeStock, printer: documentPrinter, onChange })),
  });
}
