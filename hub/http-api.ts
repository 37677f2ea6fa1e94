import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DeviceStatusSchema, type DeviceInfo } from '../core/devices';
import { COMMAND_NAMES, COMMANDS, roleMayRun, type CommandHttpMethod, type CommandName, type CommandSpec } from '../core/protocol/commands';
import { QueueSnapshotSchema } from '../core/queue/snapshot';
import { ERROR_KINDS, err, missingCase, ok, type ErrorKind, type Result } from '../core/result';
import { capMessage, MAX_ERROR_MESSAGE_CHARS, payloadProblem } from '../core/validation';
import type { AdminAccounts } from './admin/admin-accounts';
import type { ApiKeys } from './apikeys/api-keys';
import { apiV1OpenApiPaths, registerApiV1Routes } from './apikeys/api-v1-routes';
import type { Department } from '../core/dossiers/catalogue';
import { adminOpenApiPaths, adminSessionProblem, registerAdminRoutes } from './admin/admin-routes';
import type { AdminSessions } from './admin/admin-sessions';
import type { ProvinceAdmin } from './admin/province-admin';
import { provinceStatsOpenApiPaths, registerProvinceStatsRoute } from './admin/province-stats-route';
import type { DeviceRegistry } from './device-registry';
import { replayContract, type CommandRunner } from './commands/command-runner';
import type { DeviceMonitor } from './devices/device-monitor';
import { pairingOpenApiPaths } from './devices/pairing-route';
import { MAX_PDF_BYTES, registerDossierFileRoutes } from './dossiers/dossier-files';
import { registerDeviceResultRoutes } from './dossiers/dossier-result-routes';
import { MAX_RESULT_BYTES } from '../core/dossiers/result-files';
import { DossierOutputSchema } from '../core/protocol/dossier-commands';
import type { DossierBlobs } from './dossiers/dossier-blobs';
import { MAX_JSON_BODY_BYTES, MAX_PATH_PARAM_CHARS, registerRefusals } from './http-refusals';
import type { DossierService } from './dossiers/dossier-service';
import type { QueueService } from './queue/queue-service';
import { registerStatsRoutes, statsOpenApiPaths } from './stats/stats-routes';
import { deliveryOpenApiPaths, registerDeliveryRoutes, type DeliveryRouteDeps } from './integrations/delivery-routes';
import type { StatsService } from './stats/stats-service';

export function httpStatus(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid-input':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
    case 'exhausted':
    case 'service-closed':
      return 409;
    case 'hub-unreachable':
    case 'hub-untrusted':
    case 'hub-unavailable':
    case 'printer-offline':
    case 'paper-out':
    case 'cover-open':
    case 'printer-timeout':
      return 503;
    case 'internal':
      return 500;
    default:
      return missingCase(kind);
  }
}

interface CommandRoute {
  readonly command: CommandName;
  readonly method: CommandHttpMethod;
  readonly url: string;
  readonly summary: string;
  /** Path parameters merged into the body to form the command input. */
  readonly params: Readonly<Record<string, 'string' | 'integer'>>;
}

/** A path parameter is an integer when the command's input declares that field a number. */
function paramType(input: z.ZodType, name: string): 'string' | 'integer' {
  const field = (input as z.ZodObject).shape?.[name] as z.ZodType | undefined;
  return field && z.toJSONSchema(field, { io: 'input' }).type === 'integer' ? 'integer' : 'string';
}

/** The REST face of the same commands the sockets carry, one route per command of the table (its method and path). */
export const COMMAND_ROUTES: readonly CommandRoute[] = COMMAND_NAMES.map((command) => {
  const spec: CommandSpec = COMMANDS[command];
  const params = Object.fromEntries([...spec.rest.path.matchAll(/:(\w+)/g)].map(([, name]) => [name!, paramType(spec.input, name!)]));
  return { command, method: spec.rest.method, url: spec.rest.path, summary: spec.rest.summary, params };
});

export interface HttpApiDeps {
  readonly registry: DeviceRegistry;
  readonly queue: QueueService;
  readonly runner: CommandRunner;
  readonly monitor: DeviceMonitor;
  readonly stats: StatsService;
  readonly dossiers: DossierService;
  readonly adminAccounts: AdminAccounts;
  readonly adminSessions: AdminSessions;
  /** The province's administrators and statistics (PostgreSQL), or null on a single centre's hub. */
  readonly province: ProvinceAdmin | null;
  /** API keys of other systems and the centre's departments, for REST under /api/v1 (hub/apikeys). */
  readonly apiKeys: ApiKeys;
  readonly departments: readonly Department[];
  /** The bytes of dossiers' scans and result files (hub/dossiers/dossier-blobs.ts: a directory, or the province database). */
  readonly blobs: DossierBlobs;
  readonly clock: () => Date;
  readonly health: () => Promise<Record<string, unknown>>;
  readonly version: string;
  /** The admin's delivery log (hub/integrations/delivery-routes.ts). */
  readonly deliveries?: Omit<DeliveryRouteDeps, 'authenticate' | 'adminSession' | 'send' | 'clock'>;
}

function send<T>(reply: FastifyReply, result: Result<T>): FastifyReply {
  if (result.ok) return reply.code(200).send(result);
  const bounded = result.error.message.length <= MAX_ERROR_MESSAGE_CHARS ? result : err(result.error.kind, capMessage(result.error.message));
  return reply.code(httpStatus(result.error.kind)).send(bounded);
}

async function bearer(req: FastifyRequest, registry: DeviceRegistry): Promise<DeviceInfo | null> {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1] ? registry.authenticateToken(m[1]) : null;
}

const UNAUTHORIZED = err('unauthorized', 'Thiếu hoặc sai mã thiết bị: gửi "Authorization: Bearer <token>" (send the device token).');

export function registerHttpApi(app: FastifyInstance, deps: HttpApiDeps): void {
  registerRefusals(app);
  app.get('/api/health', async () => ok(await deps.health()));
  app.get('/api/openapi.json', async () => openApiDocument(deps.version));
  app.get('/api/snapshot', async (req, reply) => {
    if (!(await bearer(req, deps.registry))) return send(reply, UNAUTHORIZED);
    return send(reply, ok(await deps.queue.snapshot()));
  });

  const admin = { accounts: deps.adminAccounts, sessions: deps.adminSessions, province: deps.province };
  registerAdminRoutes(app, { ...admin, authenticate: (req) => bearer(req, deps.registry), send });
  registerProvinceStatsRoute(app, { province: deps.province, centreSessions: deps.adminSessions, authenticate: (req) => bearer(req, deps.registry), clock: deps.clock, send });
  registerStatsRoutes(app, { stats: deps.stats, authenticate: (req) => bearer(req, deps.registry), adminSession: (req, device) => adminSessionProblem(admin, req, device), send });
  registerDossierFileRoutes(app, { dossiers: deps.dossiers, blobs: deps.blobs, clock: deps.clock, authenticate: (req) => bearer(req, deps.registry), send });
  const resultFiles = { dossiers: deps.dossiers, runner: deps.runner, blobs: deps.blobs, clock: deps.clock };
  registerDeviceResultRoutes(app, { ...resultFiles, authenticate: (req) => bearer(req, deps.registry), send });
  registerApiV1Routes(app, { apiKeys: deps.apiKeys, runner: deps.runner, dossiers: deps.dossiers, stats: deps.stats, departments: deps.departments, resultFiles, clock: deps.clock });
  if (deps.deliveries) registerDeliveryRoutes(app, { ...deps.deliveries, clock: deps.clock, authenticate: (req) => bearer(req, deps.registry), adminSession: (req, device) => adminSessionProblem(admin, req, device), send });

  app.get('/api/devices', async (req, reply) => {
    const device = await bearer(req, deps.registry);
    if (!device) return send(reply, UNAUTHORIZED);
    if (device.role !== 'admin') return send(reply, err('forbidden', 'Only the admin role sees the devices.'));
    const signedOut = await adminSessionProblem(admin, req, device);
    if (signedOut) return send(reply, err(signedOut.kind, signedOut.message));
    return send(reply, ok(await deps.monitor.statuses()));
  });

  // The device and its role are checked in onRequest, before Fastify reads any body: a request
  // without a valid token costs its headers, not its body.
  const deviceOf = new WeakMap<FastifyRequest, DeviceInfo>();
  for (const route of COMMAND_ROUTES) {
    const onRequest = async (req: FastifyRequest, reply: FastifyReply) => {
      const device = await bearer(req, deps.registry);
      if (!device) return send(reply, UNAUTHORIZED);
      if (!roleMayRun(device.role, route.command)) {
        return send(reply, err('forbidden', `Thiết bị "${device.id}" (${device.role}) không được phép thực hiện "${route.command}".`));
      }
      deviceOf.set(req, device);
    };
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const device = deviceOf.get(req);
      if (!device) return send(reply, UNAUTHORIZED);
      const body = req.body ?? {};
      const problem = payloadProblem(body);
      if (problem) return send(reply, err('invalid-input', `${route.command}: ${problem}`));
      const params = req.params as Record<string, string>;
      const fromPath = Object.fromEntries(
        Object.entries(route.params).map(([k, type]) => [k, type === 'integer' && /^\d+$/.test(params[k] ?? '') ? Number(params[k]) : params[k]]),
      );
      return send(reply, await deps.runner.submit(device, route.command, { ...(body as object), ...fromPath }));
    };
    app.route({ method: route.method, url: route.url, onRequest, handler });
  }
}

/** What each status means on a command route (the body is always a Result). */
const REFUSALS: Readonly<Record<string, string>> = {
  '200': 'Done',
  '413': `Refused before reading: the JSON body is over ${MAX_JSON_BODY_BYTES / 1048576} MiB`,
  '414': `Refused: a path parameter is over ${MAX_PATH_PARAM_CHARS} characters`,
  '415': 'Refused: the body is not application/json',
};

function resultSchema(value: z.ZodType): unknown {
  return {
    oneOf: [
      { type: 'object', required: ['ok', 'value'], properties: { ok: { const: true }, value: z.toJSONSchema(value, { io: 'output' }) } },
      { $ref: '#/components/schemas/Failure' },
    ],
  };
}

/** OpenAPI 3.1, generated from the same zod schemas the hub validates with. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const security = [{ deviceToken: [] }];
  for (const route of COMMAND_ROUTES) {
    const spec = COMMANDS[route.command];
    const shape = (spec.input as z.ZodObject).shape as Record<string, z.ZodType>;
    const bodyShape = Object.fromEntries(Object.entries(shape).filter(([k]) => !(k in route.params)));
    const openUrl = route.url.replace(/:(\w+)/g, '{$1}');
    paths[openUrl] = {
      ...paths[openUrl],
      [route.method.toLowerCase()]: {
        operationId: route.command.replace(/[:-](\w)/g, (_m, c: string) => c.toUpperCase()),
        summary: route.summary,
        description: `Allowed roles: ${spec.roles.join(', ')}. ${replayContract(route.command)}`,
        security,
        parameters: Object.entries(route.params).map(([name, type]) => ({ name, in: 'path', required: true, schema: { type } })),
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(z.strictObject(bodyShape)) } } },
        responses: Object.fromEntries(
          ['200', '400', '401', '403', '404', '409', '413', ...(Object.keys(route.params).length > 0 ? ['414'] : []), '415'].map((code) => [
            code,
            { description: REFUSALS[code] ?? 'Refused; nothing changed', content: { 'application/json': { schema: resultSchema(spec.output) } } },
          ]),
        ),
      },
    };
  }
  paths['/api/snapshot'] = {
    get: { operationId: 'getSnapshot', summary: 'The live queue state', security, responses: { '200': { description: 'Snapshot', content: { 'application/json': { schema: resultSchema(QueueSnapshotSchema) } } } } },
  };
  paths['/api/devices'] = {
    get: { operationId: 'getDevices', summary: 'Every enrolled device with its connection and printer health (admin)', security, responses: { '200': { description: 'Devices', content: { 'application/json': { schema: resultSchema(z.array(DeviceStatusSchema)) } } } } },
  };
  Object.assign(paths, statsOpenApiPaths(resultSchema, security));
  Object.assign(paths, adminOpenApiPaths(resultSchema, security));
  Object.assign(paths, provinceStatsOpenApiPaths(resultSchema, security));
  Object.assign(paths, pairingOpenApiPaths(resultSchema));
  Object.assign(paths, apiV1OpenApiPaths(resultSchema));
  Object.assign(paths, deliveryOpenApiPaths(resultSchema, security));
  const codeParam = [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }];
  const refused = (codes: string[]) => Object.fromEntries(codes.map((c) => [c, { description: 'Refused', content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } }]));
  paths['/api/dossiers/{code}/pdf'] = {
    put: {
      operationId: 'putDossierPdf',
      summary: `Upload the scanned dossier as one PDF (counter; up to ${MAX_PDF_BYTES / 1024 / 1024} MB). The same bytes again answer the same; new bytes replace the file (a rescan after a supplement).`,
      security,
      parameters: codeParam,
      requestBody: { required: true, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
      responses: {
        '200': { description: 'Stored', content: { 'application/json': { schema: resultSchema(z.object({ pages: z.number().int(), bytes: z.number().int(), sha256: z.string() })) } } },
        ...refused(['400', '401', '403', '404', '413', '414', '415']),
      },
    },
    get: {
      operationId: 'getDossierPdf',
      summary: "The dossier's scanned PDF (any counter, or the back office of the dossier's department)",
      security,
      parameters: codeParam,
      responses: { '200': { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...refused(['401', '403', '404', '414']) },
    },
  };
  paths['/api/dossiers/{code}/results'] = {
    put: {
      operationId: 'putDossierResult',
      summary: `Upload a result file (the PDF the department issues; up to ${MAX_RESULT_BYTES / 1024 / 1024} MB) while the dossier is processing or done: the back office of its department, officer signed in. ?name= is the name the counter shows. The same bytes again answer the first record.`,
      security,
      parameters: [...codeParam, { name: 'name', in: 'query', required: true, schema: { type: 'string', maxLength: 120 } }],
      requestBody: { required: true, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
      responses: { '200': { description: 'The dossier with its result files', content: { 'application/json': { schema: resultSchema(DossierOutputSchema) } } }, ...refused(['400', '401', '403', '404', '409', '413', '415']) },
    },
  };
  paths['/api/dossiers/{code}/results/{id}'] = {
    get: {
      operationId: 'getDossierResult',
      summary: "One result file (any counter, to hand it over; or the back office of the dossier's department)",
      security,
      parameters: [...codeParam, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: { '200': { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...refused(['401', '403', '404']) },
    },
  };
  paths['/api/health'] = { get: { operationId: 'getHealth', summary: 'Liveness and basic figures', responses: { '200': { description: 'Healthy' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'motcua hub API', version, description: 'Queue operations of a one-stop public administration centre.' },
    paths,
    components: {
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer', description: 'The enrolment token of a device from the centre config.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key of another system, mck_<id>_<secret> (motcua apikey create, or the admin screen): /api/v1 only.' },
      },
      schemas: {
        Failure: {
          type: 'object',
          required: ['ok', 'error'],
          properties: {
            ok: { const: false },
            error: { type: 'object', required: ['kind', 'message'], properties: { kind: { enum: [...ERROR_KINDS] }, message: { type: 'string' } } },
          },
        },
      },
    },
  };
}
