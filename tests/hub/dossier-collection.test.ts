import { describe, expect, it } from 'vitest';
import { SINGLE_CENTRE_ID } from '../../core/dossiers/collection';
import type { DossierEvent } from '../../core/dossiers/dossier';
import { commandId, demoConfig, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { TEST_CENTRE_ID } from '../support/hub-store';

/**
 * Where the citizen collects the result (issue 13), on one hub of either store
 * (MOTCUA_TEST_STORE): the field on dossier:receive, the Form 05 units, the counter's "Kết quả
 * chờ trả". A province hub (PostgreSQL) accepts another centre of its province; a single-centre
 * hub (SQLite) knows only itself even when its config lists others.
 */

const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);
let now = vn('2026-11-20T09:00');
const base = demoConfig();
const OTHER = { id: 'trung-tam-b', name: 'Bộ phận Một cửa quận Ba Đình' };
const config = { ...base, provinceCentres: [{ id: TEST_CENTRE_ID, name: base.centre.name }, OTHER] };
const AGENCY = 'Phòng Tài chính – Kế hoạch';

const receive = (counter: DeviceSocket, extra: Record<string, unknown> = {}) =>
  counter.emitWithAck('dossier:receive', {
    commandId: commandId(),
    procedureCode: 'KD-TL',
    applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' },
    documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
    feePaid: 100000,
    ...extra,
  });
const act = (socket: DeviceSocket, code: string, action: string) => socket.emitWithAck('dossier:act', { commandId: commandId(), code, action } as never);
const ready = (counter: DeviceSocket) => counter.emitWithAck('dossier:ready', { commandId: commandId() });

describe('collecting the result: the place chosen at receipt, Form 05 units, results waiting at the counter', () => {
  const f = useHubFixture({ clock: () => now, config });
  const hereId = f.storeKind === 'postgres' ? TEST_CENTRE_ID : SINGLE_CENTRE_ID;
  const here = { id: hereId, name: base.centre.name };

  const signIn = async (backoffice: DeviceSocket) => {
    const r = await backoffice.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'bui-thi-thu', pin: '5555' });
    if (!r.ok) throw new Error(r.error.message);
  };

  it('defaults to the receiving centre, accepts its own id, refuses an unknown centre naming the field and the known ones', async () => {
    now = vn('2026-11-20T09:00');
    const counter = (await f.open('counter-3')).socket;
    const plain = await receive(counter);
    expect(plain).toMatchObject({ ok: true, value: { dossier: { receivedAtCentre: here, collectAtCentre: here } } });
    expect(await receive(counter, { collectAt: hereId })).toMatchObject({ ok: true, value: { dossier: { collectAtCentre: here } } });
    const unknown = await receive(counter, { collectAt: 'khong-co' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!unknown.ok) {
      expect(unknown.error.message).toContain('collectAt');
      expect(unknown.error.message).toContain('"khong-co"');
      expect(unknown.error.message).toContain(`${hereId} (${here.name})`);
    }
    // A refused receipt changed nothing: two dossiers only.
    expect(await f.rows('SELECT code FROM dossiers')).toHaveLength(2);
    // The counter's hello names the centres it may offer.
    const { hello } = await f.open('counter-1');
    expect(hello.dossiers.centre).toEqual(here);
    expect(hello.dossiers.collectCentres).toEqual(f.storeKind === 'postgres' ? [here, OTHER] : [here]);
  }, 60_000);

  it("Form 05 names the unit of each line; the result waits in the counter's list until it is handed back; the kiosk shows where to collect", async () => {
    now = vn('2026-11-20T09:00');
    const counter = (await f.open('counter-3')).socket;
    const backoffice = (await f.open('backoffice-tckh')).socket;
    await signIn(backoffice);
    const r = await receive(counter);
    if (!r.ok) throw new Error(r.error.message);
    const code = r.value.dossier.code;
    expect(await ready(counter)).toEqual({ ok: true, value: { centre: here, dossiers: [] } });
    expect(await act(backoffice, code, 'accept')).toMatchObject({ ok: true });
    const heard: DossierEvent[] = [];
    counter.on('dossier:event', (e) => heard.push(e));
    expect(await act(backoffice, code, 'done')).toMatchObject({ ok: true });
    await expect.poll(() => heard.map((e) => [e.action, e.dossier.status])).toContainEqual(['done', 'done']);
    const waiting = await ready(counter);
    expect(waiting).toMatchObject({ ok: true, value: { centre: here, dossiers: [{ code, status: 'done', receivedAtCentre: here, collectAtCentre: here }] } });

    const kiosk = (await f.open('kiosk-1')).socket;
    expect(await kiosk.emitWithAck('dossier:lookup', { commandId: commandId(), code })).toMatchObject({ ok: true, value: { dossier: { status: 'done', collectAtCentreName: here.name } } });

    const back = await act(counter, code, 'return');
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.history.map((h) => [h.action, h.unit])).toEqual([
      ['receive', { kind: 'centre', ...here }],
      ['accept', { kind: 'agency', id: 'tai-chinh-ke-hoach', name: AGENCY }],
      ['done', { kind: 'agency', id: 'tai-chinh-ke-hoach', name: AGENCY }],
      ['return', { kind: 'centre', ...here }],
    ]);
    expect(await ready(counter)).toEqual({ ok: true, value: { centre: here, dossiers: [] } });
    // Stored with the line, on the hash-chained table.
    expect(await f.rows('SELECT unit_kind, unit_name FROM dossier_history WHERE dossier_code = ? ORDER BY id', code)).toEqual([
      { unit_kind: 'centre', unit_name: here.name },
      { unit_kind: 'agency', unit_name: AGENCY },
      { unit_kind: 'agency', unit_name: AGENCY },
      { unit_kind: 'centre', unit_name: here.name },
    ]);
  }, 60_000);

  it('another centre of the province: accepted on PostgreSQL (the receiving counter views but does not hand back), refused on a single-centre SQLite hub', async () => {
    now = vn('2026-11-20T09:00');
    const counter = (await f.open('counter-3')).socket;
    const r = await receive(counter, { collectAt: OTHER.id });
    if (f.storeKind === 'sqlite') {
      expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      if (!r.ok) expect(r.error.message).toContain(`Các trung tâm: ${SINGLE_CENTRE_ID} (${here.name})`);
      return;
    }
    if (!r.ok) throw new Error(r.error.message);
    const code = r.value.dossier.code;
    expect(r.value.dossier).toMatchObject({ receivedAtCentre: here, collectAtCentre: OTHER });
    expect(await f.rows('SELECT collect_centre_id FROM dossiers WHERE code = ?', code)).toEqual([{ collect_centre_id: OTHER.id }]);
    const backoffice = (await f.open('backoffice-tckh')).socket;
    await signIn(backoffice);
    expect(await act(backoffice, code, 'accept')).toMatchObject({ ok: true });
    expect(await act(backoffice, code, 'done')).toMatchObject({ ok: true });
    // Not waiting here: it is handed back at the other centre.
    expect(await ready(counter)).toMatchObject({ ok: true, value: { dossiers: [] } });
    expect(await counter.emitWithAck('dossier:get', { commandId: commandId(), code })).toMatchObject({ ok: true, value: { dossier: { code, collectAtCentre: OTHER } } });
    const refused = await act(counter, code, 'return');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    if (!refused.ok) expect(refused.error.message).toContain(OTHER.name);
    expect(await f.rows("SELECT status FROM dossiers WHERE code = ?", code)).toEqual([{ status: 'done' }]);
  }, 60_000);
});
