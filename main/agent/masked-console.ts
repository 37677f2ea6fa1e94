import { format } from 'node:util';
import { maskPersonalDataInText } from '../../core/privacy/personal-data';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
const MASKED = Symbol.for('motcua.maskedConsole');

/**
 * Every line a motcua process prints (hub, agents, virtual printer, demo) passes through the one
 * masking rule (core/privacy/personal-data.ts): a CCCD number or a citizen's name that reaches
 * the console by any path — a decoded receipt, an error carrying a payload — leaves it masked.
 * Installed once by each entry (the CLI's main, the Electron shell's main); the hub's pino logger masks its own lines.
 */
export function maskConsole(target: Console = console): void {
  const marked = target as Console & { [MASKED]?: true };
  if (marked[MASKED]) return;
  marked[MASKED] = true;
  for (const method of METHODS) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) => original(maskPersonalDataInText(format(...args)));
  }
}
