import { existsSync } from 'node:fs';
import path from 'node:path';
import { Menu, app, dialog, session } from 'electron';
import type { TerminalContext } from '../../core/protocol/bridge';
import { VOICE_MANIFEST_FILE } from '../../hardware/audio/voice-manifest';
import { maskConsole } from '../agent/masked-console';
import { TerminalAgent } from '../agent/terminal-agent';
import { AdminLock } from './admin-lock';
import { adminLockFile, adminLockFileOf } from './admin-lock-file';
import { AdminService } from './admin-service';
import { AdminWindow } from './admin-window';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { pushContext, pushEvents, serveBridge } from './bridge-ipc';
import { adminPinHashFor, chooseTerminalConfig } from './config-store';
import { readLaunchOptions } from './launch-options';
import { openAtLoginFor } from './login-item';
import { verifyAdminPin } from './pin-verify';
import { readRememberedRole, rememberRole } from './role-memory';
import { isAppUrl, windowRoleOf, type WindowRole } from './security';
import { hardenSession } from './session-hardening';
import { TerminalWindow } from './terminal-window';

/**
 * The Electron shell: a thin adapter that runs the terminal agent in the main process and shows
 * the renderer in one locked-down window. Bundled to dist/electron/main.cjs (tools/build-electron.mjs),
 * so `__dirname` is dist/electron and the renderer build sits beside it in dist/renderer.
 */

const PRELOAD = path.join(__dirname, 'preload.cjs');
const RENDERER_DIR = path.resolve(__dirname, '..', 'renderer');
const VOICE_DIR = path.resolve(__dirname, '..', 'voice');
const VOICE_BUILT = existsSync(path.join(VOICE_DIR, 'clips', VOICE_MANIFEST_FILE));
/** How long a first start (no remembered role) waits for the hub to say who this device is. */
const FIRST_HELLO_WAIT_MS = 3000;

// Several terminals on one PC (the demo opens kiosk, counter and display) each need their own
// profile, or the single-instance lock would let only the first one start.
const userDataOverride = process.env['MOTCUA_USER_DATA'];
if (userDataOverride) app.setPath('userData', userDataOverride);

const options = readLaunchOptions(process.argv, process.env, path.join(app.getPath('userData'), 'terminal.json'));

// Every console line of the shell and its agent is masked (CCCD numbers, citizens' names).
maskConsole();

// Before `ready`: the scheme must be privileged and the autoplay switch read at startup. The
// switch matters for displays (they speak calls nobody clicked for); per-window web preferences
// keep kiosks and counters at the stricter policy.
registerAppScheme();
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
// Vietnamese whatever the Windows install's language: a date field reads dd/mm/yyyy (the statistics ranges, bookings), not mm/dd/yyyy.
app.commandLine.appendSwitch('lang', 'vi-VN');

if (app.requestSingleInstanceLock()) {
  void run().catch((error: unknown) => fail(`Lỗi khởi động: ${error instanceof Error ? error.message : String(error)}`));
} else {
  app.quit();
}

async function run(): Promise<void> {
  app.on('web-contents-created', (_event, contents) => {
    // A safety net for every web contents, including any we did not create on purpose.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
  });
  await app.whenReady();
  if (!options.dev) Menu.setApplicationMenu(null);

  // A broken config never bricks the terminal: the last good one runs (and the admin dialog says
  // what is wrong), or, with nothing usable, the setup page opens instead of the app.
  const choice = chooseTerminalConfig(options.configPath);
  let current: TerminalWindow | null = null;
  const trusted = new Set<number>();
  const ses = session.defaultSession;
  hardenSession(ses, () => current?.role ?? null);
  serveRenderer(ses, RENDERER_DIR, VOICE_DIR);
  const problem = choice.kind === 'current' ? null : choice.problem;
  const adminWindow: AdminWindow = new AdminWindow({
    service: new AdminService({
      lock: new AdminLock({ pinHash: adminPinHashFor(options.configPath), verify: verifyAdminPin, now: Date.now, store: adminLockFile(adminLockFileOf(options.configPath)) }),
      configPath: options.configPath,
      setup: choice.kind === 'setup',
      problem,
      actions: {
        exit: () => app.quit(),
        reload: () => {
          adminWindow.close();
          void current?.load().catch((error: unknown) => console.error('[electron] reload failed', error));
        },
        relaunch: () => {
          app.relaunch();
          app.quit();
        },
        close: () => adminWindow.close(),
      },
    }),
    preload: PRELOAD,
    dev: options.dev,
    parent: () => (current === null || current.window.isDestroyed() ? null : current.window),
    trusted,
  });
  app.on('window-all-closed', () => app.quit());
  if (problem !== null) console.error(`[electron] terminal config problem:\n${problem}`);
  if (choice.kind === 'setup') {
    adminWindow.open({ fullScreen: true });
    return;
  }
  const agent = new TerminalAgent(choice.config);
  await agent.start();
  serveBridge(agent, trusted);
  const currentContents = () => (current === null || current.window.isDestroyed() ? null : current.window.webContents);
  pushContext(agent, currentContents);
  pushEvents(agent, currentContents);

  const roleFile = path.join(app.getPath('userData'), 'device-role.json');
  const open = (role: WindowRole | null): void => {
    if (role !== null) rememberRole(roleFile, role);
    const previous = current;
    const next = new TerminalWindow({
      role,
      preload: PRELOAD,
      dev: options.dev,
      voiceBuilt: VOICE_BUILT,
      idleSeconds: choice.config.idleSeconds,
      onAdminRequest: () => adminWindow.open(),
    });
    const openAtLogin = openAtLoginFor(role, process.platform, options.dev);
    if (openAtLogin !== null) app.setLoginItemSettings({ openAtLogin });
    trusted.add(next.webContentsId);
    next.window.on('closed', () => trusted.delete(next.webContentsId));
    current = next;
    previous?.close();
    void next.load().catch((error: unknown) => console.error('[electron] could not load the renderer', error));
  };
  open(readRememberedRole(roleFile) ?? (await firstRole(agent, FIRST_HELLO_WAIT_MS)));
  if (problem !== null) adminWindow.open();
  // The role decides the web preferences, which are fixed per window: a new role, a new window.
  // A context without a device (hub unreachable) keeps the window as it is.
  const followRole = (context: TerminalContext): void => {
    const role = windowRoleOf(context.device?.role);
    if (role !== null && role !== current?.role) open(role);
  };
  agent.onContext(followRole);
  followRole(agent.context());

  app.on('second-instance', () => current?.focus());
  let agentClosed = false;
  app.on('will-quit', (event) => {
    if (agentClosed) return;
    event.preventDefault();
    void agent
      .close()
      .catch((error: unknown) => console.error('[electron] agent did not close cleanly', error))
      .finally(() => {
        agentClosed = true;
        app.quit();
      });
  });
}

function firstRole(agent: TerminalAgent, timeoutMs: number): Promise<WindowRole | null> {
  const known = windowRoleOf(agent.context().device?.role);
  if (known !== null) return Promise.resolve(known);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(null);
    }, timeoutMs);
    const unsubscribe = agent.onContext((context) => {
      const role = windowRoleOf(context.device?.role);
      if (role === null) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(role);
    });
  });
}

function fail(message: string): void {
  console.error(`[electron] ${message}`);
  if (app.isReady()) dialog.showErrorBox('Một Cửa', message);
  app.exit(1);
}
