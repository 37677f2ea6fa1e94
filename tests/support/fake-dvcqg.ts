import { startFakeServer, jsonBody, type FakeReply, type FakeServer } from './fake-http-server';

/**
 * A fake of the national portal's `mc-legacy` services behind an LGSP adapter, checking what it
 * receives by the portal's contract (its own checks, not motcua's schemas, so a mistake in ours
 * shows here):
 *   POST /auth {username, password} → {session, error_code}
 *   POST /integration {session, madonvi, service, …} → {error_code, message, result}
 * It keeps dossiers by MaHoSo and their progress, refuses a status outside 1–10 and a date that is
 * not a real yyyyMMddHHmmss, and can be told to fail the next call in the ways portals do.
 */
export type DvcqgFault =
  /** Every session is forgotten: the next service call gets error_code 401. */
  | { readonly kind: 'expire-session' }
  /** The next service call answers this error code and message. */
  | { readonly kind: 'error-code'; readonly code: string | number; readonly message: string }
  /** The next service call answers an HTML error page with HTTP 200. */
  | { readonly kind: 'malformed' }
  /** The next service call answers JSON cut short (a proxy that dropped the connection's end). */
  | { readonly kind: 'broken-json' }
  /** The next service call answers after this many ms. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'http-status'; readonly status: number };

export interface DvcqgCall {
  readonly service: string;
  readonly body: Record<string, unknown>;
}

export interface FakeDvcqg extends FakeServer {
  readonly dossiers: Map<string, Record<string, unknown>>;
  readonly progress: Map<string, Record<string, unknown>[]>;
  readonly calls: DvcqgCall[];
  readonly logins: number;
  /** Each status TrangThaiHoSo/TrangThai the portal was told for a dossier, in order. */
  statusesOf(maHoSo: string): number[];
  inject(fault: DvcqgFault): void;
}

export interface FakeDvcqgOptions {
  readonly username: string;
  readonly password: string;
  readonly madonvi: string;
  /** Success as 0 or "00": portals answer both. */
  readonly successCode?: 0 | '00';
}

const DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

function isPortalDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && t.getUTCHours() === h && t.getUTCMinutes() === mi && t.getUTCSeconds() === s;
}

const isStatus = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10;
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;

function dossierProblem(h: Record<string, unknown>): string | null {
  for (const f of ['MaHoSo', 'MaTTHC', 'ChuHoSo']) if (!nonEmpty(h[f])) return `${f} bắt buộc`;
  if (![1, 2, 3].includes(h.KenhThucHien as number)) return 'KenhThucHien phải là 1, 2 hoặc 3';
  if (!isStatus(h.TrangThaiHoSo)) return `TrangThaiHoSo ${JSON.stringify(h.TrangThaiHoSo)} không hợp lệ (1–10)`;
  for (const f of ['NgayTiepNhan', 'NgayHenTra']) if (!isPortalDate(h[f])) return `${f} ${JSON.stringify(h[f])} không đúng định dạng yyyyMMddHHmmss`;
  for (const f of ['NgayNopHoSo', 'NgayTra', 'NgayKetThucXuLy']) if (h[f] !== undefined && !isPortalDate(h[f])) return `${f} không đúng định dạng yyyyMMddHHmmss`;
  return null;
}

function progressProblem(t: Record<string, unknown>): string | null {
  for (const f of ['MaHoSo', 'NguoiXuLy', 'PhongBanXuLy', 'NoiDungXuLy']) if (!nonEmpty(t[f])) return `${f} bắt buộc`;
  if (!isStatus(t.TrangThai)) return `TrangThai ${JSON.stringify(t.TrangThai)} không hợp lệ (1–10)`;
  if (!isPortalDate(t.ThoiDiemXuLy)) return `ThoiDiemXuLy ${JSON.stringify(t.ThoiDiemXuLy)} không đúng định dạng yyyyMMddHHmmss`;
  for (const f of ['NgayBatDau', 'NgayKetThucTheoQuyDinh']) if (t[f] !== undefined && !isPortalDate(t[f])) return `${f} không đúng định dạng yyyyMMddHHmmss`;
  return null;
}

export async function startFakeDvcqg(options: FakeDvcqgOptions): Promise<FakeDvcqg> {
  const ok = options.successCode ?? 0;
  const sessions = new Set<string>();
  const dossiers = new Map<string, Record<string, unknown>>();
  const progress = new Map<string, Record<string, unknown>[]>();
  const statuses = new Map<string, number[]>();
  const calls: DvcqgCall[] = [];
  const faults: DvcqgFault[] = [];
  let logins = 0;
  let nextSession = 1;

  const refuse = (code: string, message: string): FakeReply => ({ body: { error_code: code, message, result: null } });
  const record = (ma: string, status: number) => statuses.set(ma, [...(statuses.get(ma) ?? []), status]);

  function service(body: Record<string, unknown>): FakeReply {
    if (body.madonvi !== options.madonvi) return refuse('03', `madonvi ${JSON.stringify(body.madonvi)} không đúng`);
    switch (body.service) {
      case 'TraCuuHoSo': {
        if (!nonEmpty(body.mahoso)) return refuse('02', 'mahoso bắt buộc');
        return { body: { error_code: ok, message: 'Thành công', result: dossiers.get(body.mahoso as string) ?? null } };
      }
      case 'DongBoHoSoMC': {
        if (body.isUpdating !== 'True' && body.isUpdating !== 'False') return refuse('02', 'isUpdating phải là "True" hoặc "False"');
        if (!Array.isArray(body.data) || body.data.length === 0) return refuse('02', 'data phải là danh sách hồ sơ');
        for (const h of body.data as Record<string, unknown>[]) {
          const problem = typeof h === 'object' && h !== null ? dossierProblem(h) : 'hồ sơ không hợp lệ';
          if (problem) return refuse('10', problem);
          const exists = dossiers.has(h.MaHoSo as string);
          if (body.isUpdating === 'False' && exists) return refuse('11', `Hồ sơ ${h.MaHoSo as string} đã tồn tại`);
          if (body.isUpdating === 'True' && !exists) return refuse('12', `Hồ sơ ${h.MaHoSo as string} không tồn tại`);
        }
        for (const h of body.data as Record<string, unknown>[]) {
          dossiers.set(h.MaHoSo as string, h);
          record(h.MaHoSo as string, h.TrangThaiHoSo as number);
        }
        return { body: { error_code: ok, message: 'Đồng bộ thành công', result: null } };
      }
      case 'CapNhatTienDoHoSoMC': {
        if (!Array.isArray(body.data) || body.data.length === 0) return refuse('02', 'data phải là danh sách tiến độ');
        for (const t of body.data as Record<string, unknown>[]) {
          const problem = typeof t === 'object' && t !== null ? progressProblem(t) : 'tiến độ không hợp lệ';
          if (problem) return refuse('10', problem);
          if (!dossiers.has(t.MaHoSo as string)) return refuse('12', `Hồ sơ ${t.MaHoSo as string} không tồn tại`);
        }
        for (const t of body.data as Record<string, unknown>[]) {
          const ma = t.MaHoSo as string;
          progress.set(ma, [...(progress.get(ma) ?? []), t]);
          dossiers.set(ma, { ...dossiers.get(ma), TrangThaiHoSo: t.TrangThai });
          if (statuses.get(ma)?.at(-1) !== t.TrangThai) record(ma, t.TrangThai as number);
        }
        return { body: { error_code: ok, message: 'Cập nhật thành công', result: null } };
      }
      default:
        return refuse('04', `service ${JSON.stringify(body.service)} không được hỗ trợ`);
    }
  }

  const server = await startFakeServer((request) => {
    if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
    const body = jsonBody(request);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, body: { error_code: '400', message: 'Body phải là JSON' } };
    const b = body as Record<string, unknown>;
    if (request.path === '/auth') {
      if (b.username !== options.username || b.password !== options.password) return { body: { error_code: '01', message: 'Sai tên đăng nhập hoặc mật khẩu' } };
      logins += 1;
      const session = `sess-${nextSession++}`;
      sessions.add(session);
      return { body: { error_code: ok, session } };
    }
    if (request.path !== '/integration') return { status: 404, body: '<html><body>404 Not Found</body></html>' };
    calls.push({ service: String(b.service), body: b });
    const fault = faults.shift();
    if (fault?.kind === 'expire-session') sessions.clear();
    if (typeof b.session !== 'string' || !sessions.has(b.session)) return { body: { error_code: 401, message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn' } };
    if (fault?.kind === 'error-code') return { body: { error_code: fault.code, message: fault.message, result: null } };
    if (fault?.kind === 'malformed') return { status: 200, body: '<html><head><title>Bảo trì</title></head><body>Hệ thống đang bảo trì</body></html>' };
    if (fault?.kind === 'broken-json') return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"error_code":0,"message":"Thành công","result":{"MaHoSo":"000.00' };
    if (fault?.kind === 'http-status') return { status: fault.status, body: '<html><body>Bad Gateway</body></html>' };
    const reply = service(b);
    return fault?.kind === 'slow' ? { ...reply, delayMs: fault.delayMs } : reply;
  });

  return {
    ...server,
    dossiers,
    progress,
    calls,
    get logins() {
      return logins;
    },
    statusesOf: (ma) => statuses.get(ma) ?? [],
    inject: (fault) => faults.push(fault),
  };
}
