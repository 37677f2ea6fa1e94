import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DeviceInfo } from '../../core/devices';
import { err, ok, type AppError, type Result } from '../../core/result';
import { StatsGroupingSchema, StatsRangeSchema, StatsReportSchema, STATS_DEFINITIONS, type StatsRange } from '../../core/stats/stats-report';
import { statsCsv } from '../../core/stats/stats-table';
import { describeIssues } from '../../core/validation';
import type { StatsService } from './stats-service';
import { statsWorkbook, XLSX_MIME } from './stats-workbook';

export interface StatsRouteDeps {
  readonly stats: StatsService;
  /** The device of the request's bearer token, or null. */
  readonly authenticate: (req: FastifyRequest) => Promise<DeviceInfo | null>;
  /** Why the admin device may not (no administrator signed in at it), or null. */
  readonly adminSession?: (req: FastifyRequest, device: DeviceInfo) => Promise<AppError | null>;
  readonly send: <T>(reply: FastifyReply, result: Result<T>) => FastifyReply;
}

const CsvQuerySchema = z.object({ by: StatsGroupingSchema.default('service') });

/** Checks the caller is the admin and the range is sound; the error is what the route answers. */
async function admit(req: FastifyRequest, deps: StatsRouteDeps): Promise<Result<StatsRange>> {
  const device = await deps.authenticate(req);
  if (!device) return err('unauthorized', 'Thiếu hoặc sai mã thiết bị: gửi "Authorization: Bearer <token>" (send the device token).');
  if (device.role !== 'admin') return err('forbidden', 'Chỉ máy quản trị xem được thống kê (only the admin role sees the statistics).');
  const signedOut = await deps.adminSession?.(req, device);
  if (signedOut) return err(signedOut.kind, signedOut.message);
  const q = req.query as Record<string, unknown>;
  const parsed = StatsRangeSchema.safeParse({ from: q.from, to: q.to });
  if (!parsed.success) return err('invalid-input', describeIssues('stats', parsed.error).replaceAll('\n', '; '));
  return ok(parsed.data);
}

function fileName(range: StatsRange, ext: string): string {
  return range.from === range.to ? `thong-ke-${range.from}.${ext}` : `thong-ke-${range.from}-den-${range.to}.${ext}`;
}

/** GET /api/stats (JSON), /api/stats.xlsx and /api/stats.csv: the admin's statistics. */
export function registerStatsRoutes(app: FastifyInstance, deps: StatsRouteDeps): void {
  app.get('/api/stats', async (req, reply) => {
    const range = await admit(req, deps);
    return deps.send(reply, range.ok ? ok(await deps.stats.report(range.value)) : range);
  });
  app.get('/api/stats.xlsx', async (req, reply) => {
    const range = await admit(req, deps);
    if (!range.ok) return deps.send(reply, range);
    const body = await statsWorkbook(await deps.stats.report(range.value));
    return reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename="${fileName(range.value, 'xlsx')}"`).send(body);
  });
  app.get('/api/stats.csv', async (req, reply) => {
    const range = await admit(req, deps);
    if (!range.ok) return deps.send(reply, range);
    const by = CsvQuerySchema.safeParse({ by: (req.query as Record<string, unknown>).by });
    if (!by.success) return deps.send(reply, err('invalid-input', `by: một trong ${StatsGroupingSchema.options.join(', ')} (one of)`));
    const report = await deps.stats.report(range.value);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(range.value, `${by.data.by}.csv`)}"`)
      .send(statsCsv(by.data.by, report.groups[by.data.by]));
  });
}

/** The three routes in the OpenAPI document. */
export function statsOpenApiPaths(resultSchema: (value: z.ZodType) => unknown, security: unknown): Record<string, unknown> {
  const date = (name: string) => ({ name, in: 'query', required: true, schema: { type: 'string', format: 'date' }, description: 'Centre-local day, YYYY-MM-DD (inclusive)' });
  const range = [date('from'), date('to')];
  const description = `Admin role only. At most 366 days. Definitions: ${Object.entries(STATS_DEFINITIONS).map(([k, v]) => `${k}: ${v}`).join(' ')}`;
  const refused = { description: 'Refused', content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } };
  const failures = { '400': refused, '401': refused, '403': refused };
  return {
    '/api/stats': {
      get: { operationId: 'getStats', summary: 'Statistics by day, hour, service, counter and clerk', description, security, parameters: range, responses: { '200': { description: 'Report', content: { 'application/json': { schema: resultSchema(StatsReportSchema) } } }, ...failures } },
    },
    '/api/stats.xlsx': {
      get: { operationId: 'getStatsXlsx', summary: 'The statistics as an Excel workbook (one sheet per grouping, Vietnamese headers)', description, security, parameters: range, responses: { '200': { description: 'Workbook', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } }, ...failures } },
    },
    '/api/stats.csv': {
      get: {
        operationId: 'getStatsCsv',
        summary: 'One grouping of the statistics as CSV (UTF-8 with BOM, comma, CRLF)',
        description,
        security,
        parameters: [...range, { name: 'by', in: 'query', required: false, schema: { enum: StatsGroupingSchema.options, default: 'service' } }],
        responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...failures },
      },
    },
  };
}
