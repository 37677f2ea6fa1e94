import { useEffect, useRef } from 'react';

/**
 * Back to the home screen after a while without a touch: the next citizen must never find the
 * previous one's half-typed booking code or chosen priority. The delay comes from the terminal
 * config (`idleSeconds`), which the Electron shell puts in the page URL as `?idle=N`.
 */

export const DEFAULT_IDLE_SECONDS = 60;

export function idleSecondsFrom(href: string): number {
  const value = Number(new URL(href).searchParams.get('idle'));
  return Number.isInteger(value) && value >= 10 && value <= 3600 ? value : DEFAULT_IDLE_SECONDS;
}

interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Calls `onIdle` once when `poke()` has not been called for `ms`; framework-free so it is unit-tested. */
export class IdleTimer {
  #handle: unknown = null;

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
    private readonly timers: Timers = {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
    },
  ) {}

  poke(): void {
    this.stop();
    this.#handle = this.timers.setTimeout(() => {
      this.#handle = null;
      this.onIdle();
    }, this.ms);
  }

  stop(): void {
    if (this.#handle !== null) this.timers.clearTimeout(this.#handle);
    this.#handle = null;
  }
}

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/** While `active` (a sub-screen is open), any touch or key restarts the countdown to `onIdle`. */
export function useIdleHome(active: boolean, onIdle: () => void): void {
  const latest = useRef(onIdle);
  useEffect(() => {
    latest.current = onIdle;
  });
  useEffect(() => {
    if (!active) return;
    const timer = new IdleTimer(idleSecondsFrom(window.location.href) * 1000, () => latest.current());
    const poke = (): void => timer.poke();
    for (const type of ACTIVITY) document.addEventListener(type, poke, { capture: true, passive: true });
    timer.poke();
    return () => {
      timer.stop();
      for (const type of ACTIVITY) document.removeEventListener(type, poke, { capture: true });
    };
  }, [active]);
}
