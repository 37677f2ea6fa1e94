import { z } from 'zod';
import { IdSchema } from './queue/types';

/**
 * A PIN or password stored as `scrypt$N$r$p$salt$hash` (salt and hash in base64): a slow KDF, so
 * a copied config file does not give the PINs away. `motcua hash-pin` makes one.
 */
export const PIN_HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]{16,})\$([A-Za-z0-9+/=]{32,})$/;

export const ClerkSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  pinHash: z.string().regex(PIN_HASH_PATTERN, 'a hash made by `motcua hash-pin` (scrypt$N$r$p$salt$hash), never the PIN itself'),
});
export type Clerk = z.infer<typeof ClerkSchema>;

/** A back-office officer (cán bộ phòng chuyên môn): signs in at a device of their department with a PIN, as a clerk does at a counter. */
export const OfficerSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  /** The department (phòng chuyên môn) they work for: they sign in only at its back-office devices. */
  departmentId: IdSchema,
  pinHash: ClerkSchema.shape.pinHash,
});
export type Officer = z.infer<typeof OfficerSchema>;
