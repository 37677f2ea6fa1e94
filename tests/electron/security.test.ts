import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  allowedPermissions,
  isAppUrl,
  isPermissionAllowed,
  isTrustedSender,
  resolveRendererFile,
  entryUrlFor,
  webPreferencesFor,
  windowRoleOf,
  type WindowRole,
} from '../../main/electron/security';

const ROLES: readonly (WindowRole | null)[] = ['kiosk', 'counter', 'display', null];

describe('web preferences', () => {
  it.each(ROLES)('isolate and sandbox the %s window, with no Node in the page', (role) => {
    const prefs = webPreferencesFor(role, { preload: '/app/preload.cjs', devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('lets only the display play sound without a touch', () => {
    expect(webPreferencesFor('display', { preload: 'p', devTools: false }).autoplayPolicy).toBe('no-user-gesture-required');
    for (const role of ['kiosk', 'counter', null] as const) {
      expect(webPreferencesFor(role, { preload: 'p', devTools: false }).autoplayPolicy).toBe('document-user-activation-required');
    }
  });

  it('opens devtools only when asked', () => {
    expect(webPreferencesFor('counter', { preload: 'p', devTools: true }).devTools).toBe(true);
  });
});

describe('our URLs', () => {
  it('accepts the app scheme and host', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/assets/index-abc.js`)).toBe(true);
    expect(isAppUrl(APP_ORIGIN)).toBe(true);
  });

  it.each([
    'http://evil.example',
    'https://evil.example/index.html',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://user:pw@motcua/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('serves only files inside the renderer build', () => {
    const dir = path.resolve('/srv/motcua/dist/renderer');
    expect(resolveRendererFile(dir, 'app://motcua/index.html')).toBe(path.join(dir, 'index.html'));
    expect(resolveRendererFile(dir, 'app://motcua/assets/app.js?v=1')).toBe(path.join(dir, 'assets', 'app.js'));
    expect(resolveRendererFile(dir, 'app://motcua/')).toBe(path.join(dir, 'index.html'));
    expect(resolveRendererFile(dir, 'app://motcua/counter/queue')).toBe(path.join(dir, 'index.html'));
    expect(resolveRendererFile(dir, 'app://motcua/..%2F..%2Fetc%2Fpasswd.txt')).toBeNull();
    expect(resolveRendererFile(dir, 'app://motcua/%2e%2e/secret.txt')).toBe(path.join(dir, 'secret.txt'));
    expect(resolveRendererFile(dir, 'app://motcua/a%5C..%5C..%5Cx.js')).toBeNull();
    expect(resolveRendererFile(dir, 'app://motcua/x%00.js')).toBeNull();
    expect(resolveRendererFile(dir, 'app://other/index.html')).toBeNull();
    expect(resolveRendererFile(dir, 'http://evil.example/index.html')).toBeNull();
  });

  it('serves the voice clips from their own folder, and only from it', () => {
    const dir = path.resolve('/srv/motcua/dist/renderer');
    const voice = path.join(path.dirname(dir), 'voice');
    expect(resolveRendererFile(dir, 'app://motcua/voice/clips/moi-khach-hang-so.wav', voice)).toBe(path.join(voice, 'clips', 'moi-khach-hang-so.wav'));
    expect(resolveRendererFile(dir, 'app://motcua/voice/..%2F..%2Fsecret.wav', voice)).toBeNull();
    expect(resolveRendererFile(dir, 'app://motcua/voice/clips/x.wav')).toBe(path.join(dir, 'voice', 'clips', 'x.wav'));
    expect(entryUrlFor('display', true)).toBe('app://motcua/index.html?voice=%2Fvoice%2Fclips%2F');
    expect(entryUrlFor('display', false)).toBe('app://motcua/index.html');
    expect(entryUrlFor('kiosk', true)).toBe('app://motcua/index.html?voice=%2Fvoice%2Fclips%2F');
    expect(entryUrlFor('kiosk', true, 90)).toBe('app://motcua/index.html?idle=90&voice=%2Fvoice%2Fclips%2F');
  });

  it('has a CSP that allows no remote or inline script or style', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });
});

describe('permissions', () => {
  it('are denied by default', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'serial', 'hid', 'usb', 'clipboard-read']) {
      for (const role of ROLES) expect(isPermissionAllowed(role, permission, APP_ENTRY_URL)).toBe(false);
    }
    expect(allowedPermissions(null)).toEqual([]);
    expect(allowedPermissions('kiosk')).toEqual([]);
    expect(allowedPermissions('display')).toEqual([]);
  });

  it('grant a role only what it needs, and only to our own pages', () => {
    expect(isPermissionAllowed('counter', 'clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionAllowed('counter', 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('kiosk', 'clipboard-sanitized-write', APP_ENTRY_URL)).toBe(false);
  });
});

describe('IPC senders', () => {
  const trusted = new Set([7]);

  it('accepts the top frame of our window showing our page', () => {
    expect(isTrustedSender({ webContentsId: 7, frameUrl: APP_ENTRY_URL, isMainFrame: true }, trusted)).toBe(true);
  });

  it.each([
    ['a foreign origin', { webContentsId: 7, frameUrl: 'http://evil.example/', isMainFrame: true }],
    ['a subframe', { webContentsId: 7, frameUrl: APP_ENTRY_URL, isMainFrame: false }],
    ['another web contents', { webContentsId: 8, frameUrl: APP_ENTRY_URL, isMainFrame: true }],
    ['a destroyed frame', { webContentsId: 7, frameUrl: null, isMainFrame: true }],
  ])('rejects %s', (_label, sender) => {
    expect(isTrustedSender(sender, trusted)).toBe(false);
  });
});

describe('window roles', () => {
  it('keep Electron to the terminal roles', () => {
    expect(windowRoleOf('kiosk')).toBe('kiosk');
    expect(windowRoleOf('display')).toBe('display');
    expect(windowRoleOf('backoffice')).toBeNull();
    expect(windowRoleOf(undefined)).toBeNull();
  });
});
