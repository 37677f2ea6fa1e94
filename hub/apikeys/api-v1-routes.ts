import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DOSSIER_STATUSES } from '../../core/dossiers/dossier-state';
import { DossierOutputSchema } from '../../core/protocol/dossier-commands';
import type { Department } from '../../core/dossiers/catalogue';
import type { ApiKeyPermission } from '../../core/protocol/apikey-commands';
import type { CommandName, CommandOutput } from '../../core/protocol/commands';
import { err, ok, type ErrorKind, type Result } from '../../core/result';
import { StatsRangeSchema, StatsReportSchema } from '../../core/stats/stats-report';
import { capMessage, describeIssues } from '../../core/validation';
import type { CommandRunner } from '../commands/command-runner';
import type { DossierService } from '../dossiers/dossier-service';
import { httpStatus } from '../http-api';
import type { StatsService } from '../stats/stats-service';
import { apiKeyDevice } from './api-key-device';
import type { ApiKeyPrincipal, ApiKeys } from './api-keys';
import { DossierListQuerySchema, dossierSummary, DossierSummarySchema, ExternalActionSchema } from './api-v1-schemas';
import { KeyRateLimiter, type KeyRateLimitPolicy } from './key-rate-limit';
import { MAX_RESULT_BYTES } from '../../core/dossiers/result-files';
import { acceptResultPdfBodies, sendResult, uploadResult, type ResultFileDeps } from '../dossiers/dossier-result-routes';
import { sendScan } from '../dossiers/dossier-files';

export interface ApiV1Deps {
  readonly apiKeys: ApiKeys;
  readonly runner: CommandRunner;
  readonly dossiers: DossierService;
  readonly stats: StatsService;
  readonly departments: readonly Department[];
  /** Result files and scans: their bytes (DossierBlobs) and how an upload is recorded (hub/dossiers/dossier-result-routes.ts). */
  readonly resultFiles: ResultFileDeps;
  readonly clock: () => Date;
  readonly rateLimit?: KeyRateLimitPolicy;
}

/** The statuses of this API: as the hub's, except bad input is 422 (the body was JSON, but not acceptable). */
export function v1Status(kind: ErrorKind): number {
  return kind === 'invalid-input' ? 422 : httpStatus(kind);
}

function send<T>(reply: FastifyReply, result: Result<T>): FastifyReply {
  if (result.ok) return reply.code(200).send(result);
  return reply.code(v1Status(result.error.kind)).send(err(result.error.kind, capMessage(result.error.message)));
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** A result file's name and the external system's user who attaches it (the body is the PDF itself). */
const UploadQuerySchema = z.object({
  name: z.string().max(400),
  actorId: z.string().trim().min(1).max(64),
  actorName: z.string().trim().min(2).max(100),
});

/**
 * REST for other systems under /api/v1, with `Authorization: Bearer mck_…`. Every read and
 * write goes through the CommandRunner as the key's pseudo-device (hub/apikeys/api-key-device.ts):
 * the back office's rules, Form 05 history, command log and broadcasts, one path for every write.
 */
export function registerApiV1Routes(app: FastifyInstance, deps: ApiV1Deps): void {
  const limiter = new KeyRateLimiter(deps.clock, deps.rateLimit);
  const principals = new WeakMap<FastifyRequest, ApiKeyPrincipal>();
  const departmentName = (id: string) => deps.departments.find((d) => d.id === id)?.name ?? id;

  void app.register(async (scope) => {
    acceptResultPdfBodies(scope);
    // Before any body is read: a request without a valid key costs its headers only.
    scope.addHook('onRequest', async (req, reply) => {
      const h = req.headers.authorization;
      const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
      if (!m?.[1]) return send(reply, err('unauthorized', 'Thiếu khoá API: gửi "Authorization: Bearer mck_…" (send the API key).'));
      const key = await deps.apiKeys.authenticate(m[1], deps.clock());
      if (!key.ok) return send(reply, key);
      const wait = limiter.take(key.value.id);
      if (wait !== null) {
        return reply
          .code(429)
          .header('retry-after', String(wait))
          .send(err('exhausted', `Khoá API "${key.value.name}" gửi quá nhiều yêu cầu: thử lại sau ${wait} giây (rate limited).`));
      }
      principals.set(req, key.value);
    });

    const principal = (req: FastifyRequest, need: ApiKeyPermission): Result<ApiKeyPrincipal> => {
      const key = principals.get(req);
      if (!key) return err('unauthorized', 'Thiếu khoá API.');
      if (!key.permissions.includes(need)) return err('forbidden', `Khoá API "${key.name}" không có quyền "${need}".`);
      return ok(key);
    };

    /** The department a call about this dossier runs as: the key's own, or (a centre key) the dossier's. */
    const departmentFor = async (key: ApiKeyPrincipal, code: string): Promise<Result<string>> => {
      const dossier = await deps.dossiers.byCode(code, deps.clock());
      if (!dossier) return err('not-found', `Không tìm thấy hồ sơ mã ${code.trim().toUpperCase()}.`);
      if (key.departmentId !== null && key.departmentId !== dossier.departmentId) {
        return err('forbidden', `Hồ sơ ${dossier.code} thuộc ${departmentName(dossier.departmentId)}: khoá API "${key.name}" chỉ dùng cho ${departmentName(key.departmentId)}.`);
      }
      return ok(dossier.departmentId);
    };

    const run = <K extends CommandName>(key: ApiKeyPrincipal, departmentId: string, actorName: string, name: K, input: Record<string, unknown>): Promise<Result<CommandOutput<K>>> =>
      deps.runner.submit(apiKeyDevice(key.id, departmentId, actorName), name, input);

    scope.get('/api/v1/dossiers', async (req, reply) => {
      const key = principal(req, 'dossiers:read');
      if (!key.ok) return send(reply, key);
      const query = DossierListQuerySchema.safeParse(req.query);
      if (!query.success) return send(reply, err('invalid-input', describeIssues('query', query.error).replaceAll('\n', '; ')));
      const { status, since, limit } = query.data;
      const departments = key.value.departmentId !== null ? [key.value.departmentId] : deps.departments.map((d) => d.id);
      const all = [];
      for (const departmentId of departments) {
        const listed = await run(key.value, departmentId, key.value.name, 'dossier:list', { commandId: randomUUID(), ...(status ? { status } : {}) });
        if (!listed.ok) return send(reply, listed);
        all.push(...listed.value.dossiers);
      }
      const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
      const changed = all.filter((d) => Date.parse(d.updatedAt) >= sinceMs).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.code.localeCompare(b.code));
      return send(reply, ok({ dossiers: changed.slice(0, limit).map(dossierSummary), more: changed.length > limit }));
    });

    scope.get('/api/v1/dossiers/:code', async (req, reply) => {
      const key = principal(req, 'dossiers:read');
      if (!key.ok) return send(reply, key);
      const { code } = req.params as { code: string };
      const department = await departmentFor(key.value, code);
      if (!department.ok) return send(reply, department);
      return send(reply, await run(key.value, department.value, key.value.name, 'dossier:get', { commandId: randomUUID(), code }));
    });

    scope.get('/api/v1/dossiers/:code/pdf', async (req, reply) => {
      const key = principal(req, 'dossiers:read');
      if (!key.ok) return send(reply, key);
      const { code } = req.params as { code: string };
      const department = await departmentFor(key.value, code);
      if (!department.ok) return send(reply, department);
      const dossier = (await deps.dossiers.byCode(code, deps.clock()))!;
      return sendScan({ dossiers: deps.dossiers, blobs: deps.resultFiles.blobs }, reply, dossier, (r) => send(reply, r));
    });

    scope.post('/api/v1/dossiers/:code/actions', async (req, reply) => {
      const key = principal(req, 'dossiers:act');
      if (!key.ok) return send(reply, key);
      const idem = req.headers['idempotency-key'];
      if (idem !== undefined && (typeof idem !== 'string' || !IDEMPOTENCY_KEY.test(idem))) {
        return send(reply, err('invalid-input', 'Idempotency-Key: 1–200 ký tự in được, không có khoảng trắng (printable ASCII).'));
      }
      const body = ExternalActionSchema.safeParse(req.body ?? {});
      if (!body.success) return send(reply, err('invalid-input', describeIssues('body', body.error).replaceAll('\n', '; ')));
      const { code } = req.params as { code: string };
      const department = await departmentFor(key.value, code);
      if (!department.ok) return send(reply, department);
      const b = body.data;
      // The same Idempotency-Key from the same key is the same command: the command log answers a replay.
      const commandId = idem ? `k${createHash('sha256').update(`${key.value.id}\n${idem}`).digest('hex').slice(0, 40)}` : randomUUID();
      const actorName = `${key.value.name} / ${b.actor.name} (${b.actor.id})`;
      const input = {
        commandId,
        code,
        action: b.action,
        ...(b.reason !== undefined ? { note: b.reason } : {}),
        ...(b.missing !== undefined ? { missing: b.missing } : {}),
        ...(b.newDueDate !== undefined ? { newDueDate: b.newDueDate } : {}),
      };
      return send(reply, await run(key.value, department.value, actorName, 'dossier:act', input));
    });

    // Up to 50 MB of body: the key's permission, the query and the dossier's agency are checked
    // on the headers alone (this route's onRequest runs after the scope's key check), so a key that
    // may not upload is answered before a byte of the body is read.
    const uploads = new WeakMap<FastifyRequest, { readonly key: ApiKeyPrincipal; readonly departmentId: string; readonly query: z.infer<typeof UploadQuerySchema> }>();
    const beforeUploadBody = async (req: FastifyRequest, reply: FastifyReply) => {
      if (reply.sent) return;
      const key = principal(req, 'dossiers:act');
      if (!key.ok) return send(reply, key);
      const q = UploadQuerySchema.safeParse(req.query);
      if (!q.success) return send(reply, err('invalid-input', describeIssues('query', q.error).replaceAll('\n', '; ')));
      const department = await departmentFor(key.value, (req.params as { code: string }).code);
      if (!department.ok) return send(reply, department);
      uploads.set(req, { key: key.value, departmentId: department.value, query: q.data });
    };
    scope.post('/api/v1/dossiers/:code/results', { bodyLimit: MAX_RESULT_BYTES, onRequest: beforeUploadBody }, async (req, reply) => {
      const upload = uploads.get(req);
      if (!upload) return send(reply, err('unauthorized', 'Thiếu khoá API.'));
      const { key, departmentId, query: q } = upload;
      const dossier = await deps.dossiers.byCode((req.params as { code: string }).code, deps.clock());
      if (!dossier) return send(reply, err('not-found', `Không tìm thấy hồ sơ mã ${(req.params as { code: string }).code.trim().toUpperCase()}.`));
      const actorName = `${key.name} / ${q.actorName} (${q.actorId})`;
      return send(reply, await uploadResult(deps.resultFiles, apiKeyDevice(key.id, departmentId, actorName), dossier, q.name, req.body));
    });

    scope.get('/api/v1/dossiers/:code/results/:id', async (req, reply) => {
      const key = principal(req, 'dossiers:read');
      if (!key.ok) return send(reply, key);
      const { code, id } = req.params as { code: string; id: string };
      const department = await departmentFor(key.value, code);
      if (!department.ok) return send(reply, department);
      const dossier = (await deps.dossiers.byCode(code, deps.clock()))!;
      return sendResult(deps.resultFiles, reply, dossier, id, (r) => send(reply, r));
    });

    scope.get('/api/v1/stats', async (req, reply) => {
      const key = principal(req, 'stats:read');
      if (!key.ok) return send(reply, key);
      const q = req.query as Record<string, unknown>;
      const range = StatsRangeSchema.safeParse({ from: q.from, to: q.to });
      if (!range.success) return send(reply, err('invalid-input', describeIssues('stats', range.error).replaceAll('\n', '; ')));
      return send(reply, ok(await deps.stats.report(range.data)));
    });
  });
}

/** The /api/v1 routes in the hub's OpenAPI document (security: the `apiKey` bearer scheme). */
export function apiV1OpenApiPaths(resultSchema: (value: z.ZodType) => unknown): Record<string, unknown> {
  const security = [{ apiKey: [] }];
  const refused = (codes: string[]) => Object.fromEntries(codes.map((c) => [c, { description: V1_REFUSALS[c] ?? 'Refused', content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } }]));
  const codeParam = { name: 'code', in: 'path', required: true, schema: { type: 'string' } };
  const query = (name: string, schema: unknown, description: string) => ({ name, in: 'query', required: false, schema, description });
  return {
    '/api/v1/dossiers': {
      get: {
        operationId: 'v1ListDossiers',
        summary: "The key's agency's dossiers (every agency for a centre key), oldest change first; no CCCD number and no name (initials, masked) (dossiers:read)",
        security,
        parameters: [
          query('status', { enum: [...DOSSIER_STATUSES] }, 'only this status'),
          query('since', { type: 'string', format: 'date-time' }, 'only dossiers changed at or after this instant'),
          query('limit', { type: 'integer', minimum: 1, maximum: 500, default: 100 }, 'at most this many; `more` says whether there are others'),
        ],
        responses: { '200': { description: 'Dossiers', content: { 'application/json': { schema: resultSchema(z.object({ dossiers: z.array(DossierSummarySchema), more: z.boolean() })) } } }, ...refused(['401', '403', '422', '429']) },
      },
    },
    '/api/v1/dossiers/{code}': {
      get: { operationId: 'v1GetDossier', summary: 'One dossier with its processing control sheet (Form 05), as the back office sees it (dossiers:read)', security, parameters: [codeParam], responses: { '200': { description: 'The dossier', content: { 'application/json': { schema: resultSchema(DossierOutputSchema) } } }, ...refused(['401', '403', '404', '429']) } },
    },
    '/api/v1/dossiers/{code}/pdf': {
      get: { operationId: 'v1GetDossierPdf', summary: "The dossier's scanned papers as the counter uploaded them (dossiers:read)", security, parameters: [codeParam], responses: { '200': { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...refused(['401', '403', '404', '429']) } },
    },
    '/api/v1/dossiers/{code}/actions': {
      post: {
        operationId: 'v1ActOnDossier',
        summary: "Move a dossier on with the back office's rules; the actor is recorded in Form 05 as \"<system> / <name> (<id>)\". Idempotency-Key: a replay answers the first answer and changes nothing (dossiers:act)",
        security,
        parameters: [codeParam, { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(ExternalActionSchema, { io: 'input' }) } } },
        responses: { '200': { description: 'Done', content: { 'application/json': { schema: resultSchema(DossierOutputSchema) } } }, ...refused(['400', '401', '403', '404', '409', '422', '429']) },
      },
    },
    '/api/v1/dossiers/{code}/results': {
      post: {
        operationId: 'v1AttachResult',
        summary: "Attach a result file (the PDF the agency issues) while the dossier is processing or done; the same bytes again answer the first record. Body: the PDF (application/pdf, ≤ 50 MB) (dossiers:act)",
        security,
        parameters: [codeParam, query('name', { type: 'string', maxLength: 120 }, 'the file name the counter shows'), query('actorId', { type: 'string' }, "the external system's user id"), query('actorName', { type: 'string' }, "the external system's user name")],
        requestBody: { required: true, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
        responses: { '200': { description: 'The dossier with its result files', content: { 'application/json': { schema: resultSchema(DossierOutputSchema) } } }, ...refused(['401', '403', '404', '409', '413', '415', '422', '429']) },
      },
    },
    '/api/v1/dossiers/{code}/results/{id}': {
      get: { operationId: 'v1GetResult', summary: 'One result file of the dossier (dossiers:read)', security, parameters: [codeParam, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...refused(['401', '403', '404', '429']) } },
    },
    '/api/v1/stats': {
      get: { operationId: 'v1Stats', summary: "The centre's queue statistics for a range of days (stats:read)", security, parameters: [query('from', { type: 'string', format: 'date' }, 'first day'), query('to', { type: 'string', format: 'date' }, 'last day')], responses: { '200': { description: 'Statistics', content: { 'application/json': { schema: resultSchema(StatsReportSchema) } } }, ...refused(['401', '403', '422', '429']) } },
    },
  };
}

const V1_REFUSALS: Readonly<Record<string, string>> = {
  '400': 'The body is not JSON',
  '401': 'No key, an unknown or revoked key, or an old secret past its rotation overlap',
  '403': "Another agency's dossier, or a permission the key does not have",
  '404': 'No dossier with this code (or no PDF yet)',
  '409': 'The life cycle does not allow this action now (or the Idempotency-Key was used for another request)',
  '413': 'The PDF is larger than 50 MB',
  '415': 'The body is not application/pdf',
  '422': 'Input refused: the message names the field',
  '429': 'Too many requests from this key: see Retry-After',
};
