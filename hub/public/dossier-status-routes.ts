import type { FastifyInstance } from 'fastify';
import { formatLocalDateTime, vietnamWallTime } from '../../core/calendar/local-time';
import type { DossierPublicView } from '../../core/dossiers/dossier';
import { dossierStatusBody, dueWords } from './dossier-status-page';
import type { PhonePages } from './phone-pages';
import type { PublicGuard } from './public-guard';
import { publicReplies, type PageWords } from './public-replies';

export interface DossierStatusRoutesOptions {
  /** The dossier a token opens (by its hash only), as the kiosk lookup shows it; null when none. */
  readonly find: (token: string, now: Date) => Promise<DossierPublicView | null>;
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
 * probes once, whatever its shape. The page is drawn here, with no script: reloading it shows the
 * dossier's status as the back office last moved it.
 */
export function registerDossierStatusRoutes(app: FastifyInstance, o: DossierStatusRoutesOptions): void {
  const { html, message, tooMany } = publicReplies(o.pages);

  app.get('/hs/:token', async (req, reply) => {
    const token = (req.params as { token: string }).token;
    const admitted = o.guard.admit(req.ip, token);
    if (!admitted.ok) return tooMany(reply, admitted.retryAfterMs);
    const now = o.clock();
    const dossier = await o.find(token, now);
    if (!dossier) {
      o.guard.miss(req.ip);
      return message(reply, 404, NOT_FOUND);
    }
    return html(reply, 200, o.pages.document(`Hồ sơ ${dossier.code}`, dossierStatusBody(dossier, dueWords(formatLocalDateTime(vietnamWallTime(now))))));
  });
}
