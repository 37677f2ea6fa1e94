import { useState } from 'react';
import type { AppError } from '../../core/result';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import './admin-sign-in.css';

/** The administrator's sign-in: name and password, the hub's refusal (wrong, locked) in words. */
export function AdminSignIn({
  centreName,
  error,
  busy,
  province = false,
  onSignIn,
  onCancel,
}: {
  readonly centreName: string | undefined;
  readonly error: AppError | null;
  readonly busy: boolean;
  /** A province's hub: its province administrators sign in here too. */
  readonly province?: boolean;
  readonly onSignIn: (username: string, password: string) => void;
  /** Back to the centre's desk (a sign-in asked for where the centre needs none). */
  readonly onCancel?: () => void;
}) {
  const strings = useStrings();
  const t = strings.adminSignIn;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <main className="admin a-sign-in-page">
      <form
        className="a-sign-in"
        data-testid="admin-sign-in"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && username !== '' && password !== '') onSignIn(username.trim(), password);
        }}
      >
        <h1>{t.title}</h1>
        {centreName ? <p className="a-sign-in-centre">{centreName}</p> : null}
        <p className="a-sign-in-lead">{t.lead}</p>
        <label>
          {t.username}
          <input name="username" autoComplete="username" autoFocus value={username} maxLength={40} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t.password}
          <input name="password" type="password" autoComplete="current-password" value={password} maxLength={200} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error ? (
          <p className="a-sign-in-error" role="alert" data-error-kind={error.kind}>
            {/* The hub's own words (wrong, locked for N minutes); the general line of 'unauthorized' speaks of the device, not the person. */}
            {error.kind === 'hub-unreachable' ? describeError(strings, error, true) : error.message}
          </p>
        ) : null}
        <button type="submit" disabled={busy || username === '' || password === ''}>
          {busy ? t.signingIn : t.signIn}
        </button>
        {onCancel ? (
          <button type="button" className="a-sign-in-cancel" onClick={onCancel}>
            {strings.provinceStats.back}
          </button>
        ) : null}
        <p className="a-sign-in-hint">{t.hint}</p>
        {province ? <p className="a-sign-in-hint">{strings.provinceStats.signInHint}</p> : null}
      </form>
    </main>
  );
}
