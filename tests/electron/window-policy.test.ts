import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLaunchOptions } from '../../main/electron/launch-options';
import { isBlockedShortcut, presentationFor, reloadDelayMs } from '../../main/electron/window-policy';

const key = (k: string, mods: Partial<Record<'control' | 'meta' | 'alt' | 'shift', boolean>> = {}) => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('presentation per role', () => {
  it('locks kiosks, displays and not-yet-identified terminals in kiosk mode', () => {
    for (const role of ['kiosk', 'display', null] as const) {
      expect(presentationFor(role, false)).toEqual({ kiosk: true, fullscreen: true, preventDisplaySleep: true, lockShortcuts: true });
    }
  });

  it('gives a counter clerk a normal window', () => {
    expect(presentationFor('counter', false)).toMatchObject({ kiosk: false, fullscreen: false, lockShortcuts: false });
  });

  it('unlocks everything in dev mode', () => {
    expect(presentationFor('kiosk', true)).toMatchObject({ kiosk: false, lockShortcuts: false });
  });
});

describe('shortcuts in a locked window', () => {
  const locked = presentationFor('kiosk', false);

  it.each([
    ['reload', key('F5')],
    ['reload with ctrl', key('r', { control: true })],
    ['close', key('F4', { alt: true })],
    ['close tab', key('w', { control: true })],
    ['devtools', key('I', { control: true, shift: true })],
    ['zoom', key('+', { control: true })],
    ['print', key('p', { control: true })],
    ['full screen toggle', key('F11')],
    ['back', key('ArrowLeft', { alt: true })],
  ])('blocks %s', (_label, input) => {
    expect(isBlockedShortcut(locked, input)).toBe(true);
  });

  it('lets typing through', () => {
    for (const k of ['a', 'Enter', 'Backspace', '1', 'ư']) expect(isBlockedShortcut(locked, key(k))).toBe(false);
    expect(isBlockedShortcut(locked, key('A', { shift: true }))).toBe(false);
    expect(isBlockedShortcut(locked, { ...key('F5'), type: 'keyUp' })).toBe(false);
  });

  it('blocks nothing for a counter', () => {
    expect(isBlockedShortcut(presentationFor('counter', false), key('r', { control: true }))).toBe(false);
  });
});

describe('crash recovery', () => {
  it('reloads a one-off crash at once and backs off a crash loop to 30 s', () => {
    expect([1, 2, 3, 4, 5].map(reloadDelayMs)).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(reloadDelayMs(50)).toBe(30_000);
  });
});

describe('launch options', () => {
  const fallback = '/home/kiosk/.config/motcua/terminal.json';

  it('prefers --config= over the environment over the default', () => {
    expect(readLaunchOptions(['electron', '.', '--config=/etc/motcua/a.json'], { MOTCUA_TERMINAL_CONFIG: '/b.json' }, fallback).configPath).toBe(
      path.resolve('/etc/motcua/a.json'),
    );
    expect(readLaunchOptions(['electron', '.'], { MOTCUA_TERMINAL_CONFIG: '/b.json' }, fallback).configPath).toBe(path.resolve('/b.json'));
    expect(readLaunchOptions(['electron', '.'], {}, fallback).configPath).toBe(path.resolve(fallback));
  });

  it('turns dev mode on only for MOTCUA_DEV=1', () => {
    expect(readLaunchOptions([], { MOTCUA_DEV: '1' }, fallback).dev).toBe(true);
    expect(readLaunchOptions([], { MOTCUA_DEV: 'true' }, fallback).dev).toBe(false);
    expect(readLaunchOptions([], {}, fallback).dev).toBe(false);
  });
});
