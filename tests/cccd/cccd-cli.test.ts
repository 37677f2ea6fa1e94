import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/cli/centre-runtime';
import { AN } from './cccd-fixtures';

const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');
const parse = (input: string) => spawnSync(process.execPath, [BIN, 'cccd-parse'], { cwd: REPO_ROOT, input, encoding: 'utf8', timeout: 60_000 });

describe('motcua cccd-parse', () => {
  it('prints the applicant as JSON', () => {
    const r = parse(`]Q1${AN}\r\n`);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-03-15', sex: 'Nam', issueDate: '2021-08-10' });
  });

  it('names every problem on stderr and exits 1', () => {
    const r = parse('00109001234|123456789|Nguyễn Văn An|31021990|Nam|Hà Nội|10082021');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('id: Số CCCD phải có 12 chữ số, đọc được "00109001234"');
    expect(r.stderr).toContain('dateOfBirth: Ngày sinh 31/02/1990 không phải là ngày có thật');
  });

  it('says so when stdin is empty', () => {
    const r = parse('');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Mã QR trống');
  });
});
