import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/cli/centre-runtime';
import { demoConfig } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { CITIZEN, decideAndReturn, OTHER_CITIZEN, signInOfficer, visit } from './privacy-support';

const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');

describe('motcua privacy export|erase --cccd (against a hub database with a returned and an open dossier)', () => {
  // The CLI on the hub's SQLite file; on PostgreSQL (--store): tests/cli/store-admin-privacy.test.ts and the privacy contract cases.
  const f = useHubFixture({ testStore: 'sqlite' });

  it('exports as JSON, refuses to erase while a dossier is in progress, erases after return; each request recorded with --by', async () => {
    const d = { kiosk: (await f.open('kiosk-1')).socket, counter: (await f.open('counter-3')).socket, backoffice: (await f.open('backoffice-tckh')).socket };
    await signInOfficer(d.backoffice);
    const returned = await visit(d, CITIZEN, 'Tốt');
    await decideAndReturn(d, returned.code);
    const open = await visit(d, OTHER_CITIZEN, 'Tốt');
    const configFile = path.join(f.dir, 'centre.json');
    writeFileSync(configFile, JSON.stringify(demoConfig()));
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'privacy', ...args, '--config', configFile, '--data-dir', f.dir, '--by', 'Nguyễn Thị Lan'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 90_000 });

    const exported = cli('export', '--cccd', CITIZEN.idNumber);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const json = JSON.parse(exported.stdout) as { idNumber: string; dossiers: { dossier: Record<string, unknown>; history: unknown[] }[] };
    expect(json.idNumber).toBe(CITIZEN.idNumber);
    expect(json.dossiers.map((x) => [x.dossier.code, x.dossier.applicant_name, x.dossier.applicant_id_number, x.history.length])).toEqual([[returned.code, CITIZEN.fullName, CITIZEN.idNumber, 4]]);

    const refused = cli('erase', '--cccd', OTHER_CITIZEN.idNumber);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`hồ sơ đang giải quyết, chưa trả kết quả: ${open.code} (received)`);

    const erased = cli('erase', '--cccd', CITIZEN.idNumber);
    expect(erased.status).toBe(0);
    expect(erased.stdout).toBe(`0010******45: đã ẩn danh 1 hồ sơ: ${returned.code}\n`);
    expect(cli('erase', '--cccd', '12345').stderr).toContain('Số CCCD gồm đúng 12 chữ số');

    const db = new BetterSqlite3(path.join(f.dir, 'hub.sqlite'), { readonly: true });
    expect(db.prepare('SELECT applicant_id_number FROM dossiers ORDER BY code').all()).toEqual([{ applicant_id_number: '************' }, { applicant_id_number: OTHER_CITIZEN.idNumber }]);
    expect(db.prepare('SELECT kind, subject, requested_by, outcome FROM privacy_requests ORDER BY id').all()).toEqual([
      { kind: 'export', subject: '0010******45', requested_by: 'Nguyễn Thị Lan', outcome: 'done' },
      { kind: 'erase', subject: '0791******21', requested_by: 'Nguyễn Thị Lan', outcome: 'refused' },
      { kind: 'erase', subject: '0010******45', requested_by: 'Nguyễn Thị Lan', outcome: 'done' },
    ]);
    db.close();
  }, 240_000);
});
