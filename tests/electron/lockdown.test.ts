import { describe, expect, it } from 'vitest';
import { hashPin } from '../../hub/clerks/pin-hash';
import { isAdminHotkey, CornerTapDetector, CORNER_WINDOW_MS } from '../../main/electron/admin-gesture';
import { ADMIN_SESSION_MS, AdminLock, LOCKOUT_MS, MAX_WRONG_PINS } from '../../main/electron/admin-lock';
import { openAtLoginFor } from '../../main/electron/login-item';
import { verifyAdminPin } from '../../main/electron/pin-verify';

/** The admin lockdown rules: gesture, PIN, lockout, session. Pure, with an injected clock. */

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const plainVerify = (pin: string, hash: string) => hash === `plain:${pin}`;

describe('admin PIN', () => {
  it('verifies the scrypt format the hub uses for clerks, in the main process', () => {
    const hash = hashPin('246810');
    expect(verifyAdminPin('246810', hash)).toBe(true);
    expect(verifyAdminPin('246811', hash)).toBe(false);
    expect(verifyAdminPin('246810', 'not-a-hash')).toBe(false);
    expect(verifyAdminPin('246810', hash.replace(/^scrypt\$\d+/, 'scrypt$3'))).toBe(false); // N not a power of two
  });

  it('grants a session for the right PIN, which ends by itself and when closed', () => {
    const c = clock();
    const lock = new AdminLock({ pinHash: 'plain:1234', verify: plainVerify, now: c.now });
    expect(lock.isUnlocked()).toBe(false);
    expect(lock.tryPin('1234')).toEqual({ kind: 'granted' });
    expect(lock.isUnlocked()).toBe(true);
    c.advance(ADMIN_SESSION_MS);
    expect(lock.isUnlocked()).toBe(false);
    lock.tryPin('1234');
    lock.end();
    expect(lock.isUnlocked()).toBe(false);
  });

  it('refuses a wrong PIN and counts down the attempts', () => {
    const lock = new AdminLock({ pinHash: 'plain:1234', verify: plainVerify, now: clock().now });
    expect(lock.tryPin('0000')).toEqual({ kind: 'refused', attemptsLeft: MAX_WRONG_PINS - 1 });
    expect(lock.tryPin('')).toEqual({ kind: 'refused', attemptsLeft: MAX_WRONG_PINS - 2 });
    expect(lock.isUnlocked()).toBe(false);
  });

  it('locks for LOCKOUT_MS (15 minutes) after 5 wrong PINs, even against the right one, then accepts again', () => {
    const c = clock();
    let checks = 0;
    const lock = new AdminLock({ pinHash: 'plain:1234', verify: (p, h) => (checks++, plainVerify(p, h)), now: c.now });
    for (let i = 1; i < MAX_WRONG_PINS; i++) expect(lock.tryPin('9999').kind).toBe('refused');
    expect(lock.tryPin('9999')).toEqual({ kind: 'locked', retryInMs: LOCKOUT_MS });
    c.advance(60_000);
    const before = checks;
    expect(lock.tryPin('1234')).toEqual({ kind: 'locked', retryInMs: LOCKOUT_MS - 60_000 });
    expect(checks).toBe(before); // not even checked while locked
    expect(lock.isUnlocked()).toBe(false);
    c.advance(LOCKOUT_MS - 60_000);
    expect(lock.lockedForMs()).toBe(0);
    expect(lock.tryPin('1234')).toEqual({ kind: 'granted' });
  });

  it('a right PIN resets the count of wrong ones', () => {
    const lock = new AdminLock({ pinHash: 'plain:1234', verify: plainVerify, now: clock().now });
    for (let i = 1; i < MAX_WRONG_PINS; i++) lock.tryPin('9999');
    expect(lock.tryPin('1234').kind).toBe('granted');
    expect(lock.tryPin('9999')).toEqual({ kind: 'refused', attemptsLeft: MAX_WRONG_PINS - 1 });
  });

  it('without a configured PIN nothing unlocks', () => {
    const lock = new AdminLock({ pinHash: null, verify: () => true, now: clock().now });
    expect(lock.pinConfigured).toBe(false);
    expect(lock.tryPin('')).toEqual({ kind: 'no-pin' });
    expect(lock.isUnlocked()).toBe(false);
  });
});

describe('admin gesture', () => {
  it('five taps in the top-left corner within 3 s open the dialog', () => {
    const corner = new CornerTapDetector();
    const results = [0, 400, 800, 1200, 1600].map((t) => corner.tap(10, 20, t));
    expect(results).toEqual([false, false, false, false, true]);
    // …and the count starts again afterwards.
    expect(corner.tap(10, 20, 1700)).toBe(false);
  });

  it('slow taps, taps elsewhere, or a tap outside the corner in between do not', () => {
    const slow = new CornerTapDetector();
    expect([0, 1000, 2000, 3000, 4000].map((t) => slow.tap(5, 5, t))).not.toContain(true);
    const elsewhere = new CornerTapDetector();
    expect([0, 100, 200, 300, 400].map((t) => elsewhere.tap(500, 5, t))).not.toContain(true);
    const broken = new CornerTapDetector();
    const taps = [broken.tap(5, 5, 0), broken.tap(5, 5, 100), broken.tap(600, 400, 200), broken.tap(5, 5, 300), broken.tap(5, 5, 400), broken.tap(5, 5, 500)];
    expect(taps).not.toContain(true);
    // Exactly at the window's edge the first tap no longer counts.
    const edge = new CornerTapDetector();
    expect([0, 1, 2, 3, CORNER_WINDOW_MS].map((t) => edge.tap(1, 1, t)).at(-1)).toBe(false);
  });

  it('Ctrl+Alt+Shift+M on a keyboard, and nothing less', () => {
    const key = { type: 'keyDown', key: 'M', control: true, alt: true, shift: true, meta: false };
    expect(isAdminHotkey(key)).toBe(true);
    expect(isAdminHotkey({ ...key, key: 'm' })).toBe(true);
    expect(isAdminHotkey({ ...key, shift: false })).toBe(false);
    expect(isAdminHotkey({ ...key, alt: false })).toBe(false);
    expect(isAdminHotkey({ ...key, type: 'keyUp' })).toBe(false);
  });
});

describe('start at boot', () => {
  it('registers a login item for kiosks and displays on Windows and macOS only', () => {
    expect(openAtLoginFor('kiosk', 'win32', false)).toBe(true);
    expect(openAtLoginFor('display', 'darwin', false)).toBe(true);
    expect(openAtLoginFor('counter', 'win32', false)).toBeNull();
    expect(openAtLoginFor(null, 'win32', false)).toBeNull();
    // Linux: the deb's /etc/xdg/autostart entry does it.
    expect(openAtLoginFor('kiosk', 'linux', false)).toBeNull();
    expect(openAtLoginFor('kiosk', 'win32', true)).toBeNull();
  });
});
