import { readFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../core/result';
import { describeIssues } from '../core/validation';
import { CentreConfigSchema, type CentreConfig } from './schema';

export const DEMO_CENTRE_FILE = path.join(import.meta.dirname, 'demo-centre.json');

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
  const here = (f: string | undefined) => (f === undefined ? undefined : path.resolve(path.dirname(file), f));
  const tls = cfg.hub.tls === false ? false : { ...cfg.hub.tls, certFile: here(cfg.hub.tls.certFile), keyFile: here(cfg.hub.tls.keyFile), caFile: here(cfg.hub.tls.caFile) };
  return ok({ ...cfg, hub: { ...cfg.hub, dataDir, tls } });
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
