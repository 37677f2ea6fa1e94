import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatLocalDateTime, vietnamWallTime } from '../../core/calendar/local-time';
import type { DossierPublicView } from '../../core/dossiers/dossier';
import type { DossierFeed } from './dossier-feed';
import { DOSSIER_LIVE_SCRIPT } from './dossier-live-script';
import { dossierStatusBody, dueWords } from './dossier-status-page';
import type { PhonePages } from './phone-pages';
import type { PublicGuard } from './public-guard';
import { publicReplies, type PageWords } from './public-replies';

export interface DossierStatusRoutesOptions {
  /** The dossier a token opens (by its hash only), as the kiosk lookup shows it; null when none. */
  readonly find: (token: string, now: Date) => Promise<DossierPublicView | null>;
  /** The page's live stream (the ticket page's streams and limits). */
  readonly feed: DossierFeed;
  readonly pages: PhonePages;
  /** The budgets shared with the ticket page (/t/): per address, per token, tokens that find nothing. */
  readonly guard: PublicGuard;
  readonly clock: () => Date;
}

const NOT_FOUND: PageWords = [
  'Không tìm thấy hồ sơ',
  'Không có hồ sơ nào ứng với đường dẫn này. Vui lòng quét lại mã trên giấy tiếp nhận, hoặc tra cứu bằng mã hồ sơ tại ki-ốt. Hồ sơ vừa tiếp nhận khi quầy mất kết nối sẽ tra cứu được sau khi quầy kết nối lại.',
  'Dossier not found. Please scan the code on your receipt again, or look the dossier up by its code at a kiosk. A dossier received while the counter was offline can be followed once the counter is back online.',
];

/**
 * The Form 01 receipt's status page: GET /hs/:token. Same headers (CSP, no referrer, noindex, not
 * cached) and the same budgets as the ticket page; every lookup hashes what it was given and
 * probes once, whatever its shape. The page is drawn here; its one same-origin script follows
 * GET /hs/:token/events (Server-Sent Events on the ticket page's streams, same limits), so the
 * status changes on screen when the back office moves the dossier.
 */
export function registerDossierStatusRoutes(app: FastifyInstance, o: DossierStatusRoutesOptions): void {
  const { html, message, tooMany } = publicReplies(o.pages);

  const { headers } = publicReplies(o.pages);

  /** Budgets, then the lookup: the dossier, or the answer already sent. */
  async function dossierOf(req: FastifyRequest, reply: FastifyReply, now: Date): Promise<DossierPublicView | null> {
    const token = (req.params as { token: string }).token;
    const admitted = o.guard.admit(req.ip, token);
    if (!admitted.ok) return (await tooMany(reply, admitted.retryAfterMs), null);
    const dossier = await o.find(token, now);
    if (!dossier) {
      o.guard.miss(req.ip);
      return (await message(reply, 404, NOT_FOUND), null);
    }
    return dossier;
  }

  // The page names its script relatively ("assets/live.js" from "/hs/<token>"): under a front's path prefix it is the prefixed one.
  app.get('/hs/assets/live.js', async (req, reply) => {
    const a = o.guard.address(req.ip);
    if (!a.ok) return tooMany(reply, a.retryAfterMs);
    return reply.headers({ ...headers(), 'cache-control': 'no-cache' }).type('text/javascript; charset=utf-8').send(DOSSIER_LIVE_SCRIPT);
  });

  app.get('/hs/:token', async (req, reply) => {
    const now = o.clock();
    const dossier = await dossierOf(req, reply, now);
    if (!dossier) return reply;
    return html(reply, 200, o.pages.document(`Hồ sơ ${dossier.code}`, dossierStatusBody(dossier, dueWords(formatLocalDateTime(vietnamWallTime(now)))), 'assets/live.js'));
  });

  app.get('/hs/:token/events', async (req, reply) => {
    const dossier = await dossierOf(req, reply, o.clock());
    if (!dossier) return reply;
    reply.hijack();
    for (const [k, v] of Object.entries(headers())) reply.raw.setHeader(k, v);
    const refused = await o.feed.open(dossier.code, req.ip, reply.raw);
    if (refused) {
      reply.raw.writeHead(refused === 'streams-total' ? 503 : 429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' });
      reply.raw.end('Quá nhiều kết nối theo dõi (too many streams).');
    }
    return reply;
  });
}
