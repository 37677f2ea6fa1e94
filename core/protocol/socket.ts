import { z } from 'zod';
import { CentreInfoSchema, DeviceInfoSchema, type DeviceStatus } from '../devices';
import { QueueEventSchema, QueueSnapshotSchema, type QueueEvent, type QueueSnapshot } from '../queue/snapshot';
import { QueueRulesSchema } from '../queue/rules';
import { CounterSchema, IdSchema, ServiceSchema } from '../queue/types';
import type { DossierEvent } from '../dossiers/dossier';
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
});
export type Hello = z.infer<typeof HelloSchema>;

export { QueueEventSchema, QueueSnapshotSchema };

/** Socket.IO handshake `auth` of a device. */
export const DeviceAuthSchema = z.object({ deviceId: z.string().min(1).max(64), token: z.string().min(1).max(256) });
export type DeviceAuth = z.infer<typeof DeviceAuthSchema>;

export interface ServerToClientEvents {
  'session:hello': (hello: Hello) => void;
  'queue:event': (event: QueueEvent) => void;
  'queue:snapshot': (snapshot: QueueSnapshot) => void;
  /** To admin devices only: every enrolled device's connection and printer health, on each change. */
  'devices:status': (devices: DeviceStatus[]) => void;
  /** To the back-office devices of the dossier's department only: a dossier arrived or changed. */
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
  kind: 'unauthorized' | 'invalid-input';
  message: string;
}
