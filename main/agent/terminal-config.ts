import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PIN_HASH_PATTERN } from '../../core/clerks';
import { PrinterInterfaceSchema } from '../../core/devices';
import { err, ok, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import { TerminalDevicesSchema } from './serial-config';

/** What a terminal PC needs locally: where the hub is and who it is. Everything else comes from the hub. */
const HubUrlSchema = z
  .url({ protocol: /^https?$/, error: 'the hub address, e.g. https://192.168.1.10:8080' })
  // A path is a front's prefix for one centre (https://tinh.example.vn/c/hoan-kiem, docs/province.md): plain segments, no query.
  .refine((u) => /^https?:\/\/[^/?#]+(\/[A-Za-z0-9._-]+)*\/?$/.test(u), 'the hub address, with at most a path such as /c/<centre id> (no query, no fragment)');

/** A URL's origin or protocol; the text itself when it is no URL (its own issue says so). */
function urlPart(url: string, part: 'origin' | 'protocol'): string {
  try {
    return new URL(url)[part];
  } catch {
    return url;
  }
}

/** At most this many addresses of one hub (its processes); a longer list is a mistake, not a plan. */
export const MAX_HUB_URLS = 8;

export const TerminalConfigSchema = z.strictObject({
  /** The hub's address (one hub process, or the province's nginx in front of several). */
  hubUrl: HubUrlSchema.optional(),
  /**
   * Or several addresses of one hub (its processes on the province's PostgreSQL, without a proxy
   * in front): the terminal uses the first that answers and moves to the next when it fails.
   */
  hubUrls: z
    .array(HubUrlSchema)
    .min(1, 'at least one hub address')
    .max(MAX_HUB_URLS, `at most ${MAX_HUB_URLS} hub addresses`)
    .refine((urls) => new Set(urls.map((u) => urlPart(u, 'origin'))).size === urls.length, 'each hub address once')
    .refine((urls) => new Set(urls.map((u) => urlPart(u, 'protocol'))).size <= 1, 'all hub addresses https:// (or all http:// on a test bench), not a mix')
    .optional(),
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
}).refine((c) => (c.hubUrl === undefined) !== (c.hubUrls === undefined), {
  path: ['hubUrl'],
  message: 'give the hub address (hubUrl) or a list of its addresses (hubUrls); exactly one',
}).refine((c) => ![c.hubUrl, ...(c.hubUrls ?? [])].some((u) => u?.startsWith('https:')) || c.hubCa !== undefined, {
  path: ['hubCa'],
  message: "an https:// hub needs hubCa: the hub's CA certificate (tls/ca.pem in the hub's data dir)",
}).refine((c) => (c.credential === undefined) !== (c.token === undefined), {
  path: ['credential'],
  message: 'give the credential of a pairing (motcua agent --pair CODE), or a legacy token; exactly one',
});
/** The file as written: a paired credential, or a legacy token. */
export type TerminalConfigFile = z.infer<typeof TerminalConfigSchema>;
/** The config as the terminal runs it: `token` is the secret it signs in with, whichever the file gave. */
export type TerminalConfig = Omit<TerminalConfigFile, 'token' | 'credential' | 'hubUrl' | 'hubUrls'> & {
  readonly token: string;
  readonly paired: boolean;
  /** The first (or only) address: where REST calls (PDFs, statistics) go. */
  readonly hubUrl: string;
  /** Every address, in order (one when the file gave `hubUrl`). */
  readonly hubUrls: readonly string[];
};

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
  const { credential, token, hubUrl, hubUrls, ...rest } = parsed.data;
  const urls = hubUrls ?? (hubUrl === undefined ? [] : [hubUrl]);
  return ok({ ...rest, hubUrl: urls[0] ?? '', hubUrls: urls, token: credential ?? token ?? '', paired: credential !== undefined, hubCa: caHere, dataDir: path.resolve(path.dirname(file), parsed.data.dataDir) });
}
