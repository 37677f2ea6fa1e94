/**
 * The screen server's session cookie. Cookies ignore ports, and one browser may hold the pages of
 * several agents on one host (the demo runs five on 127.0.0.1): the name carries the port, so
 * opening the counter does not sign the kiosk's tab out.
 */
export function sessionCookieName(port: number): string {
  return `motcua_screen_${port}`;
}

/**
 * The Set-Cookie value: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Path=/ and no Max-Age — it lasts as long as the browser session, the server's own
 * idle expiry decides before that.
 */
export function sessionCookie(name: string, id: string): string {
  return `${name}=${id}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of cookie `name` in a Cookie request header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
