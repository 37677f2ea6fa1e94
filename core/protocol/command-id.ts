import { z } from 'zod';

/**
 * The id a command carries, minted once where the person acted (the tap, the click) and reused
 * by every retry and reconnect until an answer arrives: a replay returns the first answer.
 */
export const CommandIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, "-" or "_" (a UUID will do)');
