import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DeviceInfo } from '../../core/devices';
import { err, ok, type AppError, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import type { AdminAccounts } from './admin-accounts';
import type { AdminSessions } from './admin-sessions';

/** The header an admin device sends its administrator's session token in (the device's own token stays in Authorization). */
export const ADMIN_SESSION_HEADER = 'x-admin-session';

const SignInSchema = z.strictObject({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) });

export interface AdminRouteDeps {
  readonly accounts: AdminAccounts;
  readonly sessions: AdminSessions;
  /** The device of the request's bearer token, or null. */
  readonly authenticate: (req: FastifyRequest) => Promise<DeviceInfo | null>;
  readonly send: <T>(reply: FastifyReply, result: Result<T>) => FastifyReply;
}

const sessionToken = (req: FastifyRequest): string | null => {
  const h = req.headers[ADMIN_SESSION_HEADER];
  return typeof h === 'string' && h.length > 0 && h.length <= 100 ? h : null;
};

/**
 * What the admin's routes and commands ask beyond the admin device: once the centre has an
 * administrator account, a live session of one at that device. A centre with no account yet
 * (before `motcua admin add`) runs as before, the device token being the admin's credential.
 */
export async function adminSessionProblem(deps: Pick<AdminRouteDeps, 'accounts' | 'sessions'>, req: FastifyRequest, device: DeviceInfo): Promise<AppError | null> {
  if (device.role !== 'admin' || !(await deps.accounts.any())) return null;
  const token = sessionToken(req);
  if (!token) return { kind: 'unauthorized', message: 'Cần đăng nhập quản trị (an administrator must sign in).' };
  const session = await deps.sessions.resolve(device.id, token);
  return session.ok ? null : session.error;
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
    return deps.send(reply, await deps.sessions.signIn(device.value.id, body.data.username, body.data.password));
  });

  app.get('/api/admin/session', async (req, reply) => {
    const device = await adminDevice(req);
    if (!device.ok) return deps.send(reply, device);
    // Whether this centre asks for an administrator at all, and the caller's session if it is live.
    const token = sessionToken(req);
    const session = token ? await deps.sessions.resolve(device.value.id, token) : null;
    return deps.send(reply, ok({ required: await deps.accounts.any(), session: session?.ok ? session.value : null }));
  });

  app.post('/api/admin/sign-out', async (req, reply) => {
    const device = await adminDevice(req);
    if (!device.ok) return deps.send(reply, device);
    const token = sessionToken(req);
    if (token) await deps.sessions.signOut(token);
    return deps.send(reply, ok({ signedOut: true }));
  });
}

/** The three routes in the OpenAPI document. */
export function adminOpenApiPaths(resultSchema: (value: z.ZodType) => unknown, security: unknown): Record<string, unknown> {
  const refused = { description: 'Refused; nothing changed', content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } };
  const session = { name: ADMIN_SESSION_HEADER, in: 'header', required: false, schema: { type: 'string' }, description: 'The token POST /api/admin/sign-in answered' };
  const state = z.object({ required: z.boolean(), session: z.object({ username: z.string(), deviceId: z.string(), expiresAt: z.string() }).nullable() });
  return {
    '/api/admin/sign-in': {
      post: {
        operationId: 'adminSignIn',
        summary: 'An administrator signs in at this admin device; answers a session token (30 min idle, 12 h at most). 5 wrong passwords lock the account 15 minutes (403 forbidden, even for the right one).',
        security,
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(SignInSchema) } } },
        responses: { '200': { description: 'Signed in', content: { 'application/json': { schema: resultSchema(z.object({ token: z.string(), username: z.string(), deviceId: z.string(), expiresAt: z.string() })) } } }, '400': refused, '401': refused, '403': refused },
      },
    },
    '/api/admin/session': {
      get: { operationId: 'adminSession', summary: 'Whether the centre asks for an administrator, and the live session of the token sent, if any', security, parameters: [session], responses: { '200': { description: 'State', content: { 'application/json': { schema: resultSchema(state) } } }, '401': refused, '403': refused } },
    },
    '/api/admin/sign-out': {
      post: { operationId: 'adminSignOut', summary: 'Ends the session of the token sent', security, parameters: [session], responses: { '200': { description: 'Signed out' }, '401': refused, '403': refused } },
    },
  };
}
