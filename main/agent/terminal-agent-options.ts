import type { PrinterProfile } from '../../core/devices';
import type { TicketPrinter } from '../../hardware/printer/ticket-printer';
import type { TerminalDevices } from './serial-config';
import type { SerialTimings } from './serial-devices';

/** How a terminal agent is set up: its hub and identity, where it keeps data, its devices, its clock. */
export interface TerminalAgentOptions {
  readonly hubUrl: string;
  /**
   * Several addresses of one hub to fail over between (HubConnectionOptions.hubUrls). REST calls go
   * to the address the socket is on (the list's first until it connects) and, when that one gives
   * no answer, a GET or a file's PUT goes on to the others (hub-rest.ts).
   */
  readonly hubUrls?: readonly string[];
  /** An https:// hub's CA (PEM or a PEM file's path) and, optionally, its SHA-256 fingerprint (see HubConnectionOptions). */
  readonly hubCa?: string;
  readonly hubCaFingerprint?: string;
  readonly deviceId: string;
  readonly token: string;
  readonly dataDir: string;
  readonly printerInterface?: string;
  /** Injected for tests; by default a printer is made from the profile the hub assigns. */
  readonly createPrinter?: (profile: PrinterProfile) => TicketPrinter;
  /** How often to ask the printer how it is between tickets, so paper running out shows on the admin page (default 30 s). */
  readonly printerPollMs?: number;
  /** A counter's serial devices (LED number sign, rating keypad), from the terminal config. */
  readonly devices?: TerminalDevices;
  /** Injected for tests: shorter reconnect and presence-check times. */
  readonly serialTimings?: SerialTimings;
  /** Counters: the document scanner's resolution in dpi (default 200); tests scan smaller pages. */
  readonly scanResolution?: number;
  /** Counters: leased dossier codes kept in stock (top up below `low`, to `target`; defaults 30 and 50). */
  readonly codeStock?: { readonly low: number; readonly target: number };
  /** The agent's clock, passed to every desk (the kiosk's lease day, a dossier's receipt time, a scan's time); tests inject it. */
  readonly clock?: () => Date;
  /** Kiosks: how long a tap waits for the hub before issuing from the lease, and how often leases and the outbox are synced (defaults 3 s, 30 s). */
  readonly kioskTimings?: { readonly issuePatienceMs?: number; readonly syncMs?: number };
  /** How long an action is re-sent (same id) before the screen hears it may not be recorded, and one sending's wait (HubClient). */
  readonly commandPatienceMs?: number;
  readonly commandTimeoutMs?: number;
}
