import { describe, expect, it } from 'vitest';
import { canAttachResult, MAX_RESULT_BYTES, resultFileName, resultFileProblem } from '../../core/dossiers/result-files';

const PDF_HEAD = new TextEncoder().encode('%PDF-');

describe('a picked result file, checked before it is sent', () => {
  it('takes a PDF up to the limit', () => {
    expect(resultFileProblem({ bytes: 1234, head: PDF_HEAD })).toBeNull();
    expect(resultFileProblem({ bytes: MAX_RESULT_BYTES, head: PDF_HEAD })).toBeNull();
  });

  it('refuses an empty file, one over 50 MB, and one that does not start with %PDF-', () => {
    expect(resultFileProblem({ bytes: 0, head: new Uint8Array() })).toBe('empty');
    expect(resultFileProblem({ bytes: MAX_RESULT_BYTES + 1, head: PDF_HEAD })).toBe('too-big');
    expect(resultFileProblem({ bytes: 10, head: new TextEncoder().encode('PK\u0003\u0004x') })).toBe('not-pdf');
    expect(resultFileProblem({ bytes: 3, head: new TextEncoder().encode('%PD') })).toBe('not-pdf');
  });

  it('shortens a long name to 120 characters and keeps ".pdf"', () => {
    expect(resultFileName('  Giấy khai sinh.pdf ')).toBe('Giấy khai sinh.pdf');
    const long = `${'Quyết định '.repeat(20)}.PDF`;
    const short = resultFileName(long);
    expect(short.length).toBeLessThanOrEqual(120);
    expect(short.length).toBeGreaterThan(110);
    expect(short.endsWith('.PDF')).toBe(true);
    expect(resultFileName('x'.repeat(130))).toHaveLength(120);
  });

  it('attaches only while processing or done, and at most 20 files', () => {
    expect(canAttachResult('processing', 0).ok).toBe(true);
    expect(canAttachResult('done', 19).ok).toBe(true);
    const full = canAttachResult('done', 20);
    expect(full.ok ? null : full.error.kind).toBe('exhausted');
    const received = canAttachResult('received', 0);
    expect(received.ok ? null : received.error.kind).toBe('conflict');
  });
});
