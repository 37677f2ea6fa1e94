import { useState, type FormEvent } from 'react';
import type { OfficerView } from '../../core/dossiers/dossier';
import type { AppError } from '../../core/result';
import { useBridge } from '../bridge/use-terminal-context';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import { useActionIds } from '../shared/command-id';

const PAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const MAX_PIN = 12;

/** The officer picks their name and types the PIN (keyboard or the on-screen pad). */
export function OfficerSignIn({ officers, disabled }: { readonly officers: readonly OfficerView[]; readonly disabled: boolean }) {
  const strings = useStrings();
  const s = strings.backoffice.signIn;
  const bridge = useBridge();
  const ids = useActionIds();
  const [officerId, setOfficerId] = useState<string | null>(officers.length === 1 ? officers[0]!.id : null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const type = (digit: string) => setPin((p) => (p.length < MAX_PIN ? p + digit : p));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (officerId === null || pin.length < 4 || busy) return;
    setBusy(true);
    void ids.invoke(bridge, 'backoffice:sign-in', { officerId, pin }).then((r) => {
      setBusy(false);
      setPin('');
      setError(r.ok ? null : r.error);
    });
  };

  if (officers.length === 0) {
    return <p className="bo-panel bo-signin-empty">{s.noOfficers}</p>;
  }
  return (
    <form className="bo-panel bo-signin" onSubmit={submit} data-testid="backoffice-signin">
      <h2>{s.title}</h2>
      <div className="bo-signin-grid">
        <div className="bo-signin-who">
          <p className="bo-label" id="bo-signin-who">
            {s.who}
          </p>
          <div className="bo-officers" role="radiogroup" aria-labelledby="bo-signin-who">
            {officers.map((o) => (
              <button
                key={o.id}
                type="button"
                role="radio"
                aria-checked={officerId === o.id}
                className={`bo-officer-option${officerId === o.id ? ' bo-chosen' : ''}`}
                onClick={() => setOfficerId(o.id)}
              >
                <span className="bo-avatar" aria-hidden="true">
                  {initial(o.name)}
                </span>
                {o.name}
              </button>
            ))}
          </div>
        </div>
        <div className="bo-signin-pin">
          <label className="bo-label" htmlFor="bo-pin">
            {s.pin}
          </label>
          <input
            id="bo-pin"
            className="bo-pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            maxLength={MAX_PIN}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, MAX_PIN))}
          />
          <div className="bo-pad" role="group" aria-label={s.pinPad}>
            {PAD.map((d) => (
              <button key={d} type="button" className="bo-pad-key" onClick={() => type(d)}>
                {d}
              </button>
            ))}
            <button type="button" className="bo-pad-key bo-pad-word" onClick={() => setPin('')}>
              {s.clear}
            </button>
            <button type="button" className="bo-pad-key" onClick={() => type('0')}>
              0
            </button>
            <button type="button" className="bo-pad-key bo-pad-word" onClick={() => setPin((p) => p.slice(0, -1))}>
              {s.erase}
            </button>
          </div>
          <button type="submit" className="bo-btn bo-btn-primary bo-btn-wide" disabled={disabled || busy || officerId === null || pin.length < 4}>
            {busy ? s.working : s.submit}
          </button>
        </div>
      </div>
      {error !== null && (
        <p className="bo-message bo-message-error" role="alert">
          <strong>{s.failed}:</strong> {describeError(strings, error, true)}
        </p>
      )}
    </form>
  );
}

/** The first letter of the given name (Vietnamese names end with it): "Nguyễn Văn An" → "A". */
function initial(name: string): string {
  return name.trim().split(/\s+/).at(-1)?.charAt(0).toLocaleUpperCase('vi-VN') ?? '?';
}
