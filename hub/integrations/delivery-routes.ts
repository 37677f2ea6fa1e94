import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DeviceInfo } from '../../core/devices';
import { DELIVERY_STATES, DeliveryLogSchema, DeliverySchema, type Delivery } from '../../core/integrations/outbound-events';
import { err, ok, type AppError, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import type { Async } from '../store/async-of';
import type { OutboxRepository, OutboxRow } from './outbox-repository';
import type { WebhookSubscription } from './outbox-settings';

export interface DeliveryRouteDeps {
  readonly repo: Async<OutboxRepository>;
  readonly subscriptions: readonly WebhookSubscription[];
  readonly portalConfigured: boolean;
  readonly clock: () => Date;
  /** After a re-queue: wake the worker. */
  readonly kick: () => void;
  readonly authenticate: (req: FastifyRequest) => Promise<DeviceInfo | null>;
  readonly adminSession: (req: FastifyRequest, device: DeviceInfo) => Promise<AppError | null>;
  readonly send: <T>(reply: FastifyReply, result: Result<T>) => FastifyReply;
}

const ListQuerySchema = z.strictObject({
  state: z.enum(DELIVERY_STATES).optional(),
  target: z.string().min(1).max(60).optional(),
  subject: z.string().min(1).max(60).optional(),
  eventType: z.string().min(1).max(60).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const IdParamSchema = z.object({ id: z.coerce.number().int().positive() });

/** The log shows no payload: it may name a dossier's applicant (the portal's copy does). */
const view = (r: OutboxRow): Delivery => ({
  id: r.id,
  target: r.target,
  eventId: r.eventId,
  eventType: r.eventType,
  subject: r.subject,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.createdAt,
  nextAttemptAt: r.nextAttemptAt,
  lastAttemptAt: r.lastAttemptAt,
  lastError: r.lastError,
  deliveredAt: r.deliveredAt,
});

/**
 * GET /api/admin/deliveries (filters: state, target, subject, eventType; paging: before, limit)
 * and POST /api/admin/deliveries/:id/resend ("Gửi lại"): the admin's delivery log. Admin device,
 * with its administrator signed in.
 */
export function registerDeliveryRoutes(app: FastifyInstance, deps: DeliveryRouteDeps): void {
  const admit = async (req: FastifyRequest): Promise<Result<DeviceInfo>> => {
    const device = await deps.authenticate(req);
    if (!device) return err('unauthorized', 'Thiếu hoặc sai mã thiết bị: gửi "Authorization: Bearer <token>" (send the device token).');
    if (device.role !== 'admin') return err('forbidden', 'Chỉ máy quản trị xem được nhật ký gửi dữ liệu ra ngoài (only the admin role).');
    const signedOut = await deps.adminSession(req, device);
    return signedOut ? err(signedOut.kind, signedOut.message) : ok(device);
  };

  app.get('/api/admin/deliveries', async (req, reply) => {
    const device = await admit(req);
    if (!device.ok) return deps.send(reply, device);
    const query = ListQuerySchema.safeParse(req.query ?? {});
    if (!query.success) return deps.send(reply, err('invalid-input', `Bộ lọc không hợp lệ: ${describeIssues('deliveries', query.error).replaceAll('\n', '; ')}`));
    const { before, ...filter } = query.data;
    const deliveries = (await deps.repo.list({ ...filter, ...(before !== undefined ? { beforeId: before } : {}) })).map(view);
    const subscriptions = await Promise.all(deps.subscriptions.map(async (s) => ({ id: s.id, system: s.system, url: s.url, events: s.events, disabled: await deps.repo.disabledReason(s.id) })));
    return deps.send(reply, ok({ deliveries, subscriptions, portalConfigured: deps.portalConfigured }));
  });

  app.post('/api/admin/deliveries/:id/resend', async (req, reply) => {
    const device = await admit(req);
    if (!device.ok) return deps.send(reply, device);
    const params = IdParamSchema.safeParse(req.params);
    if (!params.success) return deps.send(reply, err('invalid-input', 'Mã lần gửi phải là số nguyên dương.'));
    const row = await deps.repo.byId(params.data.id);
    if (!row) return deps.send(reply, err('not-found', `Không có lần gửi số ${params.data.id}.`));
    if (row.state === 'pending' && row.attempts === 0) return deps.send(reply, err('conflict', `Lần gửi số ${row.id} đang chờ gửi lần đầu: không cần gửi lại.`));
    const subscriptionId = row.target.startsWith('webhook:') ? row.target.slice('webhook:'.length) : null;
    const requeued = await deps.repo.requeue(row.id, deps.clock(), subscriptionId);
    deps.kick();
    return deps.send(reply, ok({ delivery: view(requeued!) }));
  });
}

/** The two routes in the OpenAPI document. */
export function deliveryOpenApiPaths(resultSchema: (value: z.ZodType) => unknown, security: unknown): Record<string, unknown> {
  const refused = { description: 'Refused; nothing changed', content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } };
  const query = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', required: false, schema, description });
  return {
    '/api/admin/deliveries': {
      get: {
        operationId: 'adminDeliveries',
        summary: 'The outbox of deliveries to webhooks and the national portal, newest first, with the webhook subscriptions (admin device; its administrator signed in). No payloads.',
        security,
        parameters: [
          query('state', { type: 'string', enum: [...DELIVERY_STATES] }, 'Only rows in this state'),
          query('target', { type: 'string' }, '"dvcqg" or "webhook:<subscription id>"'),
          query('subject', { type: 'string' }, 'A dossier code, or "ticket:<id>"'),
          query('eventType', { type: 'string' }, 'e.g. dossier.received, DongBoHoSoMC'),
          query('before', { type: 'integer' }, 'Rows with a smaller id (paging back)'),
          query('limit', { type: 'integer', minimum: 1, maximum: 500, default: 100 }, 'At most this many rows'),
        ],
        responses: { '200': { description: 'The log', content: { 'application/json': { schema: resultSchema(DeliveryLogSchema) } } }, '400': refused, '401': refused, '403': refused },
      },
    },
    '/api/admin/deliveries/{id}/resend': {
      post: {
        operationId: 'adminResendDelivery',
        summary: '"Gửi lại": the delivery starts over now (attempts 0); a webhook subscription a 410 switched off is switched on again',
        security,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: 'Re-queued', content: { 'application/json': { schema: resultSchema(z.object({ delivery: DeliverySchema })) } } }, '400': refused, '401': refused, '403': refused, '404': refused, '409': refused },
      },
    },
  };
}
