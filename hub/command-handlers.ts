import { COMMAND_NAMES, type CommandName } from '../core/protocol/commands';
import { APIKEY_COMMANDS, apiKeyHandlers } from './apikeys/apikey-handlers';
import type { ApiKeys } from './apikeys/api-keys';
import { APPOINTMENT_COMMANDS, appointmentHandlers } from './appointments/appointment-handlers';
import type { AppointmentService } from './appointments/appointment-service';
import type { OfficerDesk } from './clerks/officer-desk';
import type { CommandHandlers } from './commands/command-runner';
import { DEVICE_COMMANDS, deviceHandlers } from './devices/device-handlers';
import type { DeviceMonitor } from './devices/device-monitor';
import { PAIRING_COMMANDS, pairingHandlers } from './devices/pairing-handlers';
import type { PairingService } from './devices/pairing-service';
import { DOSSIER_COMMANDS, dossierHandlers } from './dossiers/dossier-handlers';
import type { DossierService } from './dossiers/dossier-service';
import { LEASE_COMMANDS, leaseHandlers } from './queue/lease-handlers';
import type { NumberLeases } from './queue/number-leases';
import { QUEUE_COMMANDS, queueHandlers } from './queue/queue-handlers';
import type { QueueService } from './queue/queue-service';
import { RATING_COMMANDS, ratingHandlers } from './ratings/rating-handlers';
import type { RatingService } from './ratings/rating-service';
import type { RatingVisits } from './ratings/rating-visits';

/** Which feature module answers which commands of the table: together, every command exactly once. */
export const FEATURE_COMMANDS = {
  queue: QUEUE_COMMANDS,
  leases: LEASE_COMMANDS,
  devices: DEVICE_COMMANDS,
  ratings: RATING_COMMANDS,
  appointments: APPOINTMENT_COMMANDS,
  dossiers: DOSSIER_COMMANDS,
  pairing: PAIRING_COMMANDS,
  apiKeys: APIKEY_COMMANDS,
} as const;

type Features = typeof FEATURE_COMMANDS;
type Handled = Features[keyof Features][number];
/** Commands of the table no feature lists (must be none). */
type Unhandled = Exclude<CommandName, Handled>;
/** Commands two features both list (must be none). */
type Overlap = { [F in keyof Features]: Features[F][number] & { [G in Exclude<keyof Features, F>]: Features[G][number] }[Exclude<keyof Features, F>] }[keyof Features];
// Fails to compile, naming the command, when a command of the table has no feature or two.
const everyCommandOnce: { unhandled: [Unhandled] extends [never] ? 'none' : Unhandled; overlap: [Overlap] extends [never] ? 'none' : Overlap } = { unhandled: 'none', overlap: 'none' };
void everyCommandOnce;

/** The services the command handlers act through. */
export interface CommandServices {
  readonly queue: QueueService;
  readonly leases: NumberLeases;
  readonly monitor: DeviceMonitor;
  readonly ratings: RatingService;
  /** The kiosk's rating by ticket number or QR: which visit, and may it be rated. */
  readonly ratingVisits: RatingVisits;
  readonly appointments: AppointmentService;
  readonly dossiers: DossierService;
  readonly officers: OfficerDesk;
  readonly pairing: PairingService;
  /** API keys of other systems (hub/apikeys). */
  readonly apiKeys: ApiKeys;
  /** The administrator signed in at an admin device, if any (who acts, for the audit chain). */
  readonly administratorAt: (deviceId: string) => Promise<string | null>;
}

/** What is wrong with a split of the table into features: commands of no feature, of two, or not in the table. */
export function coverageProblems(features: Readonly<Record<string, readonly string[]>>, table: readonly string[] = COMMAND_NAMES): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const [feature, names] of Object.entries(features)) {
    for (const name of names) {
      const other = owner.get(name);
      if (other !== undefined) problems.push(`${name}: answered by both ${other} and ${feature}`);
      else owner.set(name, feature);
      if (!table.includes(name)) problems.push(`${name}: answered by ${feature} but not in the command table`);
    }
  }
  for (const name of table) if (!owner.has(name)) problems.push(`${name}: no feature answers it`);
  return problems;
}

/** The hub's handler map, one feature module after another. */
export function commandHandlers(services: CommandServices): CommandHandlers {
  const handlers: CommandHandlers = {
    ...queueHandlers(services),
    ...leaseHandlers(services.leases),
    ...deviceHandlers(services.monitor),
    ...ratingHandlers(services.ratings, services.ratingVisits),
    ...appointmentHandlers(services.appointments),
    ...dossierHandlers(services),
    ...pairingHandlers(services),
    ...apiKeyHandlers(services),
  };
  const problems = [...coverageProblems(FEATURE_COMMANDS), ...coverageProblems({ handlers: Object.keys(handlers) })];
  // The types already hold this; a hub that would answer "internal" to a command of its own table does not start.
  if (problems.length > 0) throw new Error(`command handlers: ${problems.join('; ')}`);
  return handlers;
}
