import { beforeEach, describe, expect, it } from 'vitest';
import type { Dossier, DossierEvent } from '../../core/dossiers/dossier';
import { commandId, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

/** Vietnam is UTC+7: a wall-clock time of the centre as an instant. */
const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T16:00'); // a Friday
const config = demoConfig();

const APPLICANT = { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912 345 678' };

const receive = (counter: DeviceSocket, extra: Record<string, unknown> = {}) =>
  counter.emitWithAck('dossier:receive', {
    commandId: commandId(),
    procedureCode: 'KD-TL',
    applicant: APPLICANT,
    documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
    feePaid: 100000,
    ...extra,
  });
const received = async (counter: DeviceSocket, extra: Record<string, unknown> = {}): Promise<Dossier> => {
  const r = await receive(counter, extra);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.dossier;
};
const act = (socket: DeviceSocket, code: string, action: string, extra: Record<string, unknown> = {}) =>
  socket.emitWithAck('dossier:act', { commandId: commandId(), code, action, ...extra } as never);
const nextEvent = (socket: DeviceSocket) => new Promise<DossierEvent>((resolve) => socket.once('dossier:event', resolve));
const collect = (socket: DeviceSocket) => {
  const events: DossierEvent[] = [];
  socket.on('dossier:event', (e) => events.push(e));
  return events;
};
const settle = () => new Promise((r) => setTimeout(r, 150));
/** The demo officers' PIN (their hashes are in the demo config). */
const OFFICER_PIN = '5555';
const signInOfficer = async (socket: DeviceSocket, officerId: string) => {
  const r = await socket.emitWithAck('officer:sign-in', { commandId: commandId(), officerId, pin: OFFICER_PIN });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.officer;
};

describe('dossiers: receive at the counter, live hand-off to the department, lookup at the kiosk (real hub, injected clock)', () => {
  const f = useHubFixture({ clock: () => now });
  beforeEach(() => {
    now = vn('2026-11-20T16:00');
  });

  it('receives a dossier: code <prefix>-<YYMMDD>-<NNNN> unique per day, due date in working days, control sheet started', async () => {
    const counter = (await f.open('counter-3')).socket;
    const r = await receive(counter);
    if (!r.ok) throw new Error(r.error.message);
    const { dossier, history } = r.value;
    expect(dossier).toMatchObject({
      code: 'HK-261120-0001',
      procedureCode: 'KD-TL',
      procedureName: 'Đăng ký thành lập hộ kinh doanh',
      departmentId: 'tai-chinh-ke-hoach',
      serviceId: 'dang-ky-kinh-doanh',
      status: 'received',
      applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', phone: '0912 345 678' },
      documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1, original: true }],
      fee: 100000,
      feePaid: 100000,
      receivedAt: now.toISOString(),
      receivedBy: 'counter-3',
      // Friday 16:00 + 3 working days: Friday is not counted; Mon, Tue, Wed → Wednesday at the end of office hours.
      dueLocal: '2026-11-25T17:00',
      dueAt: vn('2026-11-25T17:00').toISOString(),
      overdue: false,
      missing: [],
    });
    // The receive row carries the first due date, so a later delay (Form 04) can name the old one.
    expect(history).toEqual([
      { at: now.toISOString(), action: 'receive', fromStatus: null, toStatus: 'received', deviceId: 'counter-3', role: 'counter', actorName: 'Lê Thu Hà', note: null, newDueAt: vn('2026-11-25T17:00').toISOString(), unit: { kind: 'centre', id: expect.any(String), name: config.centre.name } },
    ]);

    expect((await received(counter)).code).toBe('HK-261120-0002');
    // Hour-based processing: 2 working hours from 16:00 Friday → 1 h left today, 1 h from Monday 07:30.
    expect(await received(counter, { procedureCode: 'CT-BS', documents: [], feePaid: 2000 })).toMatchObject({ code: 'HK-261120-0003', dueLocal: '2026-11-23T08:30' });
    now = vn('2026-11-23T08:00');
    const monday = await received(counter, { procedureCode: 'ht-ks', documents: [], feePaid: 0 });
    expect(monday).toMatchObject({ code: 'HK-261123-0001', dueLocal: '2026-11-23T17:00' }); // same-day procedure
  });

  it('a replayed command answers the same dossier and takes no new code', async () => {
    const counter = (await f.open('counter-3')).socket;
    const input = { commandId: commandId(), procedureCode: 'KD-TL', applicant: APPLICANT, documents: [], feePaid: 100000 };
    const a = await counter.emitWithAck('dossier:receive', input);
    const b = await counter.emitWithAck('dossier:receive', input);
    expect(b).toEqual(a);
    expect((await received(counter)).code).toBe('HK-261120-0002');
  });

  it("the department's back office and every counter hear of a new dossier live; another department and the kiosk do not", async () => {
    const counter = (await f.open('counter-3')).socket;
    const tckh = (await f.open('backoffice-tckh')).socket;
    const tuPhap = (await f.open('backoffice-tu-phap')).socket;
    const kiosk = (await f.open('kiosk-1')).socket;
    const otherCounter = (await f.open('counter-1')).socket;
    const others = [collect(tuPhap), collect(kiosk)];
    const counters = [collect(counter), collect(otherCounter)];
    const live = nextEvent(tckh);
    const dossier = await received(counter);
    const event = await live;
    expect(event).toMatchObject({ kind: 'received', action: 'receive', dossier: { code: dossier.code, status: 'received', applicant: { fullName: 'Phạm Văn An' } } });
    await settle();
    expect(others.flat()).toEqual([]);
    // Every counter hears of every dossier, whichever department it goes to: once each.
    for (const heard of counters) expect(heard).toEqual([event]);

    const listed = await tckh.emitWithAck('dossier:list', { commandId: commandId() });
    expect(listed).toMatchObject({ ok: true, value: { departmentId: 'tai-chinh-ke-hoach', dossiers: [{ code: dossier.code }] } });
    expect(await tuPhap.emitWithAck('dossier:list', { commandId: commandId() })).toMatchObject({ ok: true, value: { departmentId: 'tu-phap', dossiers: [] } });
  });

  it('moves through the life cycle with the right roles, refuses wrong transitions, and keeps the control sheet (Form 05)', async () => {
    const counter = (await f.open('counter-3')).socket;
    const tckh = (await f.open('backoffice-tckh')).socket;
    const tuPhap = (await f.open('backoffice-tu-phap')).socket;
    const kiosk = (await f.open('kiosk-1')).socket;
    const { code } = await received(counter);

    expect(await act(tckh, code, 'accept')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('Cán bộ chưa đăng nhập') } });
    await signInOfficer(tckh, 'bui-thi-thu');
    expect(await act(tuPhap, code, 'accept')).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining('Phòng Tài chính – Kế hoạch') } });
    expect(await act(counter, code, 'accept')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await act(tckh, code, 'return')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await act(tckh, code, 'done')).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('Đã tiếp nhận') } });
    expect(await act(tckh, code, 'supplement')).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('note') } });
    expect(await kiosk.emitWithAck('dossier:act', { commandId: commandId(), code, action: 'accept' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    now = vn('2026-11-23T08:00');
    const changed = nextEvent(tckh);
    expect(await act(tckh, code, 'accept', { note: 'Nhận hồ sơ' })).toMatchObject({ ok: true, value: { dossier: { status: 'processing' } } });
    expect(await changed).toMatchObject({ kind: 'changed', action: 'accept', dossier: { status: 'processing' } });

    now = vn('2026-11-23T09:15');
    const missing = ['Bản sao biên bản họp thành viên hộ gia đình (nếu các thành viên cùng thành lập)'];
    expect(await act(tckh, code, 'supplement', { note: 'Thiếu biên bản họp hộ gia đình', missing })).toMatchObject({ ok: true, value: { dossier: { status: 'supplement-requested', missing } } });
    const seen = await kiosk.emitWithAck('dossier:lookup', { commandId: commandId(), code: code.toLowerCase() });
    expect(seen).toEqual({
      ok: true,
      value: { dossier: { code, procedureName: 'Đăng ký thành lập hộ kinh doanh', status: 'supplement-requested', statusName: 'Cần bổ sung hồ sơ', dueLocal: '2026-11-25T17:00', overdue: false, missing, applicantInitials: 'P.V.A.', collectAtCentreName: config.centre.name } },
    });

    now = vn('2026-11-24T10:00');
    expect(await act(tckh, code, 'processing')).toMatchObject({ ok: true, value: { dossier: { status: 'processing', missing: [] } } });
    now = vn('2026-11-25T14:00');
    expect(await act(tckh, code, 'done', { note: 'Đã cấp GCN đăng ký hộ kinh doanh' })).toMatchObject({ ok: true, value: { dossier: { status: 'done' } } });
    expect(await act(tckh, code, 'delay', { note: 'x', newDueDate: '2026-11-30T17:00' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    now = vn('2026-11-26T08:10');
    const back = await act(counter, code, 'return');
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.dossier).toMatchObject({ status: 'returned', overdue: false });
    expect(back.value.history.map((h) => [h.action, h.fromStatus, h.toStatus, h.deviceId, h.role, h.actorName, h.at])).toEqual([
      ['receive', null, 'received', 'counter-3', 'counter', 'Lê Thu Hà', vn('2026-11-20T16:00').toISOString()],
      ['accept', 'received', 'processing', 'backoffice-tckh', 'backoffice', 'Bùi Thị Thu', vn('2026-11-23T08:00').toISOString()],
      ['supplement', 'processing', 'supplement-requested', 'backoffice-tckh', 'backoffice', 'Bùi Thị Thu', vn('2026-11-23T09:15').toISOString()],
      ['processing', 'supplement-requested', 'processing', 'backoffice-tckh', 'backoffice', 'Bùi Thị Thu', vn('2026-11-24T10:00').toISOString()],
      ['done', 'processing', 'done', 'backoffice-tckh', 'backoffice', 'Bùi Thị Thu', vn('2026-11-25T14:00').toISOString()],
      ['return', 'done', 'returned', 'counter-3', 'counter', 'Lê Thu Hà', vn('2026-11-26T08:10').toISOString()],
    ]);
    expect(back.value.history[2]!.note).toBe('Thiếu biên bản họp hộ gia đình');
    // Form 05 names the unit of each line: the centre at the counter, the agency in the back office.
    expect(back.value.history.map((h) => h.unit?.name)).toEqual([config.centre.name, 'Phòng Tài chính – Kế hoạch', 'Phòng Tài chính – Kế hoạch', 'Phòng Tài chính – Kế hoạch', 'Phòng Tài chính – Kế hoạch', config.centre.name]);
  });

  it('flags an overdue dossier, and a delay (Form 04) sets a new date with its reason', async () => {
    const counter = (await f.open('counter-3')).socket;
    const tckh = (await f.open('backoffice-tckh')).socket;
    const { code } = await received(counter);
    await signInOfficer(tckh, 'do-quang-vinh');
    now = vn('2026-11-25T17:01');
    const listed = await tckh.emitWithAck('dossier:list', { commandId: commandId(), status: 'received' });
    expect(listed).toMatchObject({ ok: true, value: { dossiers: [{ code, overdue: true }] } });
    expect(await act(tckh, code, 'delay', { note: 'Cần xác minh', newDueDate: '2026-11-25T16:00' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('phải sau') } });
    const delayed = await act(tckh, code, 'delay', { note: 'Cần xác minh thêm với UBND phường', newDueDate: '2026-11-30T17:00' });
    if (!delayed.ok) throw new Error(delayed.error.message);
    expect(delayed.value.dossier).toMatchObject({ status: 'received', dueLocal: '2026-11-30T17:00', dueAt: vn('2026-11-30T17:00').toISOString(), overdue: false });
    expect(delayed.value.history.at(-1)).toMatchObject({ action: 'delay', fromStatus: 'received', toStatus: 'received', note: 'Cần xác minh thêm với UBND phường', newDueAt: vn('2026-11-30T17:00').toISOString() });
    expect(await act(tckh, code, 'refuse', { note: 'Ngành nghề kinh doanh có điều kiện' })).toMatchObject({ ok: true, value: { dossier: { status: 'refused', overdue: false } } });
  });

  it('the kiosk lookup shows no personal data; unknown codes are "not found"', async () => {
    const counter = (await f.open('counter-3')).socket;
    const kiosk = (await f.open('kiosk-1')).socket;
    const { code } = await received(counter);
    const r = await kiosk.emitWithAck('dossier:lookup', { commandId: commandId(), code });
    expect(r).toMatchObject({ ok: true, value: { dossier: { code, status: 'received', statusName: 'Đã tiếp nhận', missing: [], applicantInitials: 'P.V.A.' } } });
    const text = JSON.stringify(r);
    for (const secret of ['Phạm', 'An"', APPLICANT.idNumber, '1990', 'Hàng Bạc', '0912']) expect(text).not.toContain(secret);
    expect(await kiosk.emitWithAck('dossier:lookup', { commandId: commandId(), code: 'HK-261120-9999' })).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('Không tìm thấy hồ sơ mã HK-261120-9999') } });
    expect(await counter.emitWithAck('dossier:lookup', { commandId: commandId(), code })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    // The same over REST, as a kiosk browser would ask.
    const res = await fetch(`${f.hub.url}/api/dossiers/${code}/lookup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(config, 'kiosk-1')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ commandId: commandId() }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { dossier: { code, applicantInitials: 'P.V.A.' } } });
  });

  it('refuses an invalid CCCD number, an unknown procedure, a document not in the checklist and an unknown ticket, each clearly', async () => {
    const counter = (await f.open('counter-3')).socket;
    expect(await receive(counter, { applicant: { ...APPLICANT, idNumber: '12345' } })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringContaining('số CCCD gồm đúng 12 chữ số') },
    });
    expect(await receive(counter, { applicant: { ...APPLICANT, idNumber: '999090012345' } })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringContaining('không phải mã tỉnh') },
    });
    expect(await receive(counter, { applicant: { ...APPLICANT, dateOfBirth: '1990-02-30' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('1990-02-30') } });
    expect(await receive(counter, { procedureCode: 'XX-99' })).toMatchObject({ ok: false, error: { kind: 'not-found', message: 'Không có thủ tục mã "XX-99" trong danh mục của trung tâm.' } });
    expect(await receive(counter, { documents: [{ name: 'Sổ hộ khẩu', copies: 1 }] })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('"Sổ hộ khẩu" không thuộc') } });
    expect(await receive(counter, { ticketId: 4242 })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const tckh = (await f.open('backoffice-tckh')).socket;
    expect(await tckh.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'KD-TL', applicant: APPLICANT, documents: [], feePaid: 0 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // Nothing refused took a code.
    expect((await received(counter)).code).toBe('HK-261120-0001');
  });
});
