import { useState, type FormEvent } from 'react';
import { useStrings } from '../i18n/strings';

interface SignInPanelProps {
  readonly clerks: readonly { readonly id: string; readonly name: string }[];
  readonly disabled: boolean;
  readonly onSignIn: (clerkId: string, pin: string) => void;
}

/** The clerk picks their name and types their PIN: from then on every call here is theirs. */
export function SignInPanel({ clerks, disabled, onSignIn }: SignInPanelProps) {
  const strings = useStrings();
  const [clerkId, setClerkId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (clerkId === null || pin.length < 4) return;
    onSignIn(clerkId, pin);
    setPin('');
  };
  return (
    <form className="c-signin" onSubmit={submit} data-testid="counter-signin">
      <p className="c-signin-title">{strings.counter.signInTitle}</p>
      <div className="c-transfer-options" role="radiogroup" aria-label={strings.counter.signInWho}>
        {clerks.map((c) => (
          <button
            key={c.id}
            type="button"
            role="radio"
            aria-checked={clerkId === c.id}
            className={`c-btn c-btn-option${clerkId === c.id ? ' c-btn-chosen' : ''}`}
            onClick={() => setClerkId(c.id)}
          >
            {c.name}
          </button>
        ))}
      </div>
      <label className="c-signin-pin">
        {strings.counter.pin}
        <input type="password" inputMode="numeric" autoComplete="off" value={pin} maxLength={12} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
      </label>
      <button type="submit" className="c-btn c-btn-primary c-btn-wide" disabled={disabled || clerkId === null || pin.length < 4}>
        {strings.counter.signIn}
      </button>
    </form>
  );
}
