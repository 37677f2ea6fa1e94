import { announcementTimeline } from '../../core/voice/timeline';
import type { Announcement, AnnouncementPlayer, PlayResult } from './call-announcer';

/**
 * Plays announcements with Web Audio: each clip is fetched once and decoded, and all clips of
 * an announcement are scheduled on the audio clock, so the pauses between them are exact and
 * the sentence does not stutter however busy the page is. (Web Audio rather than <audio>: the
 * page's CSP allows same-origin fetch, and HTMLAudioElement would need a media-src exception.)
 */

export interface WebAudioPlayerOptions {
  /** Where the agent serves the clips, e.g. "/voice/clips/". */
  readonly baseUrl: string;
  readonly createContext?: () => AudioContext;
  /** Each clip as it ends, in order (used for diagnostics and by the browser tests). */
  readonly onClipEnded?: (key: string, clipId: string, index: number) => void;
  /** How long a suspended context may take to start before we call sound blocked. */
  readonly resumeWaitMs?: number;
}

/** Scheduling a little ahead keeps the first clip's start from being clipped. */
const LEAD_SECONDS = 0.05;
/** A clip whose "ended" never comes (the output device vanished) must not hold the queue forever. */
const STUCK_GRACE_MS = 3_000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class WebAudioPlayer implements AnnouncementPlayer {
  private context: AudioContext | null = null;
  private unsupported = false;
  private readonly buffers = new Map<string, Promise<AudioBuffer>>();
  private readonly sources = new Set<AudioBufferSourceNode>();

  constructor(private readonly options: WebAudioPlayerOptions) {}

  async play(announcement: Announcement): Promise<PlayResult> {
    const context = this.audioContext();
    if (context === null) return { kind: 'failed', reason: 'this browser has no Web Audio: calls are shown but not spoken', fatal: true };
    if (!(await this.started(context, this.options.resumeWaitMs ?? 1_500))) return { kind: 'blocked' };
    let buffers: AudioBuffer[];
    try {
      buffers = await Promise.all(announcement.clips.map((id) => this.load(context, id)));
    } catch (e) {
      return { kind: 'failed', reason: (e as Error).message, fatal: false };
    }
    const timeline = announcementTimeline(announcement.clips, buffers.map((b) => b.duration * 1000));
    const totalMs = timeline.at(-1)?.endMs ?? 0;
    const at = context.currentTime + LEAD_SECONDS;
    return new Promise<PlayResult>((resolve) => {
      let settled = false;
      const settle = (result: PlayResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(guard);
        resolve(result);
      };
      const guard = setTimeout(() => settle({ kind: 'failed', reason: 'the audio output stopped in the middle of an announcement', fatal: false }), totalMs + LEAD_SECONDS * 1000 + STUCK_GRACE_MS);
      timeline.forEach((clip, index) => {
        const source = context.createBufferSource();
        source.buffer = buffers[index] ?? null;
        source.connect(context.destination);
        source.onended = () => {
          this.sources.delete(source);
          this.options.onClipEnded?.(announcement.key, clip.id, index);
          if (index === timeline.length - 1) settle({ kind: 'played' });
        };
        this.sources.add(source);
        source.start(at + clip.startMs / 1000);
      });
    });
  }

  async unlock(): Promise<boolean> {
    const context = this.audioContext();
    // resume() must be called inside the click's task: no await before it.
    return context !== null && this.started(context, 2_000);
  }

  close(): void {
    for (const s of this.sources) s.stop();
    this.sources.clear();
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  /** Created on first use: a context made before any call would only earn an autoplay warning. */
  private audioContext(): AudioContext | null {
    if (this.context !== null || this.unsupported) return this.context;
    try {
      this.context = this.options.createContext?.() ?? new AudioContext();
    } catch {
      this.unsupported = true;
    }
    return this.context;
  }

  /** True once the context runs. A new context starts "suspended" for a moment even where sound is allowed. */
  private async started(context: AudioContext, waitMs: number): Promise<boolean> {
    if (context.state === 'running') return true;
    if (context.state === 'closed') return false;
    await Promise.race([context.resume().catch(() => undefined), delay(waitMs)]);
    return (context.state as AudioContextState) === 'running';
  }

  /** One fetch per clip for the life of the page; a failure is forgotten so a rebuilt folder is picked up. */
  private load(context: AudioContext, id: string): Promise<AudioBuffer> {
    const cached = this.buffers.get(id);
    if (cached !== undefined) return cached;
    const url = `${this.options.baseUrl}${encodeURIComponent(id)}.wav`;
    const loading = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`voice clip ${url}: HTTP ${response.status}`);
        return response.arrayBuffer();
      })
      .then((bytes) => context.decodeAudioData(bytes));
    loading.catch(() => this.buffers.delete(id));
    this.buffers.set(id, loading);
    return loading;
  }
}
