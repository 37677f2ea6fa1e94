import { useEffect, useRef } from 'react';
import { GUIDANCE_CLIPS, type KioskGuidanceStep } from '../../core/voice/clip-catalogue';
import { voiceClipBase } from '../display/voice-source';
import { WebAudioPlayer } from '../display/web-audio-player';

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
  const player = useRef<WebAudioPlayer | null>(null);
  useEffect(() => {
    if (!on || base === null) return;
    const clip = GUIDANCE_CLIPS[step].id;
    // A fresh player per sentence: closing the last one stops what it was saying.
    player.current?.close();
    const current = new WebAudioPlayer({ baseUrl: base });
    player.current = current;
    void current.play({ key: `${step}-${Date.now()}`, text: GUIDANCE_CLIPS[step].text, clips: [clip] }).then((r) => {
      const detail: GuidanceEventDetail = r.kind === 'failed' ? { step, clip, result: r.kind, reason: r.reason } : { step, clip, result: r.kind };
      if (r.kind === 'failed') console.warn(`motcua guidance: ${clip}: ${r.reason}`);
      window.dispatchEvent(new CustomEvent<GuidanceEventDetail>(GUIDANCE_EVENT, { detail }));
    });
  }, [step, on, base]);
  useEffect(() => () => player.current?.close(), []);
}
