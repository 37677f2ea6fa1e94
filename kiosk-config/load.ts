import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { err, ok, type Result } from '../core/result';
import { CentreConfigSchema, type CentreConfig } from './schema';

export const DEMO_CENTRE_FILE = path.join(import.meta.dirname, 'demo-centre.json');

/** "services[2].numberTo" from a zod issue path. */
function fieldPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

/** One line per problem: "file: field: what was expected". */
export function describeIssues(file: string, error: z.ZodError): string {
  return error.issues.map((i) => `${file}: ${fieldPath(i.path)}: ${i.message}`).join('\n');
}

export function parseCentreConfig(file: string, text: string): Result<CentreConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err('invalid-input', `${file}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = CentreConfigSchema.safeParse(raw);
  if (!parsed.success) return err('invalid-input', describeIssues(file, parsed.error));
  const cfg = parsed.data;
  const dataDir = path.resolve(path.dirname(file), cfg.hub.dataDir);
  return ok({ ...cfg, hub: { ...cfg.hub, dataDir } });
}

export function loadCentreConfig(file: string): Result<CentreConfig> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err('not-found', `${file}: cannot read the centre config: ${(e as Error).message}`);
  }
  return parseCentreConfig(file, text);
}
