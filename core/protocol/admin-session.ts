import { z } from 'zod';

/** What the admin screen sends to sign an administrator in (over the bridge, then to the hub). */
export const AdminSignInInputSchema = z.strictObject({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) });
export type AdminSignInInput = z.infer<typeof AdminSignInInputSchema>;

/**
 * Whether the centre asks for an administrator (it has accounts) and who is signed in at this
 * admin terminal. The session token itself never reaches the screen: the agent keeps it in memory.
 */
export const AdminSessionStateSchema = z.object({
  required: z.boolean(),
  session: z.object({ username: z.string(), expiresAt: z.string() }).nullable(),
});
export type AdminSessionState = z.infer<typeof AdminSessionStateSchema>;
