import { z } from 'zod';

/** What the admin screen sends to sign an administrator in (over the bridge, then to the hub). */
export const AdminSignInInputSchema = z.strictObject({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) });
export type AdminSignInInput = z.infer<typeof AdminSignInInputSchema>;

/** Whose administrator is signed in: the centre's, or the province's (reads the province statistics only). */
export const AdminScopeSchema = z.enum(['centre', 'province']);
export type AdminScope = z.infer<typeof AdminScopeSchema>;

/**
 * Whether the centre asks for an administrator (it has accounts), whether this is a province's
 * hub (a province administrator may sign in here), and who is signed in at this admin terminal,
 * with their scope (absent: the centre's, as older hubs answer). The session token itself never
 * reaches the screen: the agent keeps it in memory.
 */
export const AdminSessionStateSchema = z.object({
  required: z.boolean(),
  province: z.boolean().optional(),
  session: z.object({ username: z.string(), expiresAt: z.string(), scope: AdminScopeSchema.optional() }).nullable(),
});
export type AdminSessionState = z.infer<typeof AdminSessionStateSchema>;
