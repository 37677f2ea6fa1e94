import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import type { PairedTerminal } from './pairing-client';
import { TerminalConfigSchema } from './terminal-config';

/**
 * Writes what a pairing gave into the terminal's config file: the hub's address, its CA (the PEM
 * itself) and fingerprint, the device id and the credential. Fields the file already had (the
 * printer, serial devices, the admin PIN, the data dir) are kept; a legacy token is dropped. Mode
 * 0600: the credential is the device's password. Temp file plus rename: never half a file.
 */
export function writePairedConfig(file: string, paired: PairedTerminal): Result<string> {
  let previous: Record<string, unknown> = {};
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) previous = raw as Record<string, unknown>;
  } catch {
    // No config yet (a new terminal): the pairing makes it.
  }
  const { token: _legacy, hubCa: _ca, hubCaFingerprint: _fp, hubUrl: _url, hubUrls, ...kept } = previous;
  // A list of the hub's addresses that holds the one paired through stays; any other address is replaced.
  const address = Array.isArray(hubUrls) && hubUrls.includes(paired.hubUrl) ? { hubUrls: hubUrls as unknown[] } : { hubUrl: paired.hubUrl };
  const next = { ...kept, ...address, deviceId: paired.deviceId, credential: paired.credential, ...(paired.hubCa ? { hubCa: paired.hubCa, hubCaFingerprint: paired.hubCaFingerprint } : {}) };
  const parsed = TerminalConfigSchema.safeParse(next);
  if (!parsed.success) return err('invalid-input', describeIssues(file, parsed.error));
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  return ok(file);
}
