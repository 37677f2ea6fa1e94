import { useEffect, useRef } from 'react';
import type { KioskGuidanceStep } from '../../core/voice/clip-catalogue';
import { voiceClipBase } from '../display/voice-source';

/** The window event each guidance sentence raises (diagnostics and the browser tests). */
export const GUIDANCE_EVENT = 'motcua-kiosk-guidance';
export interface GuidanceEventDetail {
  readonly step: KioskGuidanceStep;
  readonly clip: string;
  readonly result: 'played' | 'blocked' | 'failed';
  /** Why it failed (a missing clip, no audio output), for the technician. */
  readonly reason?: string;
}

/** Where the clips are (`?voice=` in the page address), or null: then the kiosk offers no guidance. */
export function guidanceClipBase(): string | null {
  return voiceClipBase(window.location.href);
}

/**
 * Spoken guidance: while `on`, each step the citizen reaches is said once, from the clips built
 * with the display's (Web Audio, as the display: the CSP allows same-origin fetch, not media).
 * A step reached while another sentence is playing cuts it short: the newest step is what matters.
 */
export function useKioskGuidance(step: KioskGuidanceStep, on: boolean, base: string | null): void {
  const player = useRef<{ close(): void } | null>(null);
  // The step the latest sentence is for: a player fetched late for an older step stays silent.
  const latest = useRef(0);
  useEffect(() => {
    if (!on || base === null) return;
    const turn = ++latest.current;
    // The player and the clip list load only when guidance is on (speak-guidance.ts).
    void import('./speak-guidance').then(({ speakGuidance }) => {
      if (turn !== latest.current) return;
      player.current?.close();
      player.current = speakGuidance(step, base);
    });
  }, [step, on, base]);
  useEffect(
    () => () => {
      latest.current += 1;
      player.current?.close();
    },
    [],
  );
}
