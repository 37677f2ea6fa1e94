import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { BookInputSchema, CodeInputSchema, HoldInputSchema, HoldTokenSchema, MoveInputSchema } from '../../core/booking/booking-api';
import { normaliseCccd } from '../../core/booking/booking-identity';
import type { BookingError, BookingErrorKind } from '../../core/booking/booking-refusals';
import { normaliseVnPhone } from '../../core/booking/vn-phone';
import { DateSchema } from '../../core/appointments/appointments';
import { IdSchema } from '../../core/queue/types';
import { RateWindow, type RateDecision } from '../../core/public/rate-window';
import { PHONE_HEADERS, type PhonePages } from '../public/phone-pages';
import type { BookingLimits } from './booking-limits';
import type { BookingService, Outcome } from './booking-service';
import { identityHash } from './identity-hash';

export interface BookingRoutesOptions {
  readonly booking: BookingService;
  readonly pages: PhonePages;
  readonly limits: BookingLimits;
  readonly clock: () => Date;
}

/** HTTP status of each refusal: what the page and any client see before reading the kind. */
const STATUS: Readonly<Record<BookingErrorKind, number>> = {
  'invalid-input': 400,
  'not-offered': 404,
  'not-found': 404,
  'slot-full': 409,
  'day-full': 409,
  'cap-reached': 409,
  'person-limit': 409,
  'hold-expired': 409,
  'slot-past': 409,
  'closed-day': 409,
  'not-changeable': 409,
  'rate-limited': 429,
};

const NOT_BUILT = ['Trang chưa sẵn sàng', 'Trang đặt lịch chưa được cài đặt trên máy chủ (npm run build).', 'The booking page is not built on this server.'] as const;
const TOO_MANY = ['Quá nhiều yêu cầu', 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.', 'Too many requests. Please try again in a few minutes.'] as const;
const NOT_FOUND = ['Không tìm thấy', 'Không có trang này.', 'Page not found.'] as const;
/** A public JSON body is small: a name, a phone number, a code. */
const BODY_LIMIT = 4096;

/**
 * The public booking page and its JSON API (issue 15), all under /dat-lich: GET /dat-lich (the
 * page), /dat-lich/assets/:file, and /dat-lich/api/… Budgets per address, tighter ones for what
 * takes or changes something, per identity (phone / CCCD) and per booking code: past them a typed
 * 429 with Retry-After. The same headers and CSP as the ticket page; answers never cached.
 */
export function registerBookingRoutes(app: FastifyInstance, o: BookingRoutesOptions): void {
  const perAddress = new RateWindow(o.limits.perAddress);
  const writes = new RateWindow(o.limits.writesPerAddress);
  const perIdentity = new RateWindow(o.limits.perIdentity);
  const perCode = new RateWindow(o.limits.perCode);
  const now = () => o.clock().getTime();
  const headers = () => ({ ...PHONE_HEADERS, 'content-security-policy': o.pages.csp(), 'cache-control': 'no-store' });

  const refuse = (reply: FastifyReply, error: BookingError, extra: Record<string, string> = {}) =>
    reply.code(STATUS[error.kind]).headers({ ...headers(), ...extra }).send({ ok: false, error });
  const tooMany = (reply: FastifyReply, d: Extract<RateDecision, { ok: false }>) => {
    const seconds = Math.max(1, Math.ceil(d.retryAfterMs / 1000));
    return refuse(reply, { kind: 'rate-limited', message: `Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ${seconds > 90 ? `${Math.ceil(seconds / 60)} phút` : `${seconds} giây`}.` }, { 'retry-after': String(seconds) });
  };
  const answer = <T>(reply: FastifyReply, outcome: Outcome<T>) => (outcome.ok ? reply.code(200).headers(headers()).send(outcome) : refuse(reply, outcome.error));
  const html = (reply: FastifyReply, status: number, body: string, extra: Record<string, string> = {}) => reply.code(status).headers({ ...headers(), ...extra }).type('text/html; charset=utf-8').send(body);
  const message = (reply: FastifyReply, status: number, [title, vi, en]: readonly [string, string, string], extra: Record<string, string> = {}) => html(reply, status, o.pages.message(title, vi, en), extra);

  /** Takes from each budget in turn; the first spent one answers 429 (true: the request may go on). */
  const budgets = (reply: FastifyReply, takes: readonly (() => RateDecision)[]): boolean => {
    for (const take of takes) {
      const d = take();
      if (!d.ok) {
        void tooMany(reply, d);
        return false;
      }
    }
    return true;
  };
  const parse = <S extends z.ZodType>(reply: FastifyReply, schema: S, value: unknown): z.infer<S> | null => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    void refuse(reply, { kind: 'invalid-input', field: issue?.path.join('.') || undefined, message: `Thông tin không hợp lệ: ${issue?.path.join('.') || 'yêu cầu'} — ${issue?.message ?? ''}`.trim() });
    return null;
  };
  // The identity a request names, as the hash the limit is keyed by (no phone number kept in memory).
  const identityKeys = (phone: string, cccd?: string): string[] => {
    const keys = [`p:${identityHash('phone', normaliseVnPhone(phone) ?? phone.replace(/\D/g, ''))}`];
    const c = cccd ? normaliseCccd(cccd) : null;
    if (c) keys.push(`c:${identityHash('cccd', c)}`);
    return keys;
  };
  const codeKey = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
  const address = (req: FastifyRequest) => () => perAddress.take(req.ip, now());
  const write = (req: FastifyRequest) => () => writes.take(req.ip, now());

  /** The page and its files answer a spent budget with a page, not JSON. */
  const pageBudget = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const d = perAddress.take(req.ip, now());
    if (!d.ok) void message(reply, 429, TOO_MANY, { 'retry-after': String(Math.max(1, Math.ceil(d.retryAfterMs / 1000))) });
    return d.ok;
  };

  app.get('/dat-lich', async (req, reply) => {
    if (!pageBudget(req, reply)) return reply;
    const page = o.pages.page();
    if (!page) return message(reply, 503, NOT_BUILT);
    return html(reply, 200, page);
  });
  // Relative, so a front's path prefix stays: "/c/<centre>/dat-lich/" → "/c/<centre>/dat-lich".
  app.get('/dat-lich/', async (_req, reply) => reply.redirect('../dat-lich', 301));

  app.get('/dat-lich/assets/:file', async (req, reply) => {
    if (!pageBudget(req, reply)) return reply;
    const asset = o.pages.asset((req.params as { file: string }).file);
    if (!asset) return message(reply, 404, NOT_FOUND);
    return reply.headers({ ...headers(), 'cache-control': 'public, max-age=31536000, immutable' }).type(asset.type).send(asset.body);
  });

  app.get('/dat-lich/api/catalogue', async (req, reply) => {
    if (!budgets(reply, [address(req)])) return reply;
    return answer(reply, o.booking.catalogue());
  });

  app.get('/dat-lich/api/slots', async (req, reply) => {
    if (!budgets(reply, [address(req)])) return reply;
    const q = parse(reply, IdSchema, (req.query as { serviceId?: unknown }).serviceId);
    if (q === null) return reply;
    const date = parse(reply, DateSchema, (req.query as { date?: unknown }).date);
    if (date === null) return reply;
    return answer(reply, await o.booking.slots(q, date));
  });

  app.post('/dat-lich/api/holds', { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    if (!budgets(reply, [address(req), write(req)])) return reply;
    const input = parse(reply, HoldInputSchema, req.body);
    if (!input) return reply;
    return answer(reply, await o.booking.hold(input));
  });

  app.post('/dat-lich/api/holds/release', { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    if (!budgets(reply, [address(req)])) return reply;
    const input = parse(reply, HoldTokenSchema, (req.body as { hold?: unknown } | null)?.hold);
    if (!input) return reply;
    return answer(reply, await o.booking.release(input));
  });

  app.post('/dat-lich/api/bookings', { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    if (!budgets(reply, [address(req), write(req)])) return reply;
    const input = parse(reply, BookInputSchema, req.body);
    if (!input) return reply;
    if (!budgets(reply, identityKeys(input.phone, input.cccd).map((k) => () => perIdentity.take(k, now())))) return reply;
    return answer(reply, await o.booking.book(input));
  });

  const byCode = (path: string, act: (input: z.infer<typeof CodeInputSchema>, body: unknown) => Promise<Outcome<unknown>> | null, schema: z.ZodType<z.infer<typeof CodeInputSchema>> = CodeInputSchema) =>
    app.post(path, { bodyLimit: BODY_LIMIT }, async (req, reply) => {
      if (!budgets(reply, [address(req), write(req)])) return reply;
      const input = parse(reply, schema, req.body);
      if (!input) return reply;
      if (!budgets(reply, [() => perCode.take(codeKey(input.code), now()), ...identityKeys(input.phone).map((k) => () => perIdentity.take(k, now()))])) return reply;
      const outcome = act(input, req.body);
      return outcome ? answer(reply, await outcome) : reply;
    });
  byCode('/dat-lich/api/bookings/find', (input) => o.booking.find(input));
  byCode('/dat-lich/api/bookings/cancel', (input) => o.booking.cancel(input));
  byCode('/dat-lich/api/bookings/move', (_input, body) => o.booking.move(MoveInputSchema.parse(body)), MoveInputSchema);
}
