import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dossier } from '../../core/dossiers/dossier';
import type { Bridge } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';
import { playChime } from './chime';
import { mergeFetched, upsertDossier } from './inbox';

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
 * The department's dossiers, live: the list the hub answers once, then every dossier notice the
 * terminal hears applied as it comes (no reload), and a fresh list after the hub comes back.
 */
export function useInbox(bridge: Bridge, hubConnected: boolean): Inbox {
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

  // Each dossier notice once, as it comes (a bridge event with its number): what happened before
  // the screen opened is in the list the hub answered.
  useEffect(
    () =>
      bridge.onEvent('dossier-notice', ({ event }) => {
        if (departmentId.current !== null && event.dossier.departmentId !== departmentId.current) return;
        setDossiers((list) => upsertDossier(list, event.dossier));
        if (event.kind !== 'received') return;
        const dossier = event.dossier;
        setUnread((u) => new Set([...u, dossier.code]));
        const toast = { id: nextToast.current++, dossier };
        setToasts((t) => [toast, ...t].slice(0, 4));
        setTimeout(() => alive.current && setToasts((t) => t.filter((x) => x.id !== toast.id)), TOAST_MS);
        playChime();
      }),
    [bridge],
  );

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
