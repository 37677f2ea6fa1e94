import { useCallback, useEffect, useState } from 'react';
import type { AdminSessionState } from '../../core/protocol/admin-session';
import type { Bridge } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';

/** How often the screen asks whether its administrator's session is still live (it ends after 30 idle minutes). */
const CHECK_MS = 60_000;

export type AdminSessionView =
  | { readonly kind: 'checking' }
  | { readonly kind: 'open'; readonly username: string | null }
  | { readonly kind: 'signed-out'; readonly error: AppError | null; readonly busy: boolean };

const viewOf = (s: AdminSessionState): AdminSessionView =>
  !s.required ? { kind: 'open', username: null } : s.session ? { kind: 'open', username: s.session.username } : { kind: 'signed-out', error: null, busy: false };

/** The administrator of this admin terminal: who is signed in, signing in and out. The token never comes here. */
export function useAdminSession(bridge: Bridge) {
  const [view, setView] = useState<AdminSessionView>({ kind: 'checking' });

  const check = useCallback(() => {
    void bridge.invoke('admin:session', {}).then((res) => {
      if (res.ok) setView((current) => (current.kind === 'signed-out' && viewOf(res.value).kind === 'signed-out' ? current : viewOf(res.value)));
      // Unknown whether an administrator is needed (the hub away): the safe side is the sign-in, saying why.
      else setView((current) => (current.kind === 'checking' ? { kind: 'signed-out', error: res.error, busy: false } : current));
    });
  }, [bridge]);

  useEffect(() => {
    check();
    const timer = setInterval(check, CHECK_MS);
    return () => clearInterval(timer);
  }, [check]);

  const signIn = useCallback(
    (username: string, password: string) => {
      setView({ kind: 'signed-out', error: null, busy: true });
      void bridge.invoke('admin:sign-in', { username, password }).then((res) => setView(res.ok ? viewOf(res.value) : { kind: 'signed-out', error: res.error, busy: false }));
    },
    [bridge],
  );

  const signOut = useCallback(() => {
    void bridge.invoke('admin:sign-out', {}).then((res) => setView(res.ok ? viewOf(res.value) : { kind: 'signed-out', error: null, busy: false }));
  }, [bridge]);

  return { view, signIn, signOut };
}
