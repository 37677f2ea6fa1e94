import { useCallback, useEffect, useState } from 'react';
import type { AdminScope, AdminSessionState } from '../../core/protocol/admin-session';
import type { Bridge } from '../../core/protocol/bridge';
import type { AppError } from '../../core/result';

/** How often the screen asks whether its administrator's session is still live (it ends after 30 idle minutes). */
const CHECK_MS = 60_000;

export type AdminSessionView =
  | { readonly kind: 'checking' }
  | { readonly kind: 'open'; readonly username: string | null; readonly scope: AdminScope; readonly province: boolean }
  | { readonly kind: 'signed-out'; readonly error: AppError | null; readonly busy: boolean; readonly province: boolean; readonly asked?: boolean };

/**
 * A province administrator's session opens the province's statistics whether or not the centre
 * asks for an administrator; without a session, a centre that asks for none opens its desk.
 */
const viewOf = (s: AdminSessionState): AdminSessionView => {
  const province = s.province ?? false;
  if (s.session) return { kind: 'open', username: s.session.username, scope: s.session.scope ?? 'centre', province };
  return s.required ? { kind: 'signed-out', error: null, busy: false, province } : { kind: 'open', username: null, scope: 'centre', province };
};

/** The administrator of this admin terminal: who is signed in, signing in and out. The token never comes here. */
export function useAdminSession(bridge: Bridge) {
  const [view, setView] = useState<AdminSessionView>({ kind: 'checking' });

  const check = useCallback(() => {
    void bridge.invoke('admin:session', {}).then((res) => {
      // A sign-in form stays as it is (its error shown) while the hub still wants one, or while one asked for is open.
      if (res.ok) setView((current) => (current.kind === 'signed-out' && !res.value.session && (current.asked || viewOf(res.value).kind === 'signed-out') ? current : viewOf(res.value)));
      // Unknown whether an administrator is needed (the hub away): the safe side is the sign-in, saying why.
      else setView((current) => (current.kind === 'checking' ? { kind: 'signed-out', error: res.error, busy: false, province: false } : current));
    });
  }, [bridge]);

  useEffect(() => {
    check();
    const timer = setInterval(check, CHECK_MS);
    return () => clearInterval(timer);
  }, [check]);

  const signIn = useCallback(
    (username: string, password: string) => {
      const stay = (current: AdminSessionView) => (current.kind === 'signed-out' ? { province: current.province, asked: current.asked } : { province: false });
      setView((current) => ({ kind: 'signed-out', error: null, busy: true, ...stay(current) }));
      void bridge.invoke('admin:sign-in', { username, password }).then((res) => setView((current) => (res.ok ? viewOf(res.value) : { kind: 'signed-out', error: res.error, busy: false, ...stay(current) })));
    },
    [bridge],
  );

  const signOut = useCallback(() => {
    void bridge.invoke('admin:sign-out', {}).then((res) => setView(res.ok ? viewOf(res.value) : { kind: 'signed-out', error: null, busy: false, province: false }));
  }, [bridge]);

  /** A province administrator at a centre that asks for no one: the sign-in form, on request; cancel goes back. */
  const askSignIn = useCallback(() => setView((current) => ({ kind: 'signed-out', error: null, busy: false, province: current.kind === 'checking' ? false : current.province, asked: true })), []);
  const cancelSignIn = useCallback(() => setView((current) => (current.kind === 'signed-out' && current.asked ? { kind: 'open', username: null, scope: 'centre', province: current.province } : current)), []);

  return { view, signIn, signOut, askSignIn, cancelSignIn };
}
