import { z } from 'zod';
import { CommandIdSchema } from './command-id';
import { COMMANDS, type CommandName } from './commands';

/**
 * Bridge calls that do nothing but send one hub command. The screen sends the command's input
 * less what the terminal agent fills in, and gets the command's answer back; so each of these
 * calls is one row here, and its schemas are the hub command table's (commands.ts), never a copy.
 *
 * What the agent fills in:
 * - `commandId`: on a write the screen may send the id it minted at the person's tap (every
 *   retry of that action reuses it); absent (older screens), the agent mints one. A read takes
 *   none from the screen: reads are not logged, so the agent mints one per call.
 * - the fields named in `fills`, from the device itself (`counterId`: the counter this device is).
 */
export const BRIDGE_FORWARDS = {
  'counter:call-next': { command: 'counter:call-next', fills: ['counterId'] },
  'counter:start': { command: 'ticket:start', fills: [] },
  'counter:complete': { command: 'ticket:complete', fills: [] },
  'counter:no-show': { command: 'ticket:no-show', fills: [] },
  'counter:recall': { command: 'ticket:recall', fills: [] },
  'counter:transfer': { command: 'ticket:transfer', fills: [] },
  'counter:pause': { command: 'counter:pause', fills: ['counterId'] },
  'counter:resume': { command: 'counter:resume', fills: ['counterId'] },
  'counter:sign-in': { command: 'counter:sign-in', fills: ['counterId'] },
  'counter:sign-out': { command: 'counter:sign-out', fills: ['counterId'] },
  /** "Kết quả chờ trả": results ready to hand back at this counter's centre, wherever received (issue 13). */
  'counter:ready-dossiers': { command: 'dossier:ready', fills: [] },
  /** The citizen's rating of the ticket this counter just finished. */
  'counter:rate': { command: 'ticket:rate', fills: [] },
  /** The kiosk's "Đánh giá dịch vụ": the visit a typed number or scanned ticket QR names, then its rating. */
  'kiosk:rating-visit': { command: 'ticket:rating-visit', fills: [] },
  'kiosk:rate': { command: 'ticket:rate', fills: [] },
  'admin:appointment-slots': { command: 'appointment:slots', fills: [] },
  'admin:appointments': { command: 'appointment:list', fills: [] },
  'admin:book-appointment': { command: 'appointment:book', fills: [] },
  'admin:cancel-appointment': { command: 'appointment:cancel', fills: [] },
  /** Pairing: a one-time code for a device, its revocation, and every device's credential state. */
  'admin:pairing-code': { command: 'device:pairing-code', fills: [] },
  'admin:revoke-device': { command: 'device:revoke', fills: [] },
  'admin:device-credentials': { command: 'device:credentials', fills: [] },
  /** API keys of other systems: the list, a new key (shown once), a new secret, revocation. */
  'admin:api-keys': { command: 'apikey:list', fills: [] },
  'admin:create-api-key': { command: 'apikey:create', fills: [] },
  'admin:rotate-api-key': { command: 'apikey:rotate', fills: [] },
  'admin:revoke-api-key': { command: 'apikey:revoke', fills: [] },
} as const satisfies Record<string, ForwardSpec>;

/** Fields of a command's input that only the terminal knows (the screen never sends them). */
export type AgentFill = 'counterId';

export interface ForwardSpec {
  readonly command: CommandName;
  readonly fills: readonly AgentFill[];
}

export type ForwardName = keyof typeof BRIDGE_FORWARDS;
export type ForwardedCommand<K extends ForwardName> = (typeof BRIDGE_FORWARDS)[K]['command'];

type CommandShape<C extends CommandName> = (typeof COMMANDS)[C]['input']['shape'];
type ScreenShape<C extends CommandName, F extends PropertyKey> = Omit<CommandShape<C>, F | 'commandId'> &
  ((typeof COMMANDS)[C]['mode'] extends 'write' ? { commandId: z.ZodOptional<typeof CommandIdSchema> } : unknown);
/** What a screen sends for command `C` when the agent fills in `F` (and the commandId). */
export type ScreenInputSchema<C extends CommandName, F extends PropertyKey = never> = ScreenShape<C, F> extends z.core.$ZodShape ? z.ZodObject<ScreenShape<C, F>, z.core.$strict> : never;

/**
 * The input a screen sends for command `command`: the command's own fields and rules (a
 * refinement such as the transfer's "exactly one target" keeps applying), less `fills` and the
 * commandId, which is optional on writes and absent on reads. Also used by the bridge calls a
 * desk handles around one command (e.g. kiosk:take-ticket), so those declare no schema either.
 */
export function screenInput<C extends CommandName, F extends AgentFill & keyof CommandShape<C> = never>(command: C, fills: readonly F[] = []): ScreenInputSchema<C, F> {
  const spec = COMMANDS[command];
  const input: z.ZodObject = spec.input;
  const dropped = new Set<string>(['commandId', ...fills]);
  const shape: Record<string, z.ZodType> = Object.fromEntries(Object.entries(input.shape).filter(([key]) => !dropped.has(key)));
  if (spec.mode === 'write') shape.commandId = CommandIdSchema.optional();
  const schema = z.strictObject(shape);
  // .omit() refuses a refined object, so the object is rebuilt and the command's checks put back on it.
  const checks = (input.def.checks ?? []) as z.core.$ZodCheck<Record<string, unknown>>[];
  return (checks.length > 0 ? schema.check(...checks) : schema) as unknown as ScreenInputSchema<C, F>;
}

type Forwards = typeof BRIDGE_FORWARDS;

/** The bridge inputs of the forwarding calls (merged into BRIDGE_INPUTS). */
export const FORWARD_INPUTS = Object.fromEntries(
  Object.entries(BRIDGE_FORWARDS).map(([name, f]: [string, ForwardSpec]) => [name, screenInput(f.command, f.fills as never[])]),
) as { readonly [K in ForwardName]: ScreenInputSchema<Forwards[K]['command'], Forwards[K]['fills'][number]> };

/** The bridge outputs of the forwarding calls: the command's output, as is (merged into BRIDGE_OUTPUTS). */
export const FORWARD_OUTPUTS = Object.fromEntries(Object.entries(BRIDGE_FORWARDS).map(([name, f]: [string, ForwardSpec]) => [name, COMMANDS[f.command].output])) as {
  readonly [K in ForwardName]: (typeof COMMANDS)[Forwards[K]['command']]['output'];
};

export function isForwardName(name: string): name is ForwardName {
  return Object.hasOwn(BRIDGE_FORWARDS, name);
}
