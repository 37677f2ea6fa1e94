import type { AppointmentsConfig } from './appointments/appointments';
import type { CalendarConfig } from './calendar/calendar-config';
import type { Clerk, Officer } from './clerks';
import type { Department, Procedure } from './dossiers/catalogue';
import type { DossierCodesSettings } from './dossiers/code-format';
import type { CentreInfo, PrinterProfile, Role } from './devices';
import type { PrivacyConfig } from './privacy/retention-policy';
import type { LockoutConfig } from './sign-in/lockout-policy';
import type { QueueRules } from './queue/rules';
import type { Counter, Service } from './queue/types';

/** A device the centre has enrolled, with the secret it authenticates with. */
export interface EnrolledDeviceDefinition {
  readonly id: string;
  readonly role: Role;
  readonly name: string;
  /** Legacy: a token hand-copied into the terminal's config. Paired devices need none (hub/devices/). */
  readonly token?: string;
  readonly counterId?: string;
  readonly printerId?: string;
  /** A back-office device: the department whose dossiers it receives and processes. */
  readonly departmentId?: string;
}

/**
 * What the hub needs to know about its centre. The centre config file (kiosk-config/) is
 * validated into this shape; the hub depends on the shape, not on the file format.
 */
export interface CentreDefinition {
  readonly centre: CentreInfo;
  readonly hub: {
    readonly host: string;
    readonly port: number;
    readonly dataDir: string;
    readonly commandLogRetentionDays?: number;
    readonly tls?: false | HubTlsConfig;
    /** Scheduled encrypted backups into `dir` every `everyMinutes`, the newest `keep` kept. */
    readonly backup?: { readonly dir: string; readonly everyMinutes: number; readonly keep: number; readonly keyFile?: string };
    /** Every staff sign-in's lockout; absent: 5 wrong attempts lock for 15 minutes (core/sign-in/lockout-policy.ts). */
    readonly signInLockout?: LockoutConfig;
    /** The public address of the hub's citizen pages (https, no trailing slash): tickets' QR links start with it. */
    readonly publicBaseUrl?: string;
    /** Reverse proxies whose X-Forwarded-For is believed (Fastify trustProxy): the public pages' limits count the real addresses. */
    readonly trustedProxies?: readonly string[];
  };
  readonly services: readonly Service[];
  readonly counters: readonly Counter[];
  readonly queue: QueueRules;
  readonly printers: readonly PrinterProfile[];
  readonly devices: readonly EnrolledDeviceDefinition[];
  /** The centre's clerks: when there are any, a counter calls only with a clerk signed in. */
  readonly clerks: readonly Clerk[];
  /** The back-office officers: when a department has any, its devices act on dossiers only with one signed in. */
  readonly officers: readonly Officer[];
  /** Working days (and holidays) of the centre: appointments are not booked on days it is closed. */
  readonly calendar?: CalendarConfig;
  /** Appointment slots per service; absent: the centre takes no appointments. */
  readonly appointments?: AppointmentsConfig;
  /** The centre's short code that starts every dossier code (core/dossiers/dossier-code.ts). */
  readonly dossierCodePrefix: string;
  /** Short or national (Circular 01/2018) dossier codes (core/dossiers/code-format.ts); absent: short. */
  readonly dossierCodes?: DossierCodesSettings;
  /** Departments that decide dossiers, and the procedures the counters receive dossiers for. */
  readonly departments: readonly Department[];
  readonly procedures: readonly Procedure[];
  /** In a province: its centres (this one included), where a result may be collected; absent: this centre only. */
  readonly provinceCentres?: readonly { readonly id: string; readonly name: string }[];
  /** Retention of personal data per class; absent: the defaults of core/privacy/retention-policy.ts. */
  readonly privacy?: PrivacyConfig;
}

/** `hub.tls`: where the hub's certificates come from (none named: the centre's own CA, made on first start). */
export interface HubTlsConfig {
  /** The operator's server certificate and its key (PEM files); both or neither. */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** The CA that signed the operator's certificate, to print its fingerprint for the terminals. */
  readonly caFile?: string;
  /** Extra names the generated server certificate is valid for (e.g. "hub.motcua.local"). */
  readonly hostnames?: readonly string[];
}
