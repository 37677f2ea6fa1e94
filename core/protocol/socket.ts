import { z } from 'zod';
import { CentreInfoSchema, DeviceInfoSchema, type DeviceStatus } from '../devices';
import { QueueEventSchema, QueueSnapshotSchema, type QueueEvent, type QueueSnapshot } from '../queue/snapshot';
import { QueueRulesSchema } from '../queue/rules';
import { CounterSchema, IdSchema, ServiceSchema } from '../queue/types';
import { OfficerViewSchema, type DossierEvent } from '../dossiers/dossier';
import { DepartmentSchema, ProcedureSchema } from '../dossiers/catalogue';
import { CentreRefSchema } from '../dossiers/collection';
import type { Result } from '../result';
import type { CommandName, CommandOutput, CommandRequest } from './commands';

/** Sent by the hub once per (re)connection: who the device is, the catalogue it needs, and the current state. */
export const HelloSchema = z.object({
  protocol: z.literal(1),
  device: DeviceInfoSchema,
  centre: CentreInfoSchema,
  services: z.array(ServiceSchema),
  counters: z.array(CounterSchema),
  rules: QueueRulesSchema,
  /** Who may sign in at a counter (names only: PIN hashes never leave the hub). */
  clerks: z.array(z.object({ id: IdSchema, name: z.string() })),
  snapshot: QueueSnapshotSchema,
  /**
   * What a counter needs to receive dossiers, also while the hub is away: the catalogue, the
   * calendar the due dates are counted in (as written in the centre config), the code prefix.
   */
  dossiers: z.object({
    codePrefix: z.string(),
    departments: z.array(DepartmentSchema),
    procedures: z.array(ProcedureSchema),
    /** The centre config's `calendar` section (absent: national calendar); terminals resolve it with core/calendar/calendar-config. */
    calendar: z.unknown().optional(),
    /** This centre as dossiers name it (absent from hubs before issue 13's collection centres). */
    centre: CentreRefSchema.optional(),
    /** The centres a citizen may choose to collect the result at (nơi trả kết quả), this one included; absent: this centre only. */
    collectCentres: z.array(CentreRefSchema).optional(),
  }),
  /** A back-office device: its department's officers (names only) and who is signed in here now. */
  officers: z.array(OfficerViewSchema),
  officer: OfficerViewSchema.nullable(),
});
export type Hello = z.infer<typeof HelloSchema>;

export { QueueEventSchema, QueueSnapshotSchema };

/** One broadcast of the hub: the events of one group commit, in seq order. */
export const QueueEventsSchema = z.array(QueueEventSchema).min(1);

/** Socket.IO handshake `auth` of a device. */
export const DeviceAuthSchema = z.object({ deviceId: z.string().min(1).max(64), token: z.string().min(1).max(256) });
export type DeviceAuth = z.infer<typeof DeviceAuthSchema>;

export interface ServerToClientEvents {
  'session:hello': (hello: Hello) => void;
  /** The events committed together (one group commit), in seq order: apply each as it comes, resync on a gap. */
  'queue:events': (events: QueueEvent[]) => void;
  /** One event per frame: what hubs before `queue:events` sent; terminals still accept it. */
  'queue:event': (event: QueueEvent) => void;
  'queue:snapshot': (snapshot: QueueSnapshot) => void;
  /** To admin devices only: every enrolled device's connection and printer health, on each change. */
  'devices:status': (devices: DeviceStatus[]) => void;
  /** To the back-office devices of the dossier's department, and to the counters of its receiving centre (and of its collecting centre once ready): a dossier arrived or changed. */
  'dossier:event': (event: DossierEvent) => void;
}

type CommandEvents = {
  [K in CommandName]: (input: CommandRequest<K>, ack: (result: Result<CommandOutput<K>>) => void) => void;
};

export interface ClientToServerEvents extends CommandEvents {
  'sync:snapshot': (ack: (result: Result<QueueSnapshot>) => void) => void;
}

/** Per-socket data the hub keeps after authenticating the handshake. */
export interface SocketData {
  deviceId: string;
}

/** The Socket.IO connect error `data` when a handshake is refused. */
export interface HandshakeRefusal {
  /** hub-unavailable: the hub could not check the credential (its database is unreachable); try again shortly. */
  kind: 'unauthorized' | 'invalid-input' | 'hub-unavailable';
  message: string;
}
