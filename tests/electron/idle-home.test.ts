import { afterEach, describe, expect, it, vi } from 'vitest';
import { entryUrlFor } from '../../main/electron/security';
import { DEFAULT_IDLE_SECONDS, IdleTimer, idleSecondsFrom } from '../../renderer/kiosk/use-idle-home';

/** Back to the home screen after idle: the shell passes the configured delay, the kiosk page keeps it. */

afterEach(() => {
  vi.useRealTimers();
});

describe('idle delay from the terminal config to the kiosk page', () => {
  it('puts idleSeconds in a kiosk window’s URL only', () => {
    expect(entryUrlFor('kiosk', false, 90)).toBe('app://motcua/index.html?idle=90');
    expect(entryUrlFor('kiosk', false)).toBe('app://motcua/index.html');
    expect(entryUrlFor('counter', false, 90)).toBe('app://motcua/index.html');
  });

  it('reads it back, 60 s when absent or out of range', () => {
    expect(idleSecondsFrom('app://motcua/index.html?idle=90')).toBe(90);
    expect(idleSecondsFrom('app://motcua/index.html')).toBe(DEFAULT_IDLE_SECONDS);
    expect(DEFAULT_IDLE_SECONDS).toBe(60);
    for (const bad of ['abc', '0', '5', '1.5', '99999']) expect(idleSecondsFrom(`http://127.0.0.1:1/?idle=${bad}`)).toBe(60);
  });
});

describe('IdleTimer', () => {
  it('fires once after the delay without activity; each touch starts it again', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const timer = new IdleTimer(60_000, onIdle);
    timer.poke();
    vi.advanceTimersByTime(59_000);
    timer.poke();
    vi.advanceTimersByTime(59_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires once stopped (the sub-screen was left)', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const timer = new IdleTimer(1000, onIdle);
    timer.poke();
    timer.stop();
    vi.advanceTimersByTime(5000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
