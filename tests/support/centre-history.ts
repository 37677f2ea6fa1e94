import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { sqliteAdminAccounts } from '../../hub/admin/admin-accounts';
import { ADMIN_SESSION_HEADER } from '../../hub/admin/admin-routes';
import { openDatabase } from '../../hub/db/open-database';
import { PrivacyRequests, sqlitePrivacyDeps } from '../../hub/privacy/privacy-requests';
import { PUBLIC_TOKEN_BYTES, publicTokenFromBytes } from '../../core/public/public-token';
import { centreConfigOf } from '../../kiosk-config/province-centre';
import { loadProvinceConfig, DEMO_PROVINCE_FILE } from '../../kiosk-config/load-province';
import type { CentreConfig } from '../../kiosk-config/schema';
import { commandId, connectCounter, connectDevice, demoConfig, startHub, tokenOf, type DeviceSocket } from './centre';

/**
 * Real hubs' SQLite files with a history in every table that matters for `province import`:
 * a hub started on the file, driven through its sockets and REST API as the terminals and the
 * admin screen drive it, then closed. Nothing is written into the file directly except the
 * administrator account, which `motcua admin add` would write the same way.
 */

/** Vietnam is UTC+7: a wall-clock time of the centre as an instant. */
export const vn = (dateTime: string): Date => new Date(`${dateTime}:00+07:00`);
export const ADMIN_PASSWORD = 'mat-khau-quan-tri-2026';

type Ack<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };
function must<T>(what: string, r: Ack<T>): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

async function pdfOf(pages: number): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return new Uint8Array(await doc.save());
}

async function rest<T>(url: string, token: string, body: unknown, session?: string): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (session) headers[ADMIN_SESSION_HEADER] = session;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return must(`POST ${url}`, (await res.json()) as Ack<T>);
}

async function addAdmin(file: string, username: string, clock: () => Date): Promise<void> {
  const db = openDatabase(file);
  try {
    must('admin account', await sqliteAdminAccounts(db, clock).add(username, ADMIN_PASSWORD));
  } finally {
    db.close();
  }
}

/**
 * The demo centre's day (Monday 23 Nov 2026): tickets issued, called, served, rated and missed;
 * a kiosk's number lease and a ticket delivered from it; an appointment booked and checked in; a
 * dossier received with its documents and scanned PDF, accepted and processed by the back office (a result file attached);
 * an administrator signing in (a session) and making a pairing code (audited).
 */
export async function buildDemoCentreHistory(file: string): Promise<void> {
  const config = demoConfig();
  let now = vn('2026-11-23T09:00');
  const clock = () => now;
  await addAdmin(file, 'quan-tri-hk', clock);
  // With a public address: every ticket gets its page token (ticket_public_tokens), so the import moves those rows too.
  const hub = await startHub(file, { clock, config: { ...config, hub: { ...config.hub, publicBaseUrl: 'https://motcua.hoankiem.example.gov.vn' } } });
  const sockets: DeviceSocket[] = [];
  try {
    const kiosk = (await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket;
    const counter = (await connectCounter(hub.url, 'counter-1')).socket;
    const backoffice = (await connectDevice(hub.url, 'backoffice-tckh', tokenOf(config, 'backoffice-tckh'))).socket;
    sockets.push(kiosk, counter, backoffice);
    const issue = async (priority: 'normal' | 'elderly' = 'normal') => must('issue', await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich', priority })).ticket;
    for (const p of ['normal', 'elderly', 'normal', 'normal'] as const) await issue(p);

    const first = must('call', await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' })).ticket;
    now = vn('2026-11-23T09:05');
    must('start', await counter.emitWithAck('ticket:start', { commandId: commandId(), ticketId: first.id }));
    now = vn('2026-11-23T09:12');
    must('complete', await counter.emitWithAck('ticket:complete', { commandId: commandId(), ticketId: first.id }));
    must('rate', await counter.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: first.id, rating: 4, comment: 'Cán bộ tận tình, nhanh gọn.' }));
    const second = must('call', await counter.emitWithAck('counter:call-next', { commandId: commandId(), counterId: 'quay-1' })).ticket;
    for (const m of ['09:13', '09:14']) {
      now = vn(`2026-11-23T${m}`);
      must('recall', await counter.emitWithAck('ticket:recall', { commandId: commandId(), ticketId: second.id }));
    }
    now = vn('2026-11-23T09:15');
    must('no-show', await counter.emitWithAck('ticket:no-show', { commandId: commandId(), ticketId: second.id }));

    const lease = must('lease', await kiosk.emitWithAck('ticket:lease-numbers', { commandId: commandId(), serviceId: 'ho-tich', count: 5 })).lease;
    must('offline', await kiosk.emitWithAck('ticket:deliver-offline', { commandId: commandId(), serviceId: 'ho-tich', day: lease.day, number: lease.from, issuedAt: vn('2026-11-23T09:14').toISOString() }));

    const admin = tokenOf(config, 'admin-1');
    const appointment = (await rest<{ appointment: { code: string } }>(`${hub.url}/api/appointments`, admin, {
      commandId: commandId(), serviceId: 'ho-tich', date: '2026-11-23', slotStart: '09:30', citizenName: 'Phạm Văn An', phone: '0912 345 678',
    }).catch(async (e: Error) => {
      // Accounts exist: the admin screen signs in first. Booking then goes with the session.
      if (!/unauthorized/.test(e.message)) throw e;
      return null;
    }));
    // A mistyped password first: the lockout's counter and the audit log record it.
    await fetch(`${hub.url}/api/admin/sign-in`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quan-tri-hk', password: 'khong-dung-mat-khau' }) });
    const session = (await rest<{ token: string }>(`${hub.url}/api/admin/sign-in`, admin, { username: 'quan-tri-hk', password: ADMIN_PASSWORD })).token;
    const booked = appointment ?? (await rest<{ appointment: { code: string } }>(`${hub.url}/api/appointments`, admin, {
      commandId: commandId(), serviceId: 'ho-tich', date: '2026-11-23', slotStart: '09:30', citizenName: 'Phạm Văn An', phone: '0912 345 678',
    }, session));
    must('check-in', await kiosk.emitWithAck('appointment:check-in', { commandId: commandId(), code: booked.appointment.code }));
    const pairing = await rest<{ code: string }>(`${hub.url}/api/devices/display-1/pairing-code`, admin, { commandId: commandId() }, session);
    const paired = await fetch(`${hub.url}/api/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: pairing.code }) });
    if (paired.status !== 200) throw new Error(`pair: ${paired.status} ${await paired.text()}`);
    // A department's own software gets an API key (hash only in the file).
    await rest<{ key: string }>(`${hub.url}/api/apikeys`, admin, { commandId: commandId(), name: 'Phần mềm một cửa của phòng', departmentId: null, permissions: ['dossiers:read'] }, session);
    must('printer', await kiosk.emitWithAck('device:report-printer', { commandId: commandId(), health: 'paper-near-end', detail: 'sắp hết giấy' }));
    must('lease codes', await counter.emitWithAck('dossier:lease-codes', { commandId: commandId(), count: 3 }));

    now = vn('2026-11-23T09:20');
    const dossier = must('receive', await counter.emitWithAck('dossier:receive', {
      commandId: commandId(), procedureCode: 'KD-TL', feePaid: 100000,
      // The receipt's status link the counter drew (random: two centres' histories go into one province database).
      publicToken: publicTokenFromBytes(randomBytes(PUBLIC_TOKEN_BYTES)),
      applicant: { fullName: 'Lê Văn Cường', idNumber: '001085011111', dateOfBirth: '1985-03-02', address: '5 Hàng Gai, Hoàn Kiếm, Hà Nội', phone: '0987 654 321' },
      documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }, { name: 'Bản sao biên bản họp thành viên hộ gia đình (nếu các thành viên cùng thành lập)', copies: 2 }],
    })).dossier;
    const put = await fetch(`${hub.url}/api/dossiers/${dossier.code}/pdf`, { method: 'PUT', headers: { 'content-type': 'application/pdf', authorization: `Bearer ${tokenOf(config, 'counter-1')}` }, body: await pdfOf(2) });
    if (put.status !== 200) throw new Error(`PDF upload: ${put.status} ${await put.text()}`);
    const wrong = await backoffice.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'bui-thi-thu', pin: '0000' });
    if (wrong.ok) throw new Error('a wrong PIN was accepted');
    must('officer', await backoffice.emitWithAck('officer:sign-in', { commandId: commandId(), officerId: 'bui-thi-thu', pin: '5555' }));
    now = vn('2026-11-23T10:00');
    must('accept', await backoffice.emitWithAck('dossier:act', { commandId: commandId(), code: dossier.code, action: 'accept', note: 'Nhận hồ sơ' }));
    // The certificate the department issues, as a result file (dossier_results).
    const result = await fetch(`${hub.url}/api/dossiers/${dossier.code}/results?name=${encodeURIComponent('Giấy chứng nhận đăng ký hộ kinh doanh.pdf')}`, { method: 'PUT', headers: { 'content-type': 'application/pdf', authorization: `Bearer ${tokenOf(config, 'backoffice-tckh')}` }, body: await pdfOf(1) });
    if (result.status !== 200) throw new Error(`result upload: ${result.status} ${await result.text()}`);
    must('done', await backoffice.emitWithAck('dossier:act', { commandId: commandId(), code: dossier.code, action: 'done', note: 'Đã cấp giấy chứng nhận' }));
    // A second dossier, only received.
    must('receive', await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'KD-TL', feePaid: 0, applicant: { fullName: 'Trần Thị Bình', idNumber: '001190022222' }, documents: [] }));
  } finally {
    sockets.forEach((s) => s.close());
    await hub.close();
  }
  // A citizen's export request, as `motcua privacy export` records it beside the stopped hub.
  const db = openDatabase(file);
  try {
    must('privacy export', await new PrivacyRequests(sqlitePrivacyDeps(db), clock).export('001085011111', 'cli:test'));
  } finally {
    db.close();
  }
}

/** Centre Ba Đình of the demo province, run on its own hub (its devices and numbering): a few tickets, an appointment, a pairing code. */
export async function buildBaDinhHistory(file: string): Promise<CentreConfig> {
  const province = loadProvinceConfig(DEMO_PROVINCE_FILE);
  if (!province.ok) throw new Error(province.error.message);
  const built = centreConfigOf(province.value, 'ba-dinh', { dataDir: path.dirname(file) });
  if (!built.ok) throw new Error(built.error.message);
  const config = built.value;
  let now = vn('2026-11-23T08:30');
  const clock = () => now;
  const hub = await startHub(file, { config, clock });
  try {
    const kiosk = (await connectDevice(hub.url, 'ba-dinh-kiosk-1', tokenOf(config, 'ba-dinh-kiosk-1'))).socket;
    try {
      for (const serviceId of ['ho-tich', 'ho-tich', 'dat-dai']) must('issue', await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId, priority: 'normal' }));
      now = vn('2026-11-23T08:45');
      const admin = tokenOf(config, 'ba-dinh-quan-tri');
      await rest(`${hub.url}/api/devices/ba-dinh-kiosk-1/pairing-code`, admin, { commandId: commandId() });
    } finally {
      kiosk.close();
    }
  } finally {
    await hub.close();
  }
  return config;
}
