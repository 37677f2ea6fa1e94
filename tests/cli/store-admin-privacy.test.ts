import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bin/cli/centre-runtime';
import { AdminAccounts } from '../../hub/admin/admin-accounts';
import type { Hub } from '../../hub/hub';
import { verifyCentreChains } from '../../hub/store/pg/chain-verify';
import { migratePool } from '../../hub/store/pg/migrate';
import { PG_MIGRATIONS } from '../../hub/store/pg/migrations';
import { pgRepositories } from '../../hub/store/pg/pg-repositories';
import { PgStore } from '../../hub/store/pg/pg-store';
import { createPgPool } from '../../hub/store/pg/pool';
import { commandId, connectCounter, demoConfig, startHub, tempDir, tokenOf } from '../support/centre';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../support/postgres';

warnIfPostgresMissing('motcua admin / privacy --store');

const BIN = path.join(REPO_ROOT, 'bin/motcua.mjs');
const PASSWORD = 'mat-khau-quan-tri-2026';
const CITIZEN = { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội' };
// Each run starts tsx on the whole CLI: tens of seconds on a loaded build machine.
const SLOW = 600_000;

/** `motcua …` with `input` on stdin (the password), without blocking the test's event loop. */
function motcua(args: readonly string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `motcua admin …` and `motcua privacy …` on one centre of the province database (`--store
 * postgres://… --centre ID`), beside a running PostgreSQL hub of that centre: the same commands as
 * on the SQLite file, the same typed refusals and exit codes as `motcua migrate --store`.
 */
describe.skipIf(POSTGRES_MISSING !== null)('motcua admin / privacy --store postgres://… --centre ID', () => {
  let server: PostgresInstance;
  let url: string;
  let hub: Hub;
  let tmp: ReturnType<typeof tempDir>;
  let pool: ReturnType<typeof createPgPool>;
  let dossierCode: string;

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase('province');
    tmp = tempDir();
    // The centre's hub on the database: it migrates, creates the centre's row, and receives a dossier.
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'), { store: { kind: 'postgres', url, centreId: 'demo', poolSize: 3 } });
    const { socket } = await connectCounter(hub.url, 'counter-3');
    const r = await socket.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'KD-TL', applicant: CITIZEN, documents: [], feePaid: 100000 });
    socket.close();
    if (!r.ok) throw new Error(r.error.message);
    dossierCode = r.value.dossier.code;
    pool = createPgPool(url, { max: 2 });
  }, 240_000);

  afterAll(async () => {
    await pool?.end();
    await hub?.close();
    await server?.stop();
    tmp?.remove();
  }, 60_000);

  const onStore = ['--store', () => url, '--centre', 'demo'] as const;
  const args = (...rest: string[]) => [...rest, ...onStore.map((a) => (typeof a === 'function' ? a() : a))];

  it(
    'admin add (password on stdin) → the hub of the centre knows the account; list; remove; remove again is refused',
    async () => {
      const added = await motcua(args('admin', 'add', '--username', 'quan-tri'), `${PASSWORD}\n`);
      expect(added, added.stderr).toMatchObject({ code: 0, stderr: '' });
      expect(added.stdout).toContain('Đã thêm quản trị viên "quan-tri"');
      const accounts = new AdminAccounts(pgRepositories(new PgStore(pool), 'demo').adminAccounts, () => new Date());
      expect(await accounts.verify('quan-tri', PASSWORD)).toBe(true);
      // The running hub reads the same rows: its admin device now asks for an administrator, who signs in.
      const adminAuth = { authorization: `Bearer ${tokenOf(demoConfig(), 'admin-1')}` };
      const session = (await (await fetch(`${hub.url}/api/admin/session`, { headers: adminAuth })).json()) as { ok: boolean; value: { required: boolean } };
      expect(session).toMatchObject({ ok: true, value: { required: true } });
      const signIn = await fetch(`${hub.url}/api/admin/sign-in`, { method: 'POST', headers: { ...adminAuth, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quan-tri', password: PASSWORD }) });
      expect(signIn.status).toBe(200);
      const list = await motcua(args('admin', 'list'));
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/^quan-tri\t/m);
      expect(list.stdout).not.toContain('scrypt');
      const [removed, other] = await Promise.all([motcua(args('admin', 'remove', '--username', 'quan-tri')), motcua(['admin', 'list', '--store', url, '--centre', 'demo-b'])]);
      expect(removed.code).toBe(0);
      expect(other).toMatchObject({ code: 3, stderr: expect.stringContaining('không có trung tâm "demo-b"') });
      expect(await accounts.any()).toBe(false);
      const again = await motcua(args('admin', 'remove', '--username', 'quan-tri'));
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('Không có tài khoản quản trị "quan-tri"');
    },
    SLOW,
  );

  it(
    "privacy export prints the citizen's dossier from PostgreSQL; erase is refused while it is in progress; both recorded, on the centre's audit chain",
    async () => {
      const [exported, erased] = await Promise.all([motcua(args('privacy', 'export', '--cccd', CITIZEN.idNumber, '--by', 'can-bo-a')), motcua(args('privacy', 'erase', '--cccd', CITIZEN.idNumber, '--by', 'can-bo-a'))]);
      expect(exported, exported.stderr).toMatchObject({ code: 0 });
      const json = JSON.parse(exported.stdout) as { idNumber: string; dossiers: { dossier: { code: string; applicant_name: string } }[] };
      expect(json.dossiers.map((d) => [d.dossier.code, d.dossier.applicant_name])).toEqual([[dossierCode, CITIZEN.fullName]]);
      expect(erased.code).toBe(1);
      expect(erased.stderr).toContain(dossierCode);
      const requests = await pool.query<{ kind: string; outcome: string }>(`SELECT kind, outcome FROM privacy_requests WHERE centre_id = 'demo' ORDER BY kind`);
      expect(requests.rows.map((r) => [r.kind, r.outcome])).toEqual([
        ['erase', 'refused'],
        ['export', 'done'],
      ]);
      const audit = await pool.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE centre_id = 'demo' AND action LIKE 'privacy.%' ORDER BY action`);
      expect(audit.rows).toEqual([
        { action: 'privacy.erase', actor: 'can-bo-a' },
        { action: 'privacy.export', actor: 'can-bo-a' },
      ]);
      const client = await pool.connect();
      try {
        expect(await verifyCentreChains(client, 'demo')).toMatchObject({ ok: true });
      } finally {
        client.release();
      }
    },
    SLOW,
  );

  it(
    "the store's refusals, typed, with migrate's exit codes: no --centre 2, not a URL 2, --store with --data-dir 2, no such database 3, an older schema 4, out of reach 5",
    async () => {
      const older = await server.createDatabase('older');
      const p = createPgPool(older, { max: 1 });
      await migratePool(p, PG_MIGRATIONS.slice(0, 3));
      await p.end();
      const port = await closedPort();
      const [noCentre, notUrl, both, absent, old, down] = await Promise.all([
        motcua(['admin', 'list', '--store', url]),
        motcua(['privacy', 'export', '--cccd', CITIZEN.idNumber, '--store', 'mysql://127.0.0.1/motcua', '--centre', 'demo']),
        motcua(['admin', 'list', '--store', url, '--centre', 'demo', '--data-dir', tmp.dir]),
        motcua(['admin', 'list', '--store', url.replace(/\/[^/]+$/, '/khong_co'), '--centre', 'demo']),
        motcua(['privacy', 'export', '--cccd', CITIZEN.idNumber, '--store', older, '--centre', 'demo']),
        motcua(['admin', 'list', '--store', `postgres://motcua:bi-mat@127.0.0.1:${port}/motcua`, '--centre', 'demo']),
      ]);
      expect(noCentre).toMatchObject({ code: 2, stderr: expect.stringContaining('cần --centre') });
      expect(notUrl).toMatchObject({ code: 2, stderr: expect.stringContaining('--store phải là địa chỉ postgres://') });
      expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('Chọn một: --store (PostgreSQL) hoặc --data-dir (SQLite).') });
      expect(absent).toMatchObject({ code: 3, stderr: expect.stringContaining('not-found: Không có cơ sở dữ liệu') });
      expect(old).toMatchObject({ code: 4, stderr: expect.stringContaining('chạy motcua migrate --store trước') });
      expect(down).toMatchObject({ code: 5, stdout: '' });
      expect(down.stderr).toContain('hub-unreachable');
      expect(down.stderr).not.toContain('bi-mat');
    },
    SLOW,
  );
});
