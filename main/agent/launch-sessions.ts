import { createHash, randomBytes } from 'node:crypto';

export interface LaunchSessionsOptions {
  readonly clock: () => Date;
  /** How long a session lasts with no page connected and no file asked for (default 12 hours). */
  readonly idleMs?: number;
}

export const LAUNCH_SESSION_IDLE_MS = 12 * 60 * 60_000;

interface SessionState {
  lastSeen: number;
  /** Pages connected with it now: a session in use never expires (a display runs for days). */
  attached: number;
}

/**
 * The browser sessions a terminal's screen server opened from launch codes: random ids, carried
 * by an HttpOnly cookie, kept only as hashes, in memory (a restarted agent prints a new launch
 * address). Expiry slides: each use restarts the idle time.
 */
export class LaunchSessions {
  readonly #sessions = new Map<string, SessionState>();
  readonly #idleMs: number;

  constructor(private readonly options: LaunchSessionsOptions) {
    this.#idleMs = options.idleMs ?? LAUNCH_SESSION_IDLE_MS;
  }

  /** A new session's id (43 URL-safe characters, 256 random bits), for the cookie. */
  open(): string {
    const now = this.#now();
    for (const [key, s] of this.#sessions) if (this.#expired(s, now)) this.#sessions.delete(key);
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(hash(id), { lastSeen: now, attached: 0 });
    return id;
  }

  /** Whether `id` is a live session; using it restarts its idle time. */
  touch(id: string | null): boolean {
    const state = this.#find(id);
    if (state === null) return false;
    state.lastSeen = this.#now();
    return true;
  }

  /**
   * Marks a page connected with a live session `id` until the returned function is called; null
   * when `id` is not live. While any page is attached the session does not expire.
   */
  attach(id: string | null): (() => void) | null {
    const state = this.#find(id);
    if (state === null) return null;
    state.attached += 1;
    state.lastSeen = this.#now();
    let detached = false;
    return () => {
      if (detached) return;
      detached = true;
      state.attached -= 1;
      state.lastSeen = this.#now();
    };
  }

  #find(id: string | null): SessionState | null {
    if (id === null || id === '') return null;
    const key = hash(id);
    const state = this.#sessions.get(key);
    if (state === undefined) return null;
    if (this.#expired(state, this.#now())) {
      this.#sessions.delete(key);
      return null;
    }
    return state;
  }

  #expired(s: SessionState, now: number): boolean {
    return s.attached === 0 && now - s.lastSeen > this.#idleMs;
  }

  #now(): number {
    return this.options.clock().getTime();
  }
}

function hash(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
