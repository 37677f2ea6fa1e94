import type { FastifyServerOptions } from 'fastify';
import { maskPersonalDataInText } from '../../core/privacy/personal-data';

/** Where masked log lines go: stdout by default, anything with `write` in tests. */
export interface LogSink {
  write(line: string): unknown;
}

/**
 * The hub's logger: pino's JSON lines, each passed through the one masking rule
 * (core/privacy/personal-data.ts) before it leaves the process, so no request, error or payload
 * logged by accident carries a CCCD number or an applicant's name in clear.
 */
export function maskedLoggerOptions(log: boolean | undefined, sink: LogSink = process.stdout): FastifyServerOptions['logger'] {
  if (!log) return false;
  return { level: 'info', stream: { write: (line: string) => sink.write(maskPersonalDataInText(line)) } };
}
