import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Just enough of Electron's main-process API for the bundled shell (dist/electron/main.cjs) to
 * run under plain Node, recording what the shell asked for. It stands in only where no Electron
 * binary exists; the Playwright suite (electron-app.test.ts) drives the real one where it does.
 */

type Listener = (...args: never[]) => unknown;
type InvokeHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
type ProtocolHandler = (request: Request) => Promise<Response>;

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  zoomLimits: [number, number] | null = null;
  devToolsOpened = false;
  crashedByShell = false;
  #destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  async setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.zoomLimits = [min, max];
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  destroy(): void {
    this.#destroyed = true;
  }
  openDevTools(): void {
    this.devToolsOpened = true;
  }
  forcefullyCrashRenderer(): void {
    this.crashedByShell = true;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  shown = false;
  #destroyed = false;

  constructor(readonly options: Readonly<Record<string, unknown>>) {
    super();
    FakeBrowserWindow.all.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  show(): void {
    this.shown = true;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}

class FakeApp extends EventEmitter {
  readonly switches = new Map<string, string | undefined>();
  quitCalls = 0;
  relaunchCalls = 0;
  exitCode: number | null = null;
  readonly loginItemSettings: unknown[] = [];
  constructor(readonly userData: string) {
    super();
  }
  readonly commandLine = { appendSwitch: (name: string, value?: string) => void this.switches.set(name, value) };
  requestSingleInstanceLock(): boolean {
    return true;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath: ${name}`);
    return this.userData;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  isReady(): boolean {
    return true;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  relaunch(): void {
    this.relaunchCalls += 1;
  }
  setLoginItemSettings(settings: unknown): void {
    this.loginItemSettings.push(settings);
  }
}

class FakeSession extends EventEmitter {
  readonly protocolHandlers = new Map<string, ProtocolHandler>();
  readonly protocol = { handle: (scheme: string, handler: ProtocolHandler) => void this.protocolHandlers.set(scheme, handler) };
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void) | null = null;
  permissionCheck: ((contents: unknown, permission: string, origin: string) => boolean) | null = null;
  devicePermission: Listener | null = null;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionRequest']>): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['permissionCheck']>): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: Listener): void {
    this.devicePermission = handler;
  }
  setDisplayMediaRequestHandler(): void {}
}

const MIME: Readonly<Record<string, string>> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function createFake(userData: string) {
  const invokeHandlers = new Map<string, InvokeHandler>();
  const messageListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    app: new FakeApp(userData),
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: (_menu: null) => {} },
    dialog: { errors: [] as string[], showErrorBox: (_title: string, message: string) => void fake.dialog.errors.push(message) },
    session: { defaultSession: new FakeSession() },
    privilegedSchemes: [] as unknown[],
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => void fake.privilegedSchemes.push(...schemes) },
    net: {
      // Electron's net.fetch reads file: URLs; Node's fetch does not.
      fetch: async (url: string): Promise<Response> => {
        const file = fileURLToPath(url);
        const body = await readFile(file);
        return new Response(body, { headers: { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' } });
      },
    },
    invokeHandlers,
    messageListeners,
    ipcMain: {
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => void messageListeners.set(channel, listener),
      handle: (channel: string, handler: InvokeHandler) => void invokeHandlers.set(channel, handler),
      removeHandler: (channel: string) => void invokeHandlers.delete(channel),
    },
    powerSaveBlocker: {
      active: new Set<number>(),
      start: (_type: string) => {
        const id = fake.powerSaveBlocker.active.size + 1;
        fake.powerSaveBlocker.active.add(id);
        return id;
      },
      isStarted: (id: number) => fake.powerSaveBlocker.active.has(id),
      stop: (id: number) => void fake.powerSaveBlocker.active.delete(id),
    },
  };
}

export type FakeElectron = ReturnType<typeof createFake>;

// One shell per process, like Electron itself; the window class reaches the app through this.
let fake!: FakeElectron;

export function installFakeElectron(userData: string): FakeElectron {
  fake = createFake(userData);
  return fake;
}
