import type { WindowRole } from './security';

/**
 * Start at boot. Kiosks and displays are unattended: after a power cut they must come back by
 * themselves. Windows and macOS register a login item through Electron; on Linux the deb installs
 * build/linux/motcua-autostart.desktop into /etc/xdg/autostart (Electron's login items do nothing
 * there). A counter is started by its clerk. `dev` never touches the machine's login items.
 */
export function openAtLoginFor(role: WindowRole | null, platform: NodeJS.Platform, dev: boolean): boolean | null {
  if (dev || (platform !== 'win32' && platform !== 'darwin')) return null;
  if (role === 'kiosk' || role === 'display') return true;
  return null;
}
