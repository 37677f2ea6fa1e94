import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DeviceInfo } from '../../core/devices';
import type { AdminScope } from '../../core/protocol/admin-session';
import { err, ok, type AppError, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import type { AdminAccounts } from './admin-accounts';
import type { AdminSession, AdminSessions } from './admin-sessions';

/** The header an admin device sends its administrator's session token in (the device's own token stays in Authorization). */
export const ADMIN_SESSION_HEADER = 'x-admin-session';

const SignInSchema = z.strictObject({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) });

/** The province administrators' accounts and sessions (hub/admin/province-admin.ts), on a province's hub. */
export interface ProvinceAdministrators {
  readonly accounts: AdminAccounts;
  readonly sessions: AdminSessions;
}

/** What a province administrator is told at a centre's admin routes. */
export const PROVINCE_ADMIN_ONLY = 'Quản trị viên cấp tỉnh chỉ xem được thống kê toàn tỉnh, không quản trị trung tâm này (a province administrator reads the province statistics only).';

export interface AdminRouteDeps {
  readonly accounts: AdminAccounts;
  readonly sessions: AdminSessions;
  /** The province's administrators (PostgreSQL), or null on a single centre's hub. */
  readonly province: ProvinceAdministrators | null;
  /** The device of the request's bearer token, or null. */
  readonly authenticate: (req: FastifyRequest) => Promise<DeviceInfo | null>;
  readonly send: <T>(reply: FastifyReply, result: Result<T>) => FastifyReply;
}

export const sessionToken = (req: FastifyRequest): string | null => {
  const h = req.headers[ADMIN_SESSION_HEADER];
  return typeof h === 'string' && h.length > 0 && h.length <= 100 ? h : null;
};

/**
 * What the admin's routes and commands ask beyond the admin device: once the centre has an
 * administrator account, a live session of one at that device. A centre with no account yet
 * (before `motcua admin add`) runs as before, the device token being the admin's credential.
 */
export async function adminSessionProblem(deps: Pick<AdminRouteDeps, 'accounts' | 'sessions' | 'province'>, req: FastifyRequest, device: DeviceInfo): Promise<AppError | null> {
  if (device.role !== 'admin' || !(await deps.accounts.any())) return null;
  const token = sessionToken(req);
  if (!token) return { kind: 'unauthorized', message: 'Cần đăng nhập quản trị (an administrator must sign in).' };
  const session = await deps.sessions.resolve(device.id, token);
  if (session.ok) return null;
  // A live session, but of a province administrator: who they are is known, and it is not theirs to administer.
  if (deps.province && (await deps.province.sessions.resolve(device.id, token)).ok) return { kind: 'forbidden', message: PROVINCE_ADMIN_ONLY };
  return session.error;
}

/** The live session of a token at a device, this centre's administrators first, then the province's; null when neither. */
export async function resolveAdminSession(deps: Pick<AdminRouteDeps, 'sessions' | 'province'>, deviceId: string, token: string): Promise<(AdminSession & { readonly scope: AdminScope }) | null> {
  const centre = await deps.sessions.resolve(deviceId, token);
  if (centre.ok) return { ...centre.value, scope: 'centre' };
  const province = deps.province ? await deps.province.sessions.resolve(deviceId, token) : null;
  return province?.ok ? { ...province.value, scope: 'province' } : null;
}

/** POST /api/admin/sign-in, POST /api/admin/sign-out, GET /api/admin/session (`{ required, session }`): an admin device's administrator. */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  const adminDevice = async (req: FastifyRequest): Promise<Result<DeviceInfo>> => {
    const device = await deps.authenticate(req);
    if (!device) return err('unauthorized', 'Thiếu hoặc sai mã thiết bị: gửi "Authorization: Bearer <token>" (send the device token).');
    if (device.role !== 'admin') return err('forbidden', 'Chỉ máy quản trị đăng nhập quản trị được (only an admin device).');
    return ok(device);
  };

  app.post('/api/admin/sign-in', async (req, reply) => {
    const device = await adminDevice(req);
    if (!device.ok) return deps.send(reply, device);
    const body = SignInSchema.safeParse(req.body);
    if (!body.success) return deps.send(reply, err('invalid-input', describeIssues('admin sign-in', body.error).replaceAll('\n', '; ')));
    // Usernames are unique across the province: a name that is no account of this centre but a province administrator's signs in as that.
    const { username, password } = body.data;
    const asProvince = deps.province !== null && !(await deps.accounts.exists(username)) && (await deps.province.accounts.exists(username));
    const signedIn = await (asProvince && deps.province ? deps.province.sessions : deps.sessions).signIn(device.value.id, username, password);
    return deps.send(reply, signedIn.ok ? ok({ ...signedIn.value, scope: asProvince ? 'province' : 'centre' }) : signedIn);
  });

  app.get('/api/admin/session', async (req, reply) => {
    const device = await adminDevice(req);
    if (!device.ok) return deps.send(reply, device);
    // Whether this centre asks for an administrator at all, and the caller's session if it is live.
    const token = sessionToken(req);
    const session = token ? await resolveAdminSession(deps, device.value.id, token) : null;
    return deps.send(reply, ok({ required: await deps.accounts.any(), province: deps.province !== null, session }));
  });

  app.post('/api/admin/sign-out', async (req, reply) => {
    const device = await adminDevice(req);
    if (!device.ok) return deps.send(reply, device);
    const token = sessionToken(req);
    if (token) {
      await deps.sessions.signOut(token);
      await deps.province?.sessions.signOut(token);
    }
    return deps.send(reply, ok({ signedOut: true }));
  });
}

/** The three routes in the OpenAPI document. */
export function adminOpenApiPaths(resultSchema: (value: z.ZodType) => unknown, security: unknown): Record<string, unknown> {
  const refused = { description: 'Refused; nothing changed', content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } };
  const session = { name: ADMIN_SESSION_HEADER, in: 'header', required: false, schema: { type: 'string' }, description: 'The token POST /api/admin/sign-in answered' };
  const scope = z.enum(['centre', 'province']);
  const state = z.object({ required: z.boolean(), province: z.boolean(), session: z.object({ username: z.string(), deviceId: z.string(), expiresAt: z.string(), scope }).nullable() });
  return {
    '/api/admin/sign-in': {
      post: {
        operationId: 'adminSignIn',
        summary: "An administrator signs in at this admin device; answers a session token (30 min idle, 12 h at most). 5 wrong passwords lock the account 15 minutes (403 forbidden, even for the right one). On a province's hub a province administrator signs in the same way (scope 'province': the province statistics only).",
        security,
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(SignInSchema) } } },
        responses: { '200': { description: 'Signed in', content: { 'application/json': { schema: resultSchema(z.object({ token: z.string(), username: z.string(), deviceId: z.string(), expiresAt: z.string(), scope })) } } }, '400': refused, '401': refused, '403': refused },
      },
    },
    '/api/admin/session': {
      get: { operationId: 'adminSession', summary: "Whether the centre asks for an administrator, whether this is a province's hub (province administrators may sign in), and the live session of the token sent, if any, with its scope", security, parameters: [session], responses: { '200': { description: 'State', content: { 'application/json': { schema: resultSchema(state) } } }, '401': refused, '403': refused } },
    },
    '/api/admin/sign-out': {
      post: { operationId: 'adminSignOut', summary: 'Ends the session of the token sent', security, parameters: [session], responses: { '200': { description: 'Signed out' }, '401': refused, '403': refused } },
    },
  };
}
