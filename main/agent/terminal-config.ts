import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PIN_HASH_PATTERN } from '../../core/clerks';
import { PrinterInterfaceSchema } from '../../core/devices';
import { err, ok, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import { TerminalDevicesSchema } from './serial-config';

/** What a terminal PC needs locally: where the hub is and who it is. Everything else comes from the hub. */
export const TerminalConfigSchema = z.strictObject({
  hubUrl: z.url({ protocol: /^https?$/, error: 'the hub address, e.g. https://192.168.1.10:8080' }),
  /**
   * The hub's CA certificate: a PEM file (relative to the config file) or the PEM itself. The only
   * CA trusted for an https:// hub, and required for one (the hub prints where it is at start).
   */
  hubCa: z.string().min(1).optional(),
  /** SHA-256 fingerprint of that CA (AA:BB:… as the hub prints it): a CA that is not this one is refused. */
  hubCaFingerprint: z
    .string()
    .regex(/^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/, 'the SHA-256 fingerprint of the hub CA, 64 hex digits (colons allowed)')
    .optional(),
  deviceId: z.string().min(1),
  /** The credential the hub gave at pairing (`motcua agent --pair CODE`, or the setup page). */
  credential: z.string().min(32).optional(),
  /** Legacy: the device's token hand-copied from the centre config. A paired terminal has a credential instead. */
  token: z.string().min(16).optional(),
  /** Local state (outbox, caches). Relative paths are relative to the config file. */
  dataDir: z.string().default('terminal-data'),
  /** Overrides the interface of the printer profile the hub assigns (e.g. a local USB-to-network port). */
  printerInterface: PrinterInterfaceSchema.optional(),
  /** Serial devices of a counter (LED number sign, rating keypad) and the SANE scanner, if any. */
  devices: TerminalDevicesSchema.optional(),
  /** Unlocks the terminal's admin menu (leave kiosk mode, settings); same scrypt format as clerks' PINs. */
  adminPinHash: z
    .string()
    .regex(PIN_HASH_PATTERN, 'a hash made by `motcua hash-pin` (scrypt$N$r$p$salt$hash), never the PIN itself')
    .optional(),
  /** A kiosk goes back to its home screen after this many seconds without a touch (60 when absent). */
  idleSeconds: z.number().int().min(10).max(3600).optional(),
}).refine((c) => !c.hubUrl.startsWith('https:') || c.hubCa !== undefined, {
  path: ['hubCa'],
  message: "an https:// hub needs hubCa: the hub's CA certificate (tls/ca.pem in the hub's data dir)",
}).refine((c) => (c.credential === undefined) !== (c.token === undefined), {
  path: ['credential'],
  message: 'give the credential of a pairing (motcua agent --pair CODE), or a legacy token; exactly one',
});
/** The file as written: a paired credential, or a legacy token. */
export type TerminalConfigFile = z.infer<typeof TerminalConfigSchema>;
/** The config as the terminal runs it: `token` is the secret it signs in with, whichever the file gave. */
export type TerminalConfig = Omit<TerminalConfigFile, 'token' | 'credential'> & { readonly token: string; readonly paired: boolean };

export function loadTerminalConfig(file: string): Result<TerminalConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return err('invalid-input', `${file}: cannot read the terminal config: ${(e as Error).message}`);
  }
  const parsed = TerminalConfigSchema.safeParse(raw);
  if (!parsed.success) return err('invalid-input', describeIssues(file, parsed.error));
  const { hubCa } = parsed.data;
  const caHere = hubCa === undefined || hubCa.includes('-----BEGIN') ? hubCa : path.resolve(path.dirname(file), hubCa);
  const { credential, token, ...rest } = parsed.data;
  return ok({ ...rest, token: credential ?? token ?? '', paired: credential !== undefined, hubCa: caHere, dataDir: path.resolve(path.dirname(file), parsed.data.dataDir) });
}
