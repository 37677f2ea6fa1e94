import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PrinterInterfaceSchema } from '../../core/devices';
import { err, ok, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';

/** What a terminal PC needs locally: where the hub is and who it is. Everything else comes from the hub. */
export const TerminalConfigSchema = z.strictObject({
  hubUrl: z.url({ protocol: /^https?$/, error: 'the hub address, e.g. http://192.168.1.10:8080' }),
  deviceId: z.string().min(1),
  token: z.string().min(16),
  /** Local state (outbox, caches). Relative paths are relative to the config file. */
  dataDir: z.string().default('terminal-data'),
  /** Overrides the interface of the printer profile the hub assigns (e.g. a local USB-to-network port). */
  printerInterface: PrinterInterfaceSchema.optional(),
});
export type TerminalConfig = z.infer<typeof TerminalConfigSchema>;

export function loadTerminalConfig(file: string): Result<TerminalConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return err('invalid-input', `${file}: cannot read the terminal config: ${(e as Error).message}`);
  }
  const parsed = TerminalConfigSchema.safeParse(raw);
  if (!parsed.success) return err('invalid-input', describeIssues(file, parsed.error));
  return ok({ ...parsed.data, dataDir: path.resolve(path.dirname(file), parsed.data.dataDir) });
}
