import { z } from 'zod';
import { ERROR_KINDS } from '../result';

export const AppErrorSchema = z.object({ kind: z.enum(ERROR_KINDS), message: z.string() });

/** The schema of a Result<T> as it crosses a process or network boundary. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: AppErrorSchema })]);
}
