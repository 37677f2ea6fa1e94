import type { FastifyInstance, FastifyRequest } from 'fastify';
import { carriesSecret, LAUNCH_CONTROL_PATH } from './launch-control';
import type { LaunchCodes } from './launch-codes';
import { readCookie, sessionCookie } from './launch-cookie';
import { LAUNCH_REFUSAL_CSP, launchRefusalPage } from './launch-refusal-page';
import type { LaunchSessions } from './launch-sessions';

export interface LaunchRoutesOptions {
  readonly codes: LaunchCodes;
  readonly sessions: LaunchSessions;
  /** The session cookie's name (it carries the port, known once listening). */
  readonly cookieName: () => string;
  /** Where a launch lands: the page's clean address, path and query (`/` or `/?voice=…`). */
  readonly pagePath: string;
  /** A fresh launch address (for the control route). */
  readonly launchUrl: () => string;
  /** The control route's secret (null until written); absent: no control route. */
  readonly controlSecret?: () => string | null;
}

/** The path of a launch address: `/launch/<code>`. */
export function launchPath(code: string): string {
  return `/launch/${code}`;
}

/**
 * `GET /launch/<code>`: a valid code becomes a session cookie and a 303 to the page's clean
 * address, so the code leaves the address bar (and history) at once; any other code gets a page
 * saying so (410 used or expired, 401 unknown), never the app. `POST /launch-codes`: a new
 * launch address for `motcua launch-code` (loopback, bearer secret from the control file).
 */
export function registerLaunchRoutes(app: FastifyInstance, o: LaunchRoutesOptions): void {
  app.get<{ Params: { code: string } }>('/launch/:code', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const redemption = o.codes.redeem(req.params.code);
    if (redemption === 'ok') {
      return reply.code(303).header('set-cookie', sessionCookie(o.cookieName(), o.sessions.open())).header('location', o.pagePath).send();
    }
    // The same browser reopening its own launch address (from its history): it is signed in already.
    if (o.sessions.touch(readCookie(req.headers.cookie, o.cookieName()))) return reply.code(303).header('location', o.pagePath).send();
    return reply
      .code(redemption === 'unknown' ? 401 : 410)
      .header('content-security-policy', LAUNCH_REFUSAL_CSP)
      .type('text/html; charset=utf-8')
      .send(launchRefusalPage());
  });

  const secretOf = o.controlSecret;
  if (secretOf === undefined) return;
  app.post(LAUNCH_CONTROL_PATH, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const secret = secretOf();
    if (secret === null || !isLoopback(req) || !carriesSecret(req.headers.authorization, secret)) {
      return reply.code(401).send({ ok: false, error: { kind: 'unauthorized', message: 'Cần mã điều khiển của máy trạm (chạy lệnh trên chính máy trạm).' } });
    }
    return reply.send({ ok: true, value: { launchUrl: o.launchUrl() } });
  });
}

function isLoopback(req: FastifyRequest): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}
