import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PIN_HASH_PATTERN } from '../../core/clerks';
import { err, ok, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import { loadTerminalConfig, TerminalConfigSchema, type TerminalConfig } from '../agent/terminal-config';

/**
 * The terminal config as the shell runs it and as the admin edits it: a config that fails
 * validation never bricks the terminal. The last config that validated is kept beside it as
 * `<name>.last-good.json`; every write is a temp file plus rename, so a power cut mid-save
 * leaves the old file or the new one, never half of one.
 */

export type ConfigChoice =
  | { readonly kind: 'current'; readonly file: string; readonly config: TerminalConfig }
  /** The current file is broken; the terminal runs on the last good one and says what is wrong. */
  | { readonly kind: 'last-good'; readonly file: string; readonly config: TerminalConfig; readonly problem: string }
  /** Nothing usable: the shell shows the setup page with the problem. */
  | { readonly kind: 'setup'; readonly problem: string };

export function lastGoodPathOf(configPath: string): string {
  const { dir, name } = path.parse(configPath);
  return path.join(dir, `${name}.last-good.json`);
}

export function chooseTerminalConfig(configPath: string): ConfigChoice {
  const current = loadTerminalConfig(configPath);
  const lastGoodPath = lastGoodPathOf(configPath);
  if (current.ok) {
    // First good start (or the file was fixed by hand): remember it as the fallback.
    if (!existsSync(lastGoodPath)) copyAtomically(configPath, lastGoodPath);
    return { kind: 'current', file: configPath, config: current.value };
  }
  if (existsSync(lastGoodPath)) {
    const lastGood = loadTerminalConfig(lastGoodPath);
    if (lastGood.ok) {
      return {
        kind: 'last-good',
        file: lastGoodPath,
        config: lastGood.value,
        problem: `${current.error.message}\nĐang chạy bằng cấu hình tốt gần nhất: ${lastGoodPath}`,
      };
    }
    return { kind: 'setup', problem: `${current.error.message}\n${lastGood.error.message}` };
  }
  return { kind: 'setup', problem: current.error.message };
}

/** The config file as written, without defaults applied or paths resolved; null when unreadable. */
export function readRawConfig(configPath: string): Record<string, unknown> | null {
  try {
    const raw: unknown = JSON.parse(readFileSync(configPath, 'utf8'));
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The admin PIN hash to ask for, even from a config that is otherwise broken (a passer-by must
 * not get the setup form just because the hub address has a typo). Falls back to the last good file.
 */
export function adminPinHashFor(configPath: string): string | null {
  for (const file of [configPath, lastGoodPathOf(configPath)]) {
    const hash = readRawConfig(file)?.['adminPinHash'];
    if (typeof hash === 'string' && PIN_HASH_PATTERN.test(hash)) return hash;
  }
  return null;
}

/**
 * Validates `input` with the terminal config schema and, only if it passes, saves it: the file it
 * replaces becomes the last good one (when it was valid), then temp file + rename. A refused input
 * changes no file; the error names the file, the field and what was expected.
 */
export function saveTerminalConfig(configPath: string, input: unknown): Result<TerminalConfig> {
  const parsed = TerminalConfigSchema.safeParse(input);
  if (!parsed.success) return err('invalid-input', describeIssues(configPath, parsed.error));
  if (loadTerminalConfig(configPath).ok) copyAtomically(configPath, lastGoodPathOf(configPath));
  writeAtomically(configPath, `${JSON.stringify(parsed.data, null, 2)}\n`);
  const saved = loadTerminalConfig(configPath);
  return saved.ok ? ok(saved.value) : saved;
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

function copyAtomically(from: string, to: string): void {
  const temp = `${to}.${process.pid}.tmp`;
  try {
    copyFileSync(from, temp);
    renameSync(temp, to);
  } finally {
    rmSync(temp, { force: true });
  }
}
