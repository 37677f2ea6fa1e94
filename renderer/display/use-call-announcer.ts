import { useCallback, useEffect, useRef, useState } from 'react';
import type { TerminalContext } from '../../core/protocol/bridge';
import type { QueueSnapshot } from '../../core/queue/snapshot';
import { announcementsBetween } from '../../core/voice/new-calls';
import { CallAnnouncer, type AnnouncerEvent, type AnnouncerStatus } from './call-announcer';
import { voiceClipBase } from './voice-source';
import { WebAudioPlayer } from './web-audio-player';

/** Dispatched on `window` for every step of every announcement: a technician's console, and the browser tests, can follow the voice. */
export const VOICE_EVENT = 'motcua:voice';

export type VoiceEventDetail = AnnouncerEvent | { readonly type: 'clip-ended'; readonly key: string; readonly clip: string; readonly index: number; readonly at: number };

export interface CallVoice {
  /** 'off': this screen was opened without clips (no `?voice=`). */
  readonly status: AnnouncerStatus | 'off';
  /** For the "turn on sound" button, inside its click. */
  readonly unlock: () => void;
}

function emit(detail: VoiceEventDetail): void {
  window.dispatchEvent(new CustomEvent<VoiceEventDetail>(VOICE_EVENT, { detail }));
}

/** Speaks every new call of the pushed snapshots, one after another, on the waiting-room display. */
export function useCallAnnouncer(context: TerminalContext): CallVoice {
  const [base] = useState(() => voiceClipBase(window.location.href));
  const [status, setStatus] = useState<AnnouncerStatus | 'off'>('off');
  const announcer = useRef<CallAnnouncer | null>(null);
  const previous = useRef<QueueSnapshot | null>(null);

  useEffect(() => {
    if (base === null) return;
    const player = new WebAudioPlayer({
      baseUrl: base,
      onClipEnded: (key, clip, index) => emit({ type: 'clip-ended', key, clip, index, at: performance.now() }),
    });
    const created = new CallAnnouncer(player, {
      now: () => performance.now(),
      onStatus: setStatus,
      onEvent: emit,
      // A warning, not an error: the screen goes on working without sound.
      log: (message) => console.warn(`motcua voice: ${message}`),
    });
    announcer.current = created;
    setStatus(created.status());
    return () => {
      created.close();
      announcer.current = null;
    };
  }, [base]);

  const { snapshot, counters } = context;
  useEffect(() => {
    const { calls, problems } = announcementsBetween(previous.current, snapshot, counters);
    previous.current = snapshot;
    const target = announcer.current;
    if (target === null) return;
    for (const problem of problems) target.warn(problem);
    for (const call of calls) target.enqueue(call);
  }, [snapshot, counters]);

  const unlock = useCallback(() => void announcer.current?.unlock(), []);
  return { status, unlock };
}
