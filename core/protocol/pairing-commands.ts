import { z } from 'zod';
import { IdSchema } from '../queue/types';
import { CommandIdSchema } from './command-id';

/** How long a pairing code lives after an administrator creates it. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** A pairing code: 8 digits, shown grouped "1234 5678". */
export const PAIRING_CODE_DIGITS = 8;

/**
 * `1234 5678`, `1234-5678`, `12345678`, or the QR's `motcua-pair:12345678` (a scanner typing
 * into the setup page's field) → `12345678`; null when it is not 8 digits.
 */
export function normalisePairingCode(text: string): string | null {
  const digits = text.trim().replace(/^motcua-pair:/i, '').replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${PAIRING_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** `12345678` → `1234 5678`, as the admin screen and the CLI show it. */
export function groupPairingCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

/** What a new terminal sends to `POST /api/pair`: the code, nothing else. */
export const PairRequestSchema = z.strictObject({ code: z.string().min(1).max(20) });

/**
 * What `POST /api/pair` answers: who the terminal is, its credential (given once, the hub keeps
 * only its hash) and the centre's CA, which the terminal pins from then on. The CA is null for a
 * plain-HTTP hub (the loopback demo) or a hub whose operator's certificates name no CA file.
 */
export const PairAnswerSchema = z.object({
  deviceId: IdSchema,
  credential: z.string().min(32).max(100),
  caFingerprint: z.string().nullable(),
  caPem: z.string().nullable(),
});
export type PairAnswer = z.infer<typeof PairAnswerSchema>;

/** The state of a device's credential as the admin screen lists it. */
export const CREDENTIAL_STATES = ['paired', 'legacy-token', 'revoked', 'unpaired'] as const;
export const DeviceCredentialStateSchema = z.object({
  deviceId: IdSchema,
  /** paired: a credential from a pairing code; legacy-token: the config's token; revoked; unpaired: nothing yet. */
  state: z.enum(CREDENTIAL_STATES),
  pairedAt: z.string().nullable(),
  /** Last sign-in or sign-out of the device with its credential (kept across hub restarts). */
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** A rotation waits for the terminal's first sign-in with the new credential. */
  rotationPending: z.boolean(),
});
export type DeviceCredentialState = z.infer<typeof DeviceCredentialStateSchema>;

export const DeviceIdInputSchema = z.strictObject({ commandId: CommandIdSchema, deviceId: IdSchema });
export const PairingCodeOutputSchema = z.object({
  deviceId: IdSchema,
  /** 8 digits; shown once, the hub keeps only its hash. */
  code: z.string(),
  expiresAt: z.string(),
  /** The QR of `motcua-pair:<code>` as an SVG document, for a terminal's camera or scanner. */
  qrSvg: z.string(),
});
export const RevokeOutputSchema = z.object({ deviceId: IdSchema, revokedAt: z.string() });
export const CredentialListInputSchema = z.strictObject({ commandId: CommandIdSchema });
export const CredentialListOutputSchema = z.object({ devices: z.array(DeviceCredentialStateSchema) });
export const RotateInputSchema = z.strictObject({ commandId: CommandIdSchema });
/** The new credential: the old one keeps working until the terminal's first sign-in with this one. */
export const RotateOutputSchema = z.object({ deviceId: IdSchema, credential: z.string() });

/** The text a pairing QR carries: the code, prefixed so a scanner at the setup page knows it from other QR codes. */
export function pairingQrText(code: string): string {
  return `motcua-pair:${code}`;
}
