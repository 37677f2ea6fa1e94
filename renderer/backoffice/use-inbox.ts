import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dossier, DossierEvent } from '../../core/dossiers/dossier';
import type { Bridge } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';
import { playChime } from './chime';
import { eventKey, mergeFetched, upsertDossier } from './inbox';

/** A notice that a dossier arrived; it goes by itself after a while, the highlight in the list stays. */
export interface ArrivalToast {
  readonly id: number;
  readonly dossier: Dossier;
}

export interface Inbox {
  readonly dossiers: readonly Dossier[];
  readonly loading: boolean;
  readonly error: AppError | null;
  /** Codes of dossiers that arrived while this screen was open and have not been opened yet. */
  readonly unread: ReadonlySet<string>;
  readonly toasts: readonly ArrivalToast[];
  reload(): void;
  /** A newer copy of a dossier (an action's answer). */
  put(d: Dossier): void;
  markRead(code: string): void;
  dismiss(toastId: number): void;
}

const TOAST_MS = 12_000;

/**
 * The department's dossiers, live: the list the hub answers once, then every dossier event the
 * terminal hears applied as it comes (no reload), and a fresh list after the hub comes back.
 */
export function useInbox(bridge: Bridge, feed: readonly DossierEvent[], hubConnected: boolean): Inbox {
  const [dossiers, setDossiers] = useState<readonly Dossier[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const [unread, setUnread] = useState<ReadonlySet<string>>(() => new Set());
  const [toasts, setToasts] = useState<readonly ArrivalToast[]>([]);
  const departmentId = useRef<string | null>(null);
  const nextToast = useRef(1);
  const alive = useRef(true);
  const request = useRef(0);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const reload = useCallback(() => {
    const mine = ++request.current;
    setLoading(true);
    void bridge.invoke('backoffice:list', {}).then((r) => {
      if (!alive.current || mine !== request.current) return;
      setLoading(false);
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setError(null);
      departmentId.current = r.value.departmentId;
      setDossiers((local) => mergeFetched(r.value.dossiers, local));
    });
  }, [bridge]);

  useEffect(reload, [reload]);

  // The hub was away: events may have been missed, ask again.
  const wasConnected = useRef(hubConnected);
  useEffect(() => {
    if (hubConnected && !wasConnected.current) reload();
    wasConnected.current = hubConnected;
  }, [hubConnected, reload]);

  // The feed is the terminal's last events, newest first, pushed whole on every change: apply
  // only the ones not seen yet. What was in it when the screen opened is in the list already.
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    const known = seen.current;
    seen.current = new Set(feed.map(eventKey));
    if (known === null) return;
    const fresh = feed.filter((e) => !known.has(eventKey(e))).reverse();
    const ours = fresh.filter((e) => departmentId.current === null || e.dossier.departmentId === departmentId.current);
    if (ours.length === 0) return;
    setDossiers((list) => ours.reduce<readonly Dossier[]>((acc, e) => upsertDossier(acc, e.dossier), list));
    const arrived = ours.filter((e) => e.kind === 'received').map((e) => e.dossier);
    if (arrived.length === 0) return;
    setUnread((u) => new Set([...u, ...arrived.map((d) => d.code)]));
    const added = arrived.map((dossier) => ({ id: nextToast.current++, dossier }));
    setToasts((t) => [...added.reverse(), ...t].slice(0, 4));
    for (const toast of added) setTimeout(() => alive.current && setToasts((t) => t.filter((x) => x.id !== toast.id)), TOAST_MS);
    playChime();
  }, [feed]);

  const put = useCallback((d: Dossier) => setDossiers((list) => upsertDossier(list, d)), []);
  const markRead = useCallback((code: string) => {
    setUnread((u) => {
      if (!u.has(code)) return u;
      const next = new Set(u);
      next.delete(code);
      return next;
    });
    setToasts((t) => t.filter((x) => x.dossier.code !== code));
  }, []);
  const dismiss = useCallback((toastId: number) => setToasts((t) => t.filter((x) => x.id !== toastId)), []);

  return { dossiers, loading, error, unread, toasts, reload, put, markRead, dismiss };
}
