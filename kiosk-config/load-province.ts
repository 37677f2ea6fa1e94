import { readFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../core/result';
import { describeIssues } from '../core/validation';
import { ProvinceConfigSchema, type ProvinceConfig } from './province-schema';

export const DEMO_PROVINCE_FILE = path.join(import.meta.dirname, 'demo-province.json');

/** A province config from its text; refusals name the file, the field and what was expected. */
export function parseProvinceConfig(file: string, text: string): Result<ProvinceConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err('invalid-input', `${file}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = ProvinceConfigSchema.safeParse(raw);
  if (!parsed.success) return err('invalid-input', describeIssues(file, parsed.error));
  return ok(parsed.data);
}

export function loadProvinceConfig(file: string): Result<ProvinceConfig> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err('not-found', `${file}: cannot read the province config: ${(e as Error).message}`);
  }
  return parseProvinceConfig(file, text);
}
