import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PublicRatingSchema, type Rating } from '../../core/protocol/rating-commands';
import { err, type Result } from '../../core/result';
import { httpStatus } from '../http-api';
import { RateWindow } from '../../core/public/rate-window';
import { ticketPageExpired } from '../../core/public/ticket-view';
import { serviceDay } from '../../core/queue/numbering';
import type { PhoneFeed } from './phone-feed';
import type { PhoneLimits } from './phone-limits';
import type { PhonePages } from './phone-pages';
import type { PublicGuard } from './public-guard';
import { publicReplies, type PageWords } from './public-replies';
import type { TicketTokens, TokenTicket } from './ticket-tokens';

export interface PhoneRoutesOptions {
  readonly tokens: TicketTokens;
  readonly feed: PhoneFeed;
  readonly pages: PhonePages;
  readonly limits: PhoneLimits;
  /** The budgets shared with the other public pages (hub/public/public-guard.ts). */
  readonly guard: PublicGuard;
  readonly timeZone: string;
  readonly clock: () => Date;
  /** "Nhắc tôi khi còn N người" (absent: the route answers not-found). */
  readonly reminders?: { register(ticket: TokenTicket, body: unknown, at: Date): Promise<Result<{ readonly remaining: number }>> };
  /** The rating of the token's ticket (the rating service's rules), recorded as from the phone. */
  readonly rate?: (ticketId: number, input: { readonly rating: 1 | 2 | 3 | 4; readonly comment?: string | undefined }, at: Date) => Promise<Result<Rating>>;
}

const NOT_FOUND: PageWords = [
  'Không tìm thấy vé',
  'Không có vé nào ứng với đường dẫn này. Vui lòng quét lại mã trên vé của bạn. Vé vừa phát khi ki-ốt mất kết nối sẽ theo dõi được sau khi ki-ốt kết nối lại.',
  'Ticket not found. Please scan the code on your ticket again. A ticket issued while the kiosk was offline can be followed once the kiosk is back online.',
];
const EXPIRED: PageWords = ['Vé đã hết hạn', 'Vé này chỉ có hiệu lực trong ngày lấy số, và ngày đó đã kết thúc.', 'This ticket has expired: it was valid only on the day it was issued.'];
const NOT_BUILT: PageWords = ['Trang chưa sẵn sàng', 'Trang theo dõi lượt chưa được cài đặt trên máy chủ (npm run build).', 'The ticket page is not built on this server.'];

/**
 * The citizen's ticket page: GET /t/:token (the page), GET /t/:token/events (its live stream),
 * GET /t/assets/:file. Only the token finds a ticket; an unknown token and an expired one cost
 * the same lookup (one probe by hash) and answer a page each. Budgets per address and per token,
 * a tighter one for tokens that find nothing (enumeration), streams capped per address and token.
 */
export function registerPhoneRoutes(app: FastifyInstance, o: PhoneRoutesOptions): void {
  const { headers, html, message, tooMany } = publicReplies(o.pages);

  /** Budgets, then the lookup: the ticket, or the answer already sent. */
  async function ticketOf(req: FastifyRequest, reply: FastifyReply): Promise<TokenTicket | null> {
    const token = (req.params as { token: string }).token;
    const admitted = o.guard.admit(req.ip, token);
    if (!admitted.ok) return (await tooMany(reply, admitted.retryAfterMs), null);
    // Always the same probe, whatever the token looks like: no shortcut that times differently.
    const ticket = await o.tokens.find(token);
    if (!ticket) {
      o.guard.miss(req.ip);
      return (await message(reply, 404, NOT_FOUND), null);
    }
    if (ticketPageExpired(ticket.day, serviceDay(o.clock(), o.timeZone))) return (await message(reply, 410, EXPIRED), null);
    return ticket;
  }

  const actionsPerAddress = new RateWindow(o.limits.actionsPerAddress);
  const actionsPerToken = new RateWindow(o.limits.actionsPerToken);
  const json = (reply: FastifyReply, result: Result<unknown>, status = result.ok ? 200 : httpStatus(result.error.kind)) =>
    reply
      .code(status)
      .headers({ ...headers(), 'cache-control': 'no-store' })
      .type('application/json; charset=utf-8')
      .send(result);
  /** A write from the page: the read budgets, then its own tighter ones, then the lookup. JSON answers. */
  async function actionTicket(req: FastifyRequest, reply: FastifyReply): Promise<TokenTicket | null> {
    const at = o.clock().getTime();
    const token = (req.params as { token: string }).token;
    const a = actionsPerAddress.take(req.ip, at);
    const t = a.ok ? actionsPerToken.take(token, at) : a;
    if (!t.ok) {
      await json(reply.header('retry-after', String(Math.max(1, Math.ceil(t.retryAfterMs / 1000)))), err('exhausted', 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút (too many requests).'), 429);
      return null;
    }
    return ticketOf(req, reply);
  }

  app.post('/t/:token/remind', async (req, reply) => {
    const ticket = await actionTicket(req, reply);
    if (!ticket) return reply;
    if (!o.reminders) return json(reply, err('not-found', 'Trung tâm chưa cấu hình gửi tin nhắn: không đặt lời nhắc được.'));
    const result = await o.reminders.register(ticket, req.body, o.clock());
    if (result.ok) o.feed.followUpChanged(ticket.id).catch(() => undefined);
    return json(reply, result);
  });

  app.post('/t/:token/rate', async (req, reply) => {
    const ticket = await actionTicket(req, reply);
    if (!ticket) return reply;
    if (!o.rate) return json(reply, err('not-found', 'Không đánh giá được trên trang này.'));
    const parsed = PublicRatingSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const comment = issue?.path[0] === 'comment';
      return json(reply, err('invalid-input', comment ? (issue?.message ?? 'Góp ý không hợp lệ.') : 'Chọn một mức đánh giá từ 1 (Không hài lòng) đến 4 (Rất hài lòng).'));
    }
    const result = await o.rate(ticket.id, parsed.data, o.clock());
    if (result.ok) o.feed.followUpChanged(ticket.id).catch(() => undefined);
    return json(reply, result);
  });

  app.get('/t/assets/:file', async (req, reply) => {
    const a = o.guard.address(req.ip);
    if (!a.ok) return tooMany(reply, a.retryAfterMs);
    const asset = o.pages.asset((req.params as { file: string }).file);
    if (!asset) return message(reply, 404, NOT_FOUND);
    // Hashed names: a file's content never changes under its name.
    return reply.headers({ ...headers(), 'cache-control': 'public, max-age=31536000, immutable' }).type(asset.type).send(asset.body);
  });

  app.get('/t/:token', async (req, reply) => {
    const ticket = await ticketOf(req, reply);
    if (!ticket) return reply;
    const page = o.pages.page();
    if (!page) return message(reply, 503, NOT_BUILT);
    return html(reply, 200, page);
  });

  app.get('/t/:token/events', async (req, reply) => {
    const ticket = await ticketOf(req, reply);
    if (!ticket) return reply;
    reply.hijack();
    for (const [k, v] of Object.entries(headers())) reply.raw.setHeader(k, v);
    const refused = await o.feed.open(ticket, req.ip, reply.raw);
    if (refused) {
      const [status, text] = {
        'streams-per-address': [429, 'Quá nhiều kết nối từ địa chỉ này (too many streams from this address).'],
        'streams-per-token': [429, 'Vé này đang được theo dõi trên quá nhiều thiết bị (too many streams for this ticket).'],
        'streams-total': [503, 'Máy chủ đang phục vụ quá nhiều người theo dõi, vui lòng thử lại sau (too many streams on this server).'],
      }[refused] as [number, string];
      reply.raw.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' });
      reply.raw.end(text);
    }
    return reply;
  });
}
