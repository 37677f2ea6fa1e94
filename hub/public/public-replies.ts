import type { FastifyReply } from 'fastify';
import { PHONE_HEADERS, type PhonePages } from './phone-pages';

/** A page's words: title, Vietnamese, English. */
export type PageWords = readonly [title: string, vi: string, en: string];

const TOO_MANY: PageWords = ['Quá nhiều yêu cầu', 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.', 'Too many requests. Please try again in a few minutes.'];

/** The answers of the public pages, each with the same headers (CSP with the stylesheet's hash, no referrer, noindex, not cached). */
export function publicReplies(pages: PhonePages) {
  const headers = () => ({ ...PHONE_HEADERS, 'content-security-policy': pages.csp() });
  const html = (reply: FastifyReply, status: number, body: string, extra: Record<string, string> = {}) =>
    reply.code(status).headers({ ...headers(), 'cache-control': 'no-store', ...extra }).type('text/html; charset=utf-8').send(body);
  const message = (reply: FastifyReply, status: number, [title, vi, en]: PageWords, extra: Record<string, string> = {}) => html(reply, status, pages.message(title, vi, en), extra);
  const tooMany = (reply: FastifyReply, retryAfterMs: number) => message(reply, 429, TOO_MANY, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
  return { headers, html, message, tooMany };
}
