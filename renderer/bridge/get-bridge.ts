import type { Bridge } from '../../core/protocol/bridge';
import { lazyLink } from './lazy-link';
import { checkedBridge, type TerminalLink } from './terminal-link';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge.exposeInMainWorld('motcua', …)). */
    readonly motcua?: Bridge;
  }
}

/** Query parameters that must never stay in the address bar (a launch code, an old-style token). */
const SECRET_PARAMS = ['launch', 'token'] as const;

/**
 * A belt to the agent's braces: the agent trades a launch code for a cookie and redirects to the
 * clean address, so nothing secret should reach the page's URL — if something did, it leaves the
 * address bar (and this tab's history entry) before anything else runs.
 */
export function scrubAddress(win: Window = window): void {
  const url = new URL(win.location.href);
  const found = SECRET_PARAMS.filter((p) => url.searchParams.has(p));
  if (found.length === 0) return;
  for (const p of found) url.searchParams.delete(p);
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/**
 * Electron's preload bridge when there is one, otherwise the headless agent's Socket.IO bridge
 * (its client fetched on demand),
 * authenticated by the session cookie the agent set when the page was launched (HttpOnly: this
 * page never sees it, and a page opened without a launch is simply refused).
 */
export function openTerminalLink(win: Window = window): TerminalLink {
  const preload = win.motcua;
  if (preload !== undefined) {
    return { bridge: checkedBridge(preload), status: () => 'connected', onStatus: () => () => {}, close: () => {} };
  }
  scrubAddress(win);
  // Only a browser terminal needs the Socket.IO client: it is fetched here, never by an Electron window.
  const link = lazyLink(() => import('./socket-bridge').then((m) => m.createSocketLink({})));
  return { ...link, bridge: checkedBridge(link.bridge) };
}

/**
 * The address of a file the agent serves (a scanned page's preview, a dossier's PDF) given the
 * path the context or an answer carries (`/files/<kind>/<id>`): as it is — the browser's session
 * cookie authenticates it, and in Electron the app:// protocol serves the same path.
 */
export function fileUrl(filePath: string): string {
  return filePath;
}
