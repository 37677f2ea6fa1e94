import { BrowserWindow, powerSaveBlocker } from 'electron';
import { isAdminHotkey } from './admin-gesture';
import { entryUrlFor, isAppUrl, webPreferencesFor, type WindowRole } from './security';
import {
  CRASH_WINDOW_MS,
  UNRESPONSIVE_GRACE_MS,
  isBlockedShortcut,
  presentationFor,
  reloadDelayMs,
  type Presentation,
} from './window-policy';

export interface TerminalWindowOptions {
  readonly role: WindowRole | null;
  readonly preload: string;
  readonly dev: boolean;
  /** Whether a voice build exists: a display window is then told where the clips are. */
  readonly voiceBuilt?: boolean;
  /** A kiosk's idle-to-home delay, passed to the page. */
  readonly idleSeconds?: number;
  /** Ctrl+Alt+Shift+M: the admin PIN dialog. */
  readonly onAdminRequest?: () => void;
}

/**
 * The one window of a terminal. Its web preferences depend on the role, so a role change means
 * a new window (the shell replaces it); everything else about it is fixed at creation.
 */
export class TerminalWindow {
  readonly role: WindowRole | null;
  readonly window: BrowserWindow;
  /** Kept apart from `window`: IPC checks still need it while the window is being destroyed. */
  readonly webContentsId: number;
  readonly #presentation: Presentation;
  readonly #entryUrl: string;
  readonly #onAdminRequest: (() => void) | null;
  #sleepBlocker: number | null = null;
  #crashes: number[] = [];
  #unresponsiveTimer: NodeJS.Timeout | null = null;
  #reloadTimer: NodeJS.Timeout | null = null;

  constructor(options: Readonly<TerminalWindowOptions>) {
    this.role = options.role;
    this.#entryUrl = entryUrlFor(options.role, options.voiceBuilt ?? false, options.idleSeconds);
    this.#onAdminRequest = options.onAdminRequest ?? null;
    this.#presentation = presentationFor(options.role, options.dev);
    this.window = new BrowserWindow({
      title: 'Một Cửa',
      show: false,
      width: 1280,
      height: 800,
      backgroundColor: '#ffffff',
      autoHideMenuBar: true,
      kiosk: this.#presentation.kiosk,
      fullscreen: this.#presentation.fullscreen,
      webPreferences: webPreferencesFor(options.role, { preload: options.preload, devTools: options.dev }),
    });
    this.webContentsId = this.window.webContents.id;
    this.#lockDown();
    this.#recoverFromCrashes();
    if (this.#presentation.preventDisplaySleep) {
      this.#sleepBlocker = powerSaveBlocker.start('prevent-display-sleep');
    }
    this.window.once('ready-to-show', () => this.window.show());
    this.window.on('closed', () => this.#dispose());
    if (options.dev) this.window.webContents.openDevTools({ mode: 'detach' });
  }

  load(): Promise<void> {
    return this.window.loadURL(this.#entryUrl);
  }

  focus(): void {
    if (this.window.isDestroyed()) return;
    if (this.window.isMinimized()) this.window.restore();
    this.window.focus();
  }

  close(): void {
    if (!this.window.isDestroyed()) this.window.destroy();
  }

  #lockDown(): void {
    const contents = this.window.webContents;
    const refuseForeign = (event: { preventDefault(): void }, url: string) => {
      if (!isAppUrl(url)) event.preventDefault();
    };
    contents.on('will-navigate', (event) => refuseForeign(event, event.url));
    contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
    contents.on('will-redirect', (event) => refuseForeign(event, event.url));
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('before-input-event', (event, input) => {
      if (isAdminHotkey(input) && this.#onAdminRequest !== null) {
        event.preventDefault();
        this.#onAdminRequest();
      } else if (isBlockedShortcut(this.#presentation, input)) event.preventDefault();
    });
    if (this.#presentation.lockShortcuts) {
      // Pinch-zoom on a touchscreen would leave the next citizen with a half-visible screen.
      void contents.setVisualZoomLevelLimits(1, 1);
    }
  }

  #recoverFromCrashes(): void {
    const contents = this.window.webContents;
    contents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      const now = Date.now();
      this.#crashes = [...this.#crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
      const delay = reloadDelayMs(this.#crashes.length);
      console.error(`[electron] renderer gone (${details.reason}); reloading in ${delay} ms`);
      this.#scheduleReload(delay);
    });
    this.window.on('unresponsive', () => {
      if (this.#unresponsiveTimer !== null) return;
      this.#unresponsiveTimer = setTimeout(() => {
        this.#unresponsiveTimer = null;
        console.error('[electron] renderer unresponsive; restarting it');
        // Killing it fires render-process-gone, which reloads.
        if (!contents.isDestroyed()) contents.forcefullyCrashRenderer();
      }, UNRESPONSIVE_GRACE_MS);
    });
    this.window.on('responsive', () => this.#clearUnresponsive());
  }

  #scheduleReload(delayMs: number): void {
    if (this.#reloadTimer !== null) clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => {
      this.#reloadTimer = null;
      if (!this.window.isDestroyed()) void this.load().catch((e: unknown) => console.error('[electron] reload failed', e));
    }, delayMs);
  }

  #clearUnresponsive(): void {
    if (this.#unresponsiveTimer !== null) clearTimeout(this.#unresponsiveTimer);
    this.#unresponsiveTimer = null;
  }

  #dispose(): void {
    this.#clearUnresponsive();
    if (this.#reloadTimer !== null) clearTimeout(this.#reloadTimer);
    if (this.#sleepBlocker !== null && powerSaveBlocker.isStarted(this.#sleepBlocker)) {
      powerSaveBlocker.stop(this.#sleepBlocker);
    }
    this.#sleepBlocker = null;
  }
}
