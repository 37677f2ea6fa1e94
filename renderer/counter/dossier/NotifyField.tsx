import { useStrings } from '../../i18n/strings';
import type { NotifyDraft } from './notify-form';

/** The citizen's phone for notifications and the consent box (unticked until the citizen agrees). */
export function NotifyField({ draft, problem, onChange }: { readonly draft: NotifyDraft; readonly problem: string | null; readonly onChange: (next: NotifyDraft) => void }) {
  const t = useStrings().counterDossier.notify;
  return (
    <section className="cd-notify" aria-labelledby="cd-notify-title" data-testid="dossier-notify">
      <h3 id="cd-notify-title">{t.title}</h3>
      <div className="cd-notify-row">
        <label className={`cd-field${problem ? ' cd-field-bad' : ''}`}>
          <span>{t.phone}</span>
          <input
            name="notifyPhone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="0912 345 678"
            value={draft.phone}
            aria-invalid={problem ? true : undefined}
            aria-describedby="cd-notify-hint"
            onChange={(e) => onChange({ ...draft, phone: e.target.value })}
          />
        </label>
        <label className="cd-consent">
          <input type="checkbox" name="notifyConsent" checked={draft.consent} onChange={(e) => onChange({ ...draft, consent: e.target.checked })} />
          <span>{t.consent}</span>
        </label>
      </div>
      {problem ? (
        <small className="cd-problem" role="alert">
          {problem}
        </small>
      ) : (
        <small className="cd-hint" id="cd-notify-hint">
          {t.hint}
        </small>
      )}
    </section>
  );
}
