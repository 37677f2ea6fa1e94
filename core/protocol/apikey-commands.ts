import { z } from 'zod';
import { DepartmentSchema } from '../dossiers/catalogue';
import { IdSchema } from '../queue/types';
import { CommandIdSchema } from './command-id';

/**
 * API keys of other systems (a department's own software, the provincial system): what an
 * administrator may grant, and the admin commands that create, list, rotate and revoke them.
 * The key itself is shown once (`mck_<id>_<secret>`); the hub keeps only the secret's SHA-256.
 */
export const API_KEY_PERMISSIONS = ['dossiers:read', 'dossiers:act', 'stats:read'] as const;
export const ApiKeyPermissionSchema = z.enum(API_KEY_PERMISSIONS);
export type ApiKeyPermission = z.infer<typeof ApiKeyPermissionSchema>;

/** How long the old secret keeps working after a rotation, unless the administrator says otherwise. */
export const DEFAULT_ROTATION_OVERLAP_HOURS = 24;
/** At most a week: an overlap is for switching a system over, not a second key. */
export const MAX_ROTATION_OVERLAP_HOURS = 168;

export const API_KEY_STATES = ['active', 'rotating', 'revoked'] as const;

/** A key as the admin screen and `motcua apikey list` show it (never its secret or hash). */
export const ApiKeyRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** null: the whole centre; else one agency (departments[].id). */
  departmentId: IdSchema.nullable(),
  permissions: z.array(ApiKeyPermissionSchema),
  createdAt: z.string(),
  createdBy: z.string(),
  rotatedAt: z.string().nullable(),
  /** The previous secret works until then (a rotation's overlap); null when there is none. */
  previousValidUntil: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: z.enum(API_KEY_STATES),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecordSchema>;

/** The fields of a new key (the bridge's admin:create-api-key takes exactly these). */
export const CreateApiKeyInputSchema = z.strictObject({
  commandId: CommandIdSchema,
  name: z.string().trim().min(2, 'tên hệ thống ít nhất 2 ký tự').max(80),
  departmentId: IdSchema.nullable(),
  permissions: z.array(ApiKeyPermissionSchema).min(1, 'chọn ít nhất một quyền').max(API_KEY_PERMISSIONS.length).refine((p) => new Set(p).size === p.length, 'mỗi quyền một lần'),
});
export const ApiKeyIdSchema = z.string().regex(/^[a-z0-9]{12}$/, 'mã khoá gồm 12 chữ thường hoặc chữ số');
export const ApiKeyIdInputSchema = z.strictObject({ commandId: CommandIdSchema, keyId: ApiKeyIdSchema });
export const RotateApiKeyInputSchema = z.strictObject({
  commandId: CommandIdSchema,
  keyId: ApiKeyIdSchema,
  /** Hours the previous secret keeps working; 0 ends it at once. */
  overlapHours: z.number().int().min(0).max(MAX_ROTATION_OVERLAP_HOURS).default(DEFAULT_ROTATION_OVERLAP_HOURS),
});
export const ApiKeyListInputSchema = z.strictObject({ commandId: CommandIdSchema });
/** The key in clear, shown once: the hub cannot show it again. */
export const IssuedApiKeyOutputSchema = z.object({ key: z.string(), record: ApiKeyRecordSchema });
/** The keys, and the agencies a new key may be scoped to (the admin's screen has no catalogue of its own). */
export const ApiKeyListOutputSchema = z.object({ keys: z.array(ApiKeyRecordSchema), departments: z.array(DepartmentSchema) });
export const ApiKeyOutputSchema = z.object({ record: ApiKeyRecordSchema });

/** `mck_` + 12-character id + `_` + 43-character secret (32 random bytes, base64url). */
const API_KEY_FORMAT = /^mck_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** The id and secret of a presented key, or null when it is not of our form. */
export function parseApiKey(text: string): { readonly id: string; readonly secret: string } | null {
  const m = API_KEY_FORMAT.exec(text);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

export function formatApiKey(id: string, secret: string): string {
  return `mck_${id}_${secret}`;
}
