import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';
import { adminAsset } from './admin-page';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, resolveRendererFile } from './security';

/** Must run before `app` is ready: makes `app://` a standard, secure origin with fetch support. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/**
 * Serves the renderer build (and the display's voice clips under /voice/), and nothing else, under `app://motcua/`. The CSP travels as a
 * response header so it covers every document the scheme serves, not only pages that carry a
 * meta tag.
 */
export function serveRenderer(session: Session, rendererDir: string, voiceDir?: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const admin = isAppUrl(request.url) ? adminAsset(new URL(request.url).pathname) : null;
    if (admin !== null) return page(admin.type, admin.body);
    const file = resolveRendererFile(rendererDir, request.url, voiceDir);
    if (file === null) return plain(404, 'Not found');
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return plain(404, 'Not found');
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Cache-Control', 'no-cache');
    return new Response(response.body, { status: response.status, headers });
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}

function page(type: string, body: string): Response {
  return new Response(body, {
    headers: { 'Content-Type': type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' },
  });
}
