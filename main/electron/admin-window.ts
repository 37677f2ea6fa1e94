import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { err, type Result } from '../../core/result';
import { ADMIN_URL } from './admin-page';
import { ADMIN_CHANNEL, ADMIN_GESTURE_CHANNEL } from './admin-channels';
import type { AdminService } from './admin-service';
import { isAppUrl, isTrustedSender, webPreferencesFor } from './security';
import { isBlockedShortcut, presentationFor } from './window-policy';

export interface AdminWindowOptions {
  readonly service: AdminService;
  readonly preload: string;
  readonly dev: boolean;
  /** The terminal window it opens over (modal), or null on the setup page. */
  readonly parent: () => BrowserWindow | null;
  /** webContents ids allowed to ask for the dialog (the app's own window). */
  readonly trusted: ReadonlySet<number>;
}

/**
 * The admin dialog's window: at most one, locked like a kiosk window, answering the admin
 * channel only for itself. The PIN is checked here in the main process, never in a page.
 */
export class AdminWindow {
  readonly #o: AdminWindowOptions;
  #window: BrowserWindow | null = null;

  constructor(options: Readonly<AdminWindowOptions>) {
    this.#o = options;
    ipcMain.handle(ADMIN_CHANNEL, (event, name: unknown, payload: unknown): Result<unknown> | Promise<Result<unknown>> => {
      if (!this.#isOwnSender(event)) return err('forbidden', 'This frame may not use the admin channel');
      // Pairing waits for the hub's answer; every other call answers at once.
      return name === 'settings:pair' ? this.#o.service.pair(payload) : this.#o.service.handle(name, payload);
    });
    ipcMain.on(ADMIN_GESTURE_CHANNEL, (event) => {
      const frame = event.senderFrame;
      const sender = { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null };
      if (isTrustedSender(sender, this.#o.trusted)) this.open();
    });
  }

  get webContentsId(): number | null {
    return this.#window === null || this.#window.isDestroyed() ? null : this.#window.webContents.id;
  }

  open(options: Readonly<{ fullScreen?: boolean }> = {}): void {
    if (this.#window !== null && !this.#window.isDestroyed()) {
      this.#window.focus();
      return;
    }
    const parent = this.#o.parent();
    const presentation = presentationFor(null, this.#o.dev);
    const window = new BrowserWindow({
      title: 'Quản trị thiết bị',
      width: 560,
      height: 720,
      show: false,
      ...(parent !== null && !parent.isDestroyed() ? { parent, modal: true } : {}),
      alwaysOnTop: !this.#o.dev,
      fullscreen: options.fullScreen === true && !this.#o.dev,
      frame: false,
      resizable: false,
      minimizable: false,
      autoHideMenuBar: true,
      webPreferences: webPreferencesFor(null, { preload: this.#o.preload, devTools: this.#o.dev }),
    });
    const contents = window.webContents;
    const refuseForeign = (event: { preventDefault(): void }, url: string) => {
      if (!isAppUrl(url)) event.preventDefault();
    };
    contents.on('will-navigate', (event) => refuseForeign(event, event.url));
    contents.on('will-redirect', (event) => refuseForeign(event, event.url));
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(presentation, input)) event.preventDefault();
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (this.#window === window) this.#window = null;
    });
    this.#window = window;
    void window.loadURL(ADMIN_URL).catch((error: unknown) => console.error('[electron] could not load the admin page', error));
  }

  close(): void {
    if (this.#window !== null && !this.#window.isDestroyed()) this.#window.destroy();
    this.#window = null;
  }

  #isOwnSender(event: IpcMainInvokeEvent): boolean {
    const id = this.webContentsId;
    const frame = event.senderFrame;
    return id !== null && isTrustedSender(
      { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null },
      new Set([id]),
    );
  }
}
