import { GUIDANCE_CLIPS, type KioskGuidanceStep } from '../../core/voice/clip-catalogue';
import { WebAudioPlayer } from '../display/web-audio-player';
import { GUIDANCE_EVENT, type GuidanceEventDetail } from './use-kiosk-guidance';

/**
 * Says one step's sentence on a fresh player (closing the last one stops what it was saying) and
 * tells the window how it went. A chunk of its own: fetched only once a citizen turns guidance on.
 */
export function speakGuidance(step: KioskGuidanceStep, base: string): { close(): void } {
  const clip = GUIDANCE_CLIPS[step].id;
  const player = new WebAudioPlayer({ baseUrl: base });
  void player.play({ key: `${step}-${Date.now()}`, text: GUIDANCE_CLIPS[step].text, clips: [clip] }).then((r) => {
    const detail: GuidanceEventDetail = r.kind === 'failed' ? { step, clip, result: r.kind, reason: r.reason } : { step, clip, result: r.kind };
    if (r.kind === 'failed') console.warn(`motcua guidance: ${clip}: ${r.reason}`);
    window.dispatchEvent(new CustomEvent<GuidanceEventDetail>(GUIDANCE_EVENT, { detail }));
  });
  return player;
}
