import path from 'node:path';
import type { Session, WebPreferences } from 'electron';
import type { Role } from '../../core/devices';

/**
 * The security decisions of the Electron shell, kept free of Electron at runtime (`import type`
 * only) so they are unit-tested under plain Node. The shell only wires them to Electron's hooks.
 */

/** The renderer is served from `app://motcua/…`: a standard, secure scheme of our own. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'motcua';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The roles that run in an Electron window; back office and admin use a browser. */
export type WindowRole = Extract<Role, 'kiosk' | 'counter' | 'display'>;

export function windowRoleOf(role: Role | null | undefined): WindowRole | null {
  return role === 'kiosk' || role === 'counter' || role === 'display' ? role : null;
}

/**
 * Everything the renderer loads comes from the app itself, and it talks to the hub only through
 * the preload bridge, so nothing may connect elsewhere. Sent as a header on every app:// response,
 * so it holds even for a page that lost its meta tag; renderer/index.html carries the same rules.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

export function webPreferencesFor(
  role: WindowRole | null,
  options: Readonly<{ preload: string; devTools: boolean }>,
): WebPreferences {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: options.devTools,
    // A display speaks calls nobody clicked for; the others play sound only after a touch.
    autoplayPolicy: role === 'display' ? 'no-user-gesture-required' : 'document-user-activation-required',
    // A display is never the focused window, yet its clock and animations must keep running.
    backgroundThrottling: role !== 'display',
  };
}

/** The permission names Electron asks about, taken from its own types. */
export type Permission = Parameters<NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>>[1];

/**
 * Deny by default. Hardware (printers, scanners, serial) belongs to the main process, so the
 * renderer never needs device permissions; a counter may copy a dossier code to the clipboard.
 */
const ALLOWED_PERMISSIONS: Readonly<Record<WindowRole, readonly Permission[]>> = {
  kiosk: [],
  counter: ['clipboard-sanitized-write'],
  display: [],
};

export function allowedPermissions(role: WindowRole | null): readonly Permission[] {
  return role === null ? [] : ALLOWED_PERMISSIONS[role];
}

export function isPermissionAllowed(role: WindowRole | null, permission: string, requestingUrl: string): boolean {
  return isAppUrl(requestingUrl) && (allowedPermissions(role) as readonly string[]).includes(permission);
}

/** What the shell knows about the sender of an IPC message. */
export interface IpcSender {
  readonly webContentsId: number;
  /** The URL of the sending frame; null when the frame is gone. */
  readonly frameUrl: string | null;
  readonly isMainFrame: boolean;
}

/** Only the top frame of one of our own windows, showing our own page, may call the bridge. */
export function isTrustedSender(sender: IpcSender, trustedWebContentsIds: ReadonlySet<number>): boolean {
  return (
    trustedWebContentsIds.has(sender.webContentsId) &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    isAppUrl(sender.frameUrl)
  );
}

/**
 * Maps an `app://motcua/…` request to a file inside the renderer build, or null when the URL
 * is not ours or escapes the folder. Paths without an extension are client-side routes and get
 * the single page.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string, voiceDir?: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  // The display's voice clips live beside the renderer build (dist/voice), under /voice/.
  if (voiceDir !== undefined && pathname.startsWith(VOICE_PREFIX)) return inside(voiceDir, pathname.slice(VOICE_PREFIX.length));
  const relative = pathname === '/' || path.posix.extname(pathname) === '' ? 'index.html' : pathname.slice(1);
  return inside(rendererDir, relative);
}

/** The URL path under which the voice build is served, and the display told where its clips are. */
export const VOICE_PREFIX = '/voice/';
export const VOICE_CLIPS_PATH = `${VOICE_PREFIX}clips/`;

function inside(dir: string, relative: string): string | null {
  const root = path.resolve(dir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

/**
 * The page a window loads: displays and kiosks are told where the clips are when a voice build exists (the call announcements, the spoken guidance), and
 * kiosks how many idle seconds send them back home (the terminal config's `idleSeconds`).
 */
export function entryUrlFor(role: WindowRole | null, voiceBuilt: boolean, idleSeconds?: number): string {
  if (role === 'display' && voiceBuilt) return `${APP_ENTRY_URL}?voice=${encodeURIComponent(VOICE_CLIPS_PATH)}`;
  if (role !== 'kiosk') return APP_ENTRY_URL;
  // The kiosk's spoken guidance uses the same clips.
  const query = [idleSeconds === undefined ? null : `idle=${idleSeconds}`, voiceBuilt ? `voice=${encodeURIComponent(VOICE_CLIPS_PATH)}` : null].filter((p) => p !== null);
  return query.length === 0 ? APP_ENTRY_URL : `${APP_ENTRY_URL}?${query.join('&')}`;
}
