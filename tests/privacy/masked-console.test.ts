import { Console } from 'node:console';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { maskConsole } from '../../main/agent/masked-console';
import { maskedLoggerOptions } from '../../hub/privacy/masked-log';

describe('masked console and hub logger', () => {
  it('a console masks every line it prints, formatted arguments included; installing twice wraps once', () => {
    const out = new PassThrough();
    const err = new PassThrough();
    const target = new Console({ stdout: out, stderr: err });
    maskConsole(target);
    maskConsole(target);
    target.log('job 3: %s | %o', 'CCCD 001090012345', { applicant: { fullName: 'Phạm Văn An' } });
    target.error(new Error('refused 079185004321'));
    const printed = `${out.read()}`;
    expect(printed).toContain('CCCD 0010******45');
    expect(printed).toContain("fullName: 'P.V.A.'");
    expect(printed).not.toContain('Phạm');
    expect(`${err.read()}`).toContain('refused 0791******21');
  });

  it("the hub's pino options write masked lines to the sink, and none when logging is off", () => {
    const lines: string[] = [];
    const options = maskedLoggerOptions(true, { write: (l) => lines.push(l) }) as { stream: { write(line: string): void } };
    options.stream.write('{"req":{"url":"/api/dossiers/001090012345"},"body":{"fullName":"Phạm Văn An"}}\n');
    expect(lines).toEqual(['{"req":{"url":"/api/dossiers/0010******45"},"body":{"fullName":"P.V.A."}}\n']);
    expect(maskedLoggerOptions(false)).toBe(false);
    expect(maskedLoggerOptions(undefined)).toBe(false);
  });
});
