import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DeviceInfo } from '../../core/devices';
import { err, ok, type Result } from '../../core/result';
import { PROVINCE_STATS_MAX_DAYS, ProvinceStatsRangeSchema, ProvinceStatsSchema, type ProvinceStatsRange } from '../../core/stats/province-stats';
import { describeIssues } from '../../core/validation';
import type { AdminSessions } from './admin-sessions';
import { sessionToken } from './admin-routes';
import type { ProvinceAdmin } from './province-admin';
import { provinceWorkbook, provinceWorkbookName } from './province-workbook';
import { XLSX_MIME } from '../stats/stats-workbook';

export interface ProvinceStatsRouteDeps {
  /** The province's administrators and statistics, or null: this hub is a single centre's (SQLite). */
  readonly province: Pick<ProvinceAdmin, 'sessions' | 'stats'> | null;
  /** This centre's administrators' sessions: one of them is told `forbidden`, not "sign in". */
  readonly centreSessions: AdminSessions;
  readonly authenticate: (req: FastifyRequest) => Promise<DeviceInfo | null>;
  readonly clock: () => Date;
  readonly send: <T>(reply: FastifyReply, result: Result<T>) => FastifyReply;
}

/** A single centre's hub answers this: the route exists everywhere, so a caller learns why rather than a bare 404. */
export const NOT_A_PROVINCE = 'Máy chủ này phục vụ một trung tâm (SQLite), không phải hệ thống cấp tỉnh (PostgreSQL): không có thống kê toàn tỉnh (not a province deployment).';

/**
 * Who may read the province's statistics: an admin device (its token), with a live session of a
 * province administrator opened at it. A centre's administrator is refused (`forbidden`), as is any
 * other role; no session or an ended one: `unauthorized`. Then the range of Vietnam days.
 */
async function admit(req: FastifyRequest, deps: ProvinceStatsRouteDeps): Promise<Result<{ readonly province: Pick<ProvinceAdmin, 'sessions' | 'stats'>; readonly range: ProvinceStatsRange }>> {
  const device = await deps.authenticate(req);
  if (!device) return err('unauthorized', 'Thiếu hoặc sai mã thiết bị: gửi "Authorization: Bearer <token>" (send the device token).');
  if (device.role !== 'admin') return err('forbidden', 'Chỉ máy quản trị xem được thống kê toàn tỉnh (only an admin device).');
  if (!deps.province) return err('not-found', NOT_A_PROVINCE);
  const token = sessionToken(req);
  if (!token) return err('unauthorized', 'Cần quản trị viên cấp tỉnh đăng nhập (a province administrator must sign in).');
  const session = await deps.province.sessions.resolve(device.id, token);
  if (!session.ok) {
    if ((await deps.centreSessions.resolve(device.id, token)).ok) return err('forbidden', 'Quản trị viên trung tâm không xem được thống kê toàn tỉnh: cần tài khoản quản trị cấp tỉnh (a centre administrator may not read the province statistics).');
    return session;
  }
  const q = req.query as Record<string, unknown>;
  const range = ProvinceStatsRangeSchema.safeParse({ from: q.from, to: q.to });
  if (!range.success) return err('invalid-input', describeIssues('province stats', range.error).replaceAll('\n', '; '));
  return ok({ province: deps.province, range: range.data });
}

/** GET /api/province/stats?from=YYYY-MM-DD&to=YYYY-MM-DD (and .xlsx): dossiers per centre and per agency, for a province administrator. */
export function registerProvinceStatsRoute(app: FastifyInstance, deps: ProvinceStatsRouteDeps): void {
  app.get('/api/province/stats', async (req, reply) => {
    const admitted = await admit(req, deps);
    return deps.send(reply, admitted.ok ? ok(await admitted.value.province.stats(admitted.value.range, deps.clock())) : admitted);
  });
  app.get('/api/province/stats.xlsx', async (req, reply) => {
    const admitted = await admit(req, deps);
    if (!admitted.ok) return deps.send(reply, admitted);
    const { province, range } = admitted.value;
    const body = await provinceWorkbook(await province.stats(range, deps.clock()), range);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename="${provinceWorkbookName(range)}"`).send(body);
  });
}

export function provinceStatsOpenApiPaths(resultSchema: (value: z.ZodType) => unknown, security: unknown): Record<string, unknown> {
  const date = (name: string) => ({ name, in: 'query', required: true, schema: { type: 'string', format: 'date' }, description: 'A day of Vietnam (UTC+7), YYYY-MM-DD, inclusive' });
  const refused = { description: 'Refused', content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } };
  return {
    '/api/province/stats': {
      get: {
        operationId: 'getProvinceStats',
        summary: 'Dossiers received in the range per centre (where received) and per competent agency: received, open, overdue now, finished, refused',
        description: `An admin device with a province administrator's session (x-admin-session). At most ${PROVINCE_STATS_MAX_DAYS} days. 403 for a centre's administrator; 404 on a single centre's hub (no province).`,
        security,
        parameters: [date('from'), date('to'), { name: 'x-admin-session', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The statistics', content: { 'application/json': { schema: resultSchema(ProvinceStatsSchema) } } }, '400': refused, '401': refused, '403': refused, '404': refused },
      },
    },
    '/api/province/stats.xlsx': {
      get: {
        operationId: 'getProvinceStatsXlsx',
        summary: 'The province statistics as an Excel workbook (a sheet per centre and per agency, Vietnamese headers)',
        description: 'The same access and range as /api/province/stats.',
        security,
        parameters: [date('from'), date('to'), { name: 'x-admin-session', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Workbook', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } }, '400': refused, '401': refused, '403': refused, '404': refused },
      },
    },
  };
}
