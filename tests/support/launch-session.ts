/** A browser session on a terminal agent's screen server, as a launch opened it: its origin and the `Cookie` header to send. */
export interface LaunchedSession {
  readonly origin: string;
  readonly cookie: string;
  /** Where the launch redirected to (the page's clean address, path and query). */
  readonly location: string;
  /** The Set-Cookie header as sent (for asserting its flags). */
  readonly setCookie: string;
}

/**
 * What a browser does with a launch address (main/agent/launch-routes.ts), for Node clients:
 * opens it once, keeps the session cookie, does not follow the redirect. Throws, naming the
 * status, when the agent refuses the code.
 */
export async function openLaunch(launchUrl: string): Promise<LaunchedSession> {
  const response = await fetch(launchUrl, { redirect: 'manual' });
  const setCookie = response.headers.get('set-cookie');
  if (response.status !== 303 || setCookie === null) throw new Error(`launch refused (HTTP ${response.status})`);
  return { origin: new URL(launchUrl).origin, cookie: setCookie.split(';')[0]!, location: response.headers.get('location') ?? '', setCookie };
}
