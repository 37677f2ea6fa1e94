import type { Input } from 'electron';
import type { WindowRole } from './security';

/**
 * How a terminal's window presents itself per role, which keys the public may not use, and how
 * fast a crashed renderer comes back. Pure: the shell applies these to Electron.
 */

export interface Presentation {
  /** Electron kiosk mode: full screen, no window chrome, no way out for the public. */
  readonly kiosk: boolean;
  readonly fullscreen: boolean;
  /** Keep the screen lit: a dark kiosk looks broken and a dark display misses calls. */
  readonly preventDisplaySleep: boolean;
  /** Whether the window-management and reload shortcuts are swallowed. */
  readonly lockShortcuts: boolean;
}

/**
 * Until the hub says which role this device has, the window is locked like a kiosk: a terminal in
 * a public hall must never show an exitable desktop window. `dev` unlocks everything.
 */
export function presentationFor(role: WindowRole | null, dev: boolean): Presentation {
  if (dev) return { kiosk: false, fullscreen: false, preventDisplaySleep: false, lockShortcuts: false };
  switch (role) {
    case 'counter':
      return { kiosk: false, fullscreen: false, preventDisplaySleep: false, lockShortcuts: false };
    case 'kiosk':
    case 'display':
    case null:
      return { kiosk: true, fullscreen: true, preventDisplaySleep: true, lockShortcuts: true };
  }
}

type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

const ALWAYS_BLOCKED_KEYS = new Set(['F5', 'F11', 'F12', 'BrowserRefresh', 'BrowserBack', 'BrowserForward']);
const BLOCKED_WITH_CTRL = new Set(['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'f', 'g', 'h', 'j', 'u', '+', '-', '=', '0', 'tab', 'pageup', 'pagedown']);

/** Keys that would reload, close, zoom, print or open tools in a locked window. */
export function isBlockedShortcut(presentation: Presentation, input: KeyInput): boolean {
  if (!presentation.lockShortcuts || input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (ALWAYS_BLOCKED_KEYS.has(input.key)) return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright' || key === 'home')) return true;
  if (input.alt && key === 'alt') return true; // would show a menu bar on Windows/Linux
  const ctrl = input.control || input.meta;
  if (ctrl && BLOCKED_WITH_CTRL.has(key)) return true;
  if (ctrl && input.shift && (key === 'i' || key === 'j' || key === 'c' || key === 'delete')) return true;
  return false;
}

/**
 * Reload delay after the renderer died: immediate for a one-off, backing off to 30 s when it keeps
 * dying (a crash loop must not hog the CPU the agent needs to keep printing tickets).
 */
export function reloadDelayMs(recentCrashes: number): number {
  if (recentCrashes <= 1) return 0;
  return Math.min(30_000, 1000 * 2 ** (recentCrashes - 2));
}

/** Crashes further apart than this are counted as unrelated. */
export const CRASH_WINDOW_MS = 5 * 60_000;

/** How long an unresponsive renderer gets before it is killed and reloaded. */
export const UNRESPONSIVE_GRACE_MS = 10_000;
