import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../core/privacy/retention-policy';
import { verifyAllChains, verifyChain } from '../../hub/audit/chain-verifier';
import { DOSSIER_HISTORY_CHAIN } from '../../hub/audit/hash-chain';
import { openDatabase } from '../../hub/db/open-database';
import { ERASED_ID_NUMBER, ERASED_NAME } from '../../hub/privacy/personal-data-store';
import { PrivacyRequests, sqlitePrivacyDeps } from '../../hub/privacy/privacy-requests';
import { RetentionPurge } from '../../hub/privacy/retention-purge';
import { DirectoryBlobs } from '../../hub/dossiers/directory-blobs';
import { useHubFixture } from '../support/hub-fixture';
import { CITIZEN, decideAndReturn, OTHER_CITIZEN, signInOfficer, visit } from './privacy-support';

const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T09:00');
const DAY = 86_400_000;

type Row = Record<string, unknown>;

describe('personal data by policy: retention purge with the clock moved forward (real hub)', () => {
  // Reads the SQLite file beside the hub (its chains, its privacy records by hand); the PostgreSQL side: tests/hub/store-contract/privacy.contract.test.ts.
  const f = useHubFixture({ clock: () => now, testStore: 'sqlite' });
  beforeEach(() => {
    now = vn('2026-11-20T09:00');
  });

  const devices = async () => {
    const d = { kiosk: (await f.open('kiosk-1')).socket, counter: (await f.open('counter-3')).socket, backoffice: (await f.open('backoffice-tckh')).socket };
    await signInOfficer(d.backoffice);
    return d;
  };
  const read = <T = Row>(sql: string, ...params: unknown[]): T[] => {
    const db = new BetterSqlite3(path.join(f.dir, 'hub.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  it('clears phone numbers from old rating comments, anonymises returned dossiers after N years and deletes them later; open dossiers and statistics stay', async () => {
    const d = await devices();
    // Its receipt carries a status link (/hs/<token>): the token's hash goes with the dossier.
    const returned = await visit(d, CITIZEN, 'Cán bộ nhiệt tình, gọi tôi 0912 345 678', 'AbCdEfGhIjKlMnOpQrStUvWx');
    await decideAndReturn(d, returned.code);
    expect(read('SELECT dossier_code FROM dossier_public_tokens')).toEqual([{ dossier_code: returned.code }]);
    const open = await visit(d, OTHER_CITIZEN, 'Nhanh gọn');
    const pdfDir = path.join(f.dir, 'dossier-files');
    mkdirSync(pdfDir, { recursive: true });
    writeFileSync(path.join(pdfDir, `${returned.code}.pdf`), '%PDF-1.7 test');

    // 89 days on: nothing is due yet (a restart runs the purge at start).
    now = new Date(now.getTime() + 89 * DAY);
    await f.restart();
    expect(read('SELECT comment FROM ratings ORDER BY id').map((r) => r.comment)).toEqual(['Cán bộ nhiệt tình, gọi tôi 0912 345 678', 'Nhanh gọn']);

    // 91 days: the comment with a phone number goes, the score and the other comment stay.
    now = new Date(now.getTime() + 2 * DAY);
    await f.restart();
    expect(read('SELECT rating, comment FROM ratings ORDER BY id')).toEqual([
      { rating: 4, comment: null },
      { rating: 4, comment: 'Nhanh gọn' },
    ]);
    expect(read('SELECT applicant_id_number FROM dossiers ORDER BY code').map((r) => r.applicant_id_number)).toEqual([CITIZEN.idNumber, OTHER_CITIZEN.idNumber]);

    // 5 years after the return: the returned dossier's applicant is anonymised; the open one is untouched.
    now = vn('2031-11-21T09:00');
    await f.restart();
    const rows = read('SELECT code, status, applicant_name, applicant_id_number, applicant_dob, applicant_address, applicant_phone, procedure_code, anonymised_at FROM dossiers ORDER BY code');
    expect(rows).toEqual([
      { code: returned.code, status: 'returned', applicant_name: ERASED_NAME, applicant_id_number: ERASED_ID_NUMBER, applicant_dob: null, applicant_address: null, applicant_phone: null, procedure_code: 'KD-TL', anonymised_at: now.toISOString() },
      { code: open.code, status: 'received', applicant_name: OTHER_CITIZEN.fullName, applicant_id_number: OTHER_CITIZEN.idNumber, applicant_dob: null, applicant_address: null, applicant_phone: null, procedure_code: 'KD-TL', anonymised_at: null },
    ]);
    // The statistics still count both (history rows and the ratings' scores stay).
    expect(read('SELECT count(*) AS n FROM dossier_history WHERE dossier_code = ?', returned.code)[0]).toEqual({ n: 4 });
    expect(existsSync(path.join(pdfDir, `${returned.code}.pdf`))).toBe(true);
    // Nothing of the applicant is left in the database file's tables, logged answers included.
    const dump = JSON.stringify(read('SELECT * FROM dossiers')) + JSON.stringify(read('SELECT result_json FROM commands'));
    expect(dump).not.toContain(CITIZEN.idNumber);
    expect(dump).not.toContain(CITIZEN.fullName);

    // 20 years after the return: the dossier itself goes, with its control sheet and scanned PDF.
    now = vn('2046-11-21T09:00');
    await f.restart();
    expect(read('SELECT code FROM dossiers').map((r) => r.code)).toEqual([open.code]);
    expect(read('SELECT count(*) AS n FROM dossier_history WHERE dossier_code = ?', returned.code)[0]).toEqual({ n: 0 });
    expect(read('SELECT count(*) AS n FROM dossier_public_tokens')[0]).toEqual({ n: 0 });
    expect(existsSync(path.join(pdfDir, `${returned.code}.pdf`))).toBe(false);
    expect(read('SELECT count(*) AS n FROM ratings')[0]).toEqual({ n: 2 });

    // Each purge that changed something is on record, by the policy, with its counts.
    const purges = read<{ kind: string; requested_by: string; detail_json: string }>(`SELECT kind, requested_by, detail_json FROM privacy_requests WHERE kind = 'purge' ORDER BY id`);
    expect(purges.map((p) => JSON.parse(p.detail_json) as Row)).toEqual([
      expect.objectContaining({ ratingPhones: 1, anonymisedDossiers: 0, deletedDossiers: 0 }),
      expect.objectContaining({ anonymisedDossiers: 1, deletedDossiers: 0 }),
      expect.objectContaining({ deletedDossiers: 1, dossiersDeleted: [returned.code] }),
    ]);
    expect(purges.every((p) => p.requested_by === 'retention-policy')).toBe(true);

    // The control sheets are hash-chained (hub/audit): the returned dossier's rows came before the open
    // one's, so the deletion left a gap that only the links the purge put on the audit log bridge.
    expect(read(`SELECT count(*) AS n FROM audit_log WHERE action = 'privacy.purge'`)[0]).toEqual({ n: 3 });
    const db = new BetterSqlite3(path.join(f.dir, 'hub.sqlite'), { readonly: true });
    try {
      expect(verifyAllChains(db)).toEqual({ ok: true, rows: expect.any(Number) });
      expect(verifyChain(db, DOSSIER_HISTORY_CHAIN)).toMatchObject({ ok: false, broken: { table: 'dossier_history' } });
    } finally {
      db.close();
    }
  }, 30_000);

  it('export holds everything about a CCCD; erase refuses while a dossier is in progress, then anonymises after the return and keeps the counts', async () => {
    const d = await devices();
    const first = await visit(d, CITIZEN, 'Rất tốt');
    const second = await visit(d, CITIZEN, 'Ổn');
    await decideAndReturn(d, first.code);
    const requests = () => {
      const db = openDatabase(path.join(f.dir, 'hub.sqlite'));
      return { db, requests: new PrivacyRequests(sqlitePrivacyDeps(db), () => now) };
    };

    let r = requests();
    const exported = await r.requests.export(CITIZEN.idNumber, 'Nguyễn Thị Lan');
    if (!exported.ok) throw new Error(exported.error.message);
    expect(exported.value.dossiers).toHaveLength(2);
    expect(exported.value.dossiers[0]).toMatchObject({
      dossier: { code: first.code, status: 'returned', applicant_name: CITIZEN.fullName, applicant_id_number: CITIZEN.idNumber, applicant_phone: CITIZEN.phone },
      documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
      history: [{ action: 'receive' }, { action: 'accept' }, { action: 'done' }, { action: 'return' }],
      rating: { rating: 4, comment: 'Rất tốt' },
    });
    expect(exported.value.dossiers[1]).toMatchObject({ dossier: { code: second.code, status: 'received' }, rating: { comment: 'Ổn' } });
    expect(await r.requests.export('0010900123', 'x')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });

    // The second dossier is still in progress: nothing is erased, and the message names it.
    const refused = await r.requests.erase(CITIZEN.idNumber, 'Nguyễn Thị Lan');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining(`${second.code} (received)`) } });
    expect(read('SELECT applicant_id_number FROM dossiers ORDER BY code').map((x) => x.applicant_id_number)).toEqual([CITIZEN.idNumber, CITIZEN.idNumber]);
    r.db.close();

    await decideAndReturn(d, second.code);
    r = requests();
    expect(await r.requests.erase(CITIZEN.idNumber, 'Nguyễn Thị Lan')).toEqual({ ok: true, value: { erased: [first.code, second.code] } });
    // Nothing left to export; both dossiers are still counted.
    const after = await r.requests.export(CITIZEN.idNumber, 'Nguyễn Thị Lan');
    expect(after.ok && after.value.dossiers).toEqual([]);
    expect(read(`SELECT count(*) AS n FROM dossiers WHERE procedure_code = 'KD-TL' AND status = 'returned'`)[0]).toEqual({ n: 2 });
    expect(JSON.stringify(read('SELECT * FROM dossiers')) + JSON.stringify(read('SELECT result_json FROM commands'))).not.toMatch(/001090012345|Phạm Văn An/);

    // Each request is recorded with who and when, the CCCD only masked.
    expect((await r.requests.requests()).map(({ kind, subject, requestedBy, outcome, at }) => ({ kind, subject, requestedBy, outcome, at }))).toEqual([
      { kind: 'export', subject: '0010******45', requestedBy: 'Nguyễn Thị Lan', outcome: 'done', at: now.toISOString() },
      { kind: 'erase', subject: '0010******45', requestedBy: 'Nguyễn Thị Lan', outcome: 'refused', at: now.toISOString() },
      { kind: 'erase', subject: '0010******45', requestedBy: 'Nguyễn Thị Lan', outcome: 'done', at: now.toISOString() },
      { kind: 'export', subject: '0010******45', requestedBy: 'Nguyễn Thị Lan', outcome: 'done', at: now.toISOString() },
    ]);
    r.db.close();
  }, 30_000);
});

describe('RetentionPurge: at start, then once a day by the injected clock', () => {
  it('runs again only when a day has passed on the clock or the centre\'s day has changed (reminder phones go at midnight)', async () => {
    const db = openDatabase(':memory:');
    let t = vn('2026-11-20T09:00');
    const purge = new RetentionPurge({ privacy: sqlitePrivacyDeps(db), policy: DEFAULT_RETENTION, commandLogRetentionDays: 7, blobs: new DirectoryBlobs('/nonexistent'), clock: () => t });
    const insert = db.prepare(`INSERT INTO commands (command_id, device_id, name, result_json, at, ok) VALUES (?, 'counter-1', 'ticket:start', '{}', ?, 1)`);
    insert.run('old', vn('2026-11-12T09:00').toISOString());
    insert.run('recent', vn('2026-11-13T10:00').toISOString()); // 7 days old a day later
    expect(await purge.start()).toMatchObject({ commandLogEntries: 1 });
    await expect(purge.start()).rejects.toThrow(/twice/);
    t = vn('2026-11-20T23:59');
    expect(await purge.runIfDue()).toBeNull();
    t = vn('2026-11-21T00:00');
    expect(await purge.runIfDue()).toMatchObject({ at: t.toISOString(), commandLogEntries: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM commands').get()).toEqual({ n: 0 });
    t = new Date(t.getTime() + DAY - 60_000);
    expect(await purge.runIfDue()).toBeNull();
    t = new Date(t.getTime() + 60_000);
    expect(await purge.runIfDue()).toMatchObject({ at: t.toISOString() });
    purge.close();
    db.close();
  });
});
