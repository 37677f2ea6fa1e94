import { describe, expect, it } from 'vitest';
import { LAUNCH_CODE_TTL_MS, LaunchCodes } from '../../main/agent/launch-codes';
import { readCookie, sessionCookie, sessionCookieName } from '../../main/agent/launch-cookie';
import { LAUNCH_SESSION_IDLE_MS, LaunchSessions } from '../../main/agent/launch-sessions';

/** A clock the test moves by hand. */
function handClock(start = Date.UTC(2026, 11, 3, 2, 0)) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('launch codes', () => {
  it('opens once: a second use is "used", a code never minted is "unknown"', () => {
    const codes = new LaunchCodes(handClock());
    const code = codes.mint();
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(codes.mint()).not.toBe(code);
    expect(codes.redeem(code)).toBe('ok');
    expect(codes.redeem(code)).toBe('used');
    expect(codes.redeem(`${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`)).toBe('unknown');
    expect(codes.redeem('')).toBe('unknown');
  });

  it('expires after five minutes by the injected clock, and an expired code stays expired', () => {
    const t = handClock();
    const codes = new LaunchCodes(t);
    const early = codes.mint();
    const late = codes.mint();
    t.advance(LAUNCH_CODE_TTL_MS - 1);
    expect(codes.redeem(early)).toBe('ok');
    t.advance(1);
    expect(codes.redeem(late)).toBe('expired');
    expect(codes.redeem(late)).toBe('expired');
  });

  it('keeps at most a hundred unopened codes: the oldest gives way', () => {
    const codes = new LaunchCodes(handClock());
    const first = codes.mint();
    const rest = Array.from({ length: 100 }, () => codes.mint());
    expect(codes.redeem(first)).toBe('unknown');
    expect(codes.redeem(rest[0]!)).toBe('ok');
    expect(codes.redeem(rest.at(-1)!)).toBe('ok');
  });
});

describe('launch sessions', () => {
  it('slide: each use restarts the idle time; unused for longer than it, a session is gone', () => {
    const t = handClock();
    const sessions = new LaunchSessions({ ...t, idleMs: 1000 });
    const id = sessions.open();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    t.advance(1000);
    expect(sessions.touch(id)).toBe(true);
    t.advance(1000);
    expect(sessions.touch(id)).toBe(true);
    t.advance(1001);
    expect(sessions.touch(id)).toBe(false);
    expect(sessions.touch('not-a-session')).toBe(false);
    expect(sessions.touch(null)).toBe(false);
  });

  it('never expire while a page is attached; the idle time starts when the last one leaves', () => {
    const t = handClock();
    const sessions = new LaunchSessions(t);
    const id = sessions.open();
    const detach = sessions.attach(id)!;
    t.advance(3 * LAUNCH_SESSION_IDLE_MS);
    expect(sessions.touch(id)).toBe(true);
    detach();
    detach();
    t.advance(LAUNCH_SESSION_IDLE_MS);
    expect(sessions.attach(id)).not.toBeNull();
    expect(sessions.attach('guess')).toBeNull();
  });
});

describe('the session cookie', () => {
  it('is named by port, HttpOnly, SameSite=Strict, Path=/, and read back from a Cookie header among others', () => {
    const name = sessionCookieName(5301);
    expect(name).not.toBe(sessionCookieName(5302));
    expect(sessionCookie(name, 'abc')).toBe(`${name}=abc; HttpOnly; SameSite=Strict; Path=/`);
    expect(readCookie(`other=1; ${name}=abc; ${sessionCookieName(5302)}=def`, name)).toBe('abc');
    expect(readCookie(`x${name}=abc`, name)).toBeNull();
    expect(readCookie(undefined, name)).toBeNull();
  });
});
