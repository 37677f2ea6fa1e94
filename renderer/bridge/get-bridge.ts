import type { Bridge } from '../../core/protocol/bridge';
import { err } from '../../core/result';
import { createSocketLink } from './socket-bridge';
import { checkedBridge, type TerminalLink } from './terminal-link';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge.exposeInMainWorld('motcua', …)). */
    readonly motcua?: Bridge;
  }
}

const TOKEN_KEY = 'motcua.bridgeToken';

/**
 * The agent's per-start token: from `?token=` on first load (then kept for this tab and
 * removed from the address bar, so it is not left on screen or in bookmarks), else from
 * what this tab kept before a reload.
 */
export function takeToken(win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return win.sessionStorage.getItem(TOKEN_KEY);
}

/** A link that will never connect: the page was opened without a token. */
function refusedLink(): TerminalLink {
  return {
    bridge: { invoke: async () => err('unauthorized', 'Thiếu mã truy cập máy trạm.'), onContext: () => () => {}, onEvent: () => () => {} },
    status: () => 'unauthorized',
    onStatus: () => () => {},
    close: () => {},
  };
}

/** Electron's preload bridge when there is one, otherwise the headless agent's Socket.IO bridge. */
export function openTerminalLink(win: Window = window): TerminalLink {
  const preload = win.motcua;
  if (preload !== undefined) {
    return { bridge: checkedBridge(preload), status: () => 'connected', onStatus: () => () => {}, close: () => {} };
  }
  const token = takeToken(win);
  if (token === null) return refusedLink();
  const link = createSocketLink({ token });
  return { ...link, bridge: checkedBridge(link.bridge) };
}

/**
 * The address of a file the agent serves (a scanned page's preview, a dossier's PDF) given the
 * path the context or an answer carries (`/files/<kind>/<id>`): with the bridge token in the
 * browser; in Electron the app:// protocol serves the same path without one.
 */
export function fileUrl(filePath: string, win: Window = window): string {
  if (win.motcua !== undefined) return filePath;
  const token = win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  return `${filePath}${filePath.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
