import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvinceStats } from '../../../core/stats/province-stats';
import { ADMIN_SESSION_HEADER } from '../../../hub/admin/admin-routes';
import { HubStatsClient } from '../../../main/agent/hub-stats-client';
import { commandId, connectDevice, tempDir, type DeviceSocket } from '../../support/centre';
import { runMotcua } from '../../support/motcua-cli';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';
import { demoProvinceToken, startProvinceProcess, type ProvinceProcess } from '../../support/province-process';

warnIfPostgresMissing('province administrator and GET /api/province/stats');

const PROVINCE_PASSWORD = 'mat-khau-cap-tinh-2026';
const CENTRE_PASSWORD = 'mat-khau-hoan-kiem-2026';

interface Answer {
  readonly status: number;
  readonly body: { ok: boolean; value?: Record<string, unknown>; error?: { kind: string; message: string } };
}

/** Today in Vietnam (UTC+7), the day the dossiers of this test are received on. */
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * The province administrator (issue 13), against a real `motcua hub --province … --centre all` on a
 * private PostgreSQL: accounts made by the CLI (`motcua province admin add`, `motcua admin add
 * --store … --centre`), dossiers received at two centres' counters, then the HTTP routes as an admin
 * terminal calls them (the device's token and the administrator's session header).
 */
describe.skipIf(POSTGRES_MISSING !== null)('province administrator: GET /api/province/stats', () => {
  let pg: PostgresInstance;
  let tmp: ReturnType<typeof tempDir>;
  let hubs: ProvinceProcess;
  let dbUrl: string;
  const sockets: DeviceSocket[] = [];
  const received: { centre: string; departmentId: string; dueAt: string }[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    dbUrl = await pg.createDatabase('province');
    tmp = tempDir();
    hubs = await startProvinceProcess(dbUrl, path.join(tmp.dir, 'hub'), 'all');
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await hubs?.stop();
    await pg?.stop();
    tmp?.remove();
  }, 60_000);

  const call = async (centre: string, method: 'GET' | 'POST', url: string, opts: { device?: string | null; session?: string; body?: unknown } = {}): Promise<Answer> => {
    const headers: Record<string, string> = {};
    const device = opts.device === undefined ? `${centre}-quan-tri` : opts.device;
    if (device !== null) headers.authorization = `Bearer ${demoProvinceToken(device)}`;
    if (opts.session) headers[ADMIN_SESSION_HEADER] = opts.session;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${hubs.urls.get(centre)!}${url}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const signIn = async (centre: string, username: string, password: string) => call(centre, 'POST', '/api/admin/sign-in', { body: { username, password } });
  const sessionOf = async (centre: string, username: string, password: string): Promise<string> => {
    const a = await signIn(centre, username, password);
    if (!a.body.ok) throw new Error(`sign-in ${username} at ${centre}: ${JSON.stringify(a.body)}`);
    return a.body.value!.token as string;
  };
  const provinceStats = (centre: string, session: string | undefined, query = `from=${vietnamToday()}&to=${vietnamToday()}`) => call(centre, 'GET', `/api/province/stats?${query}`, { session });

  it('the CLI adds a province administrator (password on stdin) and a centre administrator; one name serves one of them', { timeout: 300_000 }, async () => {
    const province = await runMotcua(['province', 'admin', 'add', '--store', dbUrl, '--username', 'tinh-quan-tri'], {}, `${PROVINCE_PASSWORD}\n`);
    expect(province.code, province.stderr).toBe(0);
    expect(province.stdout).toContain('Đã thêm quản trị viên cấp tỉnh "tinh-quan-tri"');
    const centre = await runMotcua(['admin', 'add', '--store', dbUrl, '--centre', 'hoan-kiem', '--username', 'hk-quan-tri'], {}, `${CENTRE_PASSWORD}\n`);
    expect(centre.code, centre.stderr).toBe(0);
    // Usernames are the province's: a centre's name cannot become a province administrator's, and the password rule is the centre's.
    const [taken, short, list] = await Promise.all([
      runMotcua(['province', 'admin', 'add', '--store', dbUrl, '--username', 'hk-quan-tri'], {}, `${PROVINCE_PASSWORD}\n`),
      runMotcua(['province', 'admin', 'add', '--store', dbUrl, '--username', 'tinh-ngan'], {}, 'ngan\n'),
      runMotcua(['province', 'admin', 'list', '--store', dbUrl]),
    ]);
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('Đã có tài khoản quản trị "hk-quan-tri"');
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('ít nhất 12 ký tự');
    expect(list.stdout).toMatch(/^tinh-quan-tri\t/m);
    expect(list.stdout).not.toContain('hk-quan-tri');
  });

  it('dossiers received at two centres are counted per centre and per agency (named), overdue as of the answer', { timeout: 120_000 }, async () => {
    const receive = async (centre: string, counterDevice: string, clerkId: string, pin: string, procedureCodes: readonly string[]) => {
      const c = await connectDevice(hubs.urls.get(centre)!, counterDevice, demoProvinceToken(counterDevice));
      sockets.push(c.socket);
      const signedIn = await c.socket.emitWithAck('counter:sign-in', { commandId: commandId(), counterId: 'quay-1', clerkId, pin });
      expect(signedIn, JSON.stringify(signedIn)).toMatchObject({ ok: true });
      for (const procedureCode of procedureCodes) {
        const r = await c.socket.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode, applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, documents: [], feePaid: 0 });
        if (!r.ok) throw new Error(`${centre} ${procedureCode}: ${r.error.kind}: ${r.error.message}`);
        received.push({ centre, departmentId: r.value.dossier.departmentId, dueAt: r.value.dossier.dueAt });
      }
    };
    await receive('tp-ha-noi', 'tp-ha-noi-may-quay-1', 'pham-thi-huong', '1111', ['2.000488', '2.000488']);
    await receive('hoan-kiem', 'hoan-kiem-may-quay-1', 'nguyen-thi-lan', '5555', ['1.001193', '2.000815']);

    // Signed in at Hoàn Kiếm's admin terminal: the province's figures.
    const session = await sessionOf('hoan-kiem', 'tinh-quan-tri', PROVINCE_PASSWORD);
    const answer = await provinceStats('hoan-kiem', session);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const stats = answer.body.value as unknown as ProvinceStats;
    const overdue = (rows: typeof received) => rows.filter((d) => d.dueAt < stats.at).length;
    const of = (centre: string) => received.filter((d) => d.centre === centre);
    expect(stats.centres.map((c) => [c.id, c.name, c.received, c.open, c.overdue, c.finished, c.refused])).toEqual([
      ['ba-dinh', 'Bộ phận Một cửa quận Ba Đình', 0, 0, 0, 0, 0],
      ['hoan-kiem', 'Bộ phận Một cửa quận Hoàn Kiếm', 2, 2, overdue(of('hoan-kiem')), 0, 0],
      ['tp-ha-noi', 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội', 2, 2, overdue(of('tp-ha-noi')), 0, 0],
    ]);
    const agency = (id: string) => received.filter((d) => d.departmentId === id);
    expect(stats.agencies.map((a) => [a.id, a.name, a.received, a.open, a.overdue])).toEqual([
      ['so-tu-phap', 'Sở Tư pháp', 2, 2, overdue(agency('so-tu-phap'))],
      ['ubnd-phuong-hang-trong', 'Ủy ban nhân dân phường Hàng Trống', 1, 1, overdue(agency('ubnd-phuong-hang-trong'))],
      ['ubnd-quan-hoan-kiem', 'Ủy ban nhân dân quận Hoàn Kiếm', 1, 1, overdue(agency('ubnd-quan-hoan-kiem'))],
    ]);
    expect(stats.total).toEqual({ received: 4, open: 4, overdue: overdue(received), finished: 0, refused: 0 });
    // Received today (Vietnam): nothing on the day before.
    const yesterday = new Date(Date.parse(vietnamToday()) - 86_400_000).toISOString().slice(0, 10);
    const before = await provinceStats('hoan-kiem', session, `from=${yesterday}&to=${yesterday}`);
    expect((before.body.value as unknown as ProvinceStats).total.received).toBe(0);

    // The same administrator signs in at another centre's address (Ba Đình, no centre account there) and reads the same figures.
    const elsewhere = await signIn('ba-dinh', 'tinh-quan-tri', PROVINCE_PASSWORD);
    expect(elsewhere.body).toMatchObject({ ok: true, value: { username: 'tinh-quan-tri', scope: 'province' } });
    const there = await provinceStats('ba-dinh', elsewhere.body.value!.token as string);
    expect((there.body.value as unknown as ProvinceStats).total.received).toBe(4);
    // The admin terminal's agent, as the screen reaches it over the bridge (admin:sign-in, admin:province-stats): the token stays in the agent.
    const agent = new HubStatsClient({ hubAddresses: hubs.urls.get('ba-dinh')!, token: demoProvinceToken('ba-dinh-quan-tri') });
    expect(await agent.session.signIn({ username: 'tinh-quan-tri', password: PROVINCE_PASSWORD })).toMatchObject({ ok: true, value: { session: { username: 'tinh-quan-tri', scope: 'province' } } });
    expect(await agent.session.state()).toMatchObject({ ok: true, value: { required: false, province: true, session: { scope: 'province' } } });
    const viaAgent = await agent.provinceReport({ from: vietnamToday(), to: vietnamToday() });
    expect(viaAgent.ok && viaAgent.value.centres.map((c) => [c.id, c.received])).toEqual([['ba-dinh', 0], ['hoan-kiem', 2], ['tp-ha-noi', 2]]);
    // The same figures as an Excel workbook: a sheet per centre and per agency, numbers as numbers, a total line.
    const file = await agent.provinceExport({ from: vietnamToday(), to: vietnamToday() });
    if (!file.ok) throw new Error(`${file.error.kind}: ${file.error.message}`);
    expect(file.value.fileName).toBe(`thong-ke-toan-tinh-${vietnamToday()}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.value.base64, 'base64') as unknown as ArrayBuffer);
    const rowsOf = (sheet: string) => book.getWorksheet(sheet)!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1, 4));
    expect(rowsOf('Theo trung tâm')).toEqual([
      ['Trung tâm (nơi tiếp nhận)', 'Mã', 'Tiếp nhận'],
      ['Bộ phận Một cửa quận Ba Đình', 'ba-dinh', 0],
      ['Bộ phận Một cửa quận Hoàn Kiếm', 'hoan-kiem', 2],
      ['Trung tâm Phục vụ hành chính công Thành phố Hà Nội', 'tp-ha-noi', 2],
      ['Toàn tỉnh', undefined, 4],
    ]);
    expect(rowsOf('Theo cơ quan')[1]).toEqual(['Sở Tư pháp', 'so-tu-phap', 2]);
    // Its session says whose it is (the admin screen shows the province's statistics alone).
    expect((await call('hoan-kiem', 'GET', '/api/admin/session', { session })).body).toMatchObject({ ok: true, value: { required: true, province: true, session: { username: 'tinh-quan-tri', scope: 'province' } } });
  });

  it("a centre's administrator is refused the province's figures (403)", async () => {
    const session = await sessionOf('hoan-kiem', 'hk-quan-tri', CENTRE_PASSWORD);
    expect(await provinceStats('hoan-kiem', session)).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden', message: expect.stringContaining('Quản trị viên trung tâm không xem được thống kê toàn tỉnh') } } });
    expect(await call('hoan-kiem', 'GET', `/api/province/stats.xlsx?from=${vietnamToday()}&to=${vietnamToday()}`, { session })).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden' } } });
    // And still administers their centre; signed out after (the terminal's socket commands ask who is signed in at it).
    expect((await call('hoan-kiem', 'GET', '/api/devices', { session })).status).toBe(200);
    expect((await call('hoan-kiem', 'POST', '/api/admin/sign-out', { session, body: {} })).status).toBe(200);
  });

  it("a province administrator is refused a centre's admin routes and commands (403)", async () => {
    const session = await sessionOf('hoan-kiem', 'tinh-quan-tri', PROVINCE_PASSWORD);
    const today = vietnamToday();
    for (const url of ['/api/devices', `/api/stats?from=${today}&to=${today}`, '/api/admin/deliveries']) {
      expect(await call('hoan-kiem', 'GET', url, { session }), url).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden', message: expect.stringContaining('Quản trị viên cấp tỉnh chỉ xem được thống kê toàn tỉnh') } } });
    }
    // The admin terminal's socket commands: the only administrator signed in at it is the province's.
    const admin = await connectDevice(hubs.urls.get('hoan-kiem')!, 'hoan-kiem-quan-tri', demoProvinceToken('hoan-kiem-quan-tri'));
    sockets.push(admin.socket);
    expect(await admin.socket.emitWithAck('appointment:list', { commandId: commandId(), date: today })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('bad days → 400 with the typed error; no session or no device → 401; another role → 403', async () => {
    const session = await sessionOf('hoan-kiem', 'tinh-quan-tri', PROVINCE_PASSWORD);
    for (const query of ['from=2026-02-30&to=2026-03-01', 'from=2026-12-04&to=2026-12-01', 'from=2026-12-01', 'from=04/12/2026&to=2026-12-04', 'from=2025-01-01&to=2026-12-31']) {
      expect(await provinceStats('hoan-kiem', session, query), query).toMatchObject({ status: 400, body: { ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('province stats') } } });
    }
    expect(await provinceStats('hoan-kiem', undefined)).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized' } } });
    expect(await provinceStats('hoan-kiem', 'khong-phai-phien-nao-ca')).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized' } } });
    expect((await call('hoan-kiem', 'GET', `/api/province/stats?from=${vietnamToday()}&to=${vietnamToday()}`, { device: null, session })).status).toBe(401);
    expect((await call('hoan-kiem', 'GET', `/api/province/stats?from=${vietnamToday()}&to=${vietnamToday()}`, { device: 'hoan-kiem-may-quay-1', session })).status).toBe(403);
    // A session is bound to the admin terminal it was opened at: Ba Đình's terminal cannot carry Hoàn Kiếm's.
    expect((await provinceStats('ba-dinh', session)).status).toBe(401);
    // Signed out: the session is gone.
    expect((await call('hoan-kiem', 'POST', '/api/admin/sign-out', { session, body: {} })).status).toBe(200);
    expect((await provinceStats('hoan-kiem', session)).status).toBe(401);
  });

  it('wrong passwords count province-wide: tried at two centres, the fifth locks the account at every centre', async () => {
    const others = [...hubs.urls.keys()].filter((c) => c !== 'hoan-kiem');
    expect(others.length).toBeGreaterThanOrEqual(2);
    const first = 'hoan-kiem';
    const [second, third] = others as [string, string];
    // A centre administrator's wrong passwords are that centre's business: they do not count towards the province account's.
    expect(await signIn(first, 'hk-quan-tri', 'sai-mat-khau-trung-tam')).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('(1/5)') } } });
    for (const [i, centre] of [first, second, first, second].entries()) {
      const wrong = await signIn(centre, 'tinh-quan-tri', 'sai-mat-khau-cap-tinh');
      expect(wrong).toMatchObject({ status: 401, body: { ok: false, error: { kind: 'unauthorized', message: expect.stringContaining(`(${i + 1}/5)`) } } });
    }
    const fifth = await signIn(second, 'tinh-quan-tri', 'sai-mat-khau-cap-tinh');
    expect(fifth).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden', message: expect.stringContaining('bị khoá') } } });
    // Locked at a centre where no wrong password was tried, the right password too.
    const locked = await signIn(third, 'tinh-quan-tri', PROVINCE_PASSWORD);
    expect(locked).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden', message: expect.stringContaining('đang bị khoá') } } });
    // The centre administrator signs in as before.
    expect((await signIn(first, 'hk-quan-tri', CENTRE_PASSWORD)).status).toBe(200);
  });
});
