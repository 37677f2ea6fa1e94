import { useState, type FormEvent } from 'react';
import type { Procedure } from '../../core/dossiers/catalogue';
import type { Dossier } from '../../core/dossiers/dossier';
import type { AppError, Result } from '../../core/result';
import type { BackofficeAction } from '../i18n/backoffice-strings';
import { useStrings } from '../i18n/strings';
import { describeError } from '../shared/describe-error';
import { actionsFrom } from './inbox';
import type { ActRequest, OpenDossier } from './use-dossier';

interface ActionPanelProps {
  readonly dossier: Dossier;
  readonly procedure: Procedure | undefined;
  readonly busy: boolean;
  readonly onAct: (request: ActRequest) => Promise<Result<OpenDossier>>;
}

type Outcome = { readonly kind: 'done'; readonly text: string } | { readonly kind: 'failed'; readonly error: AppError } | null;

/**
 * The decisions open from the dossier's status. Each opens a short form (a reason where the
 * law asks for one, the missing papers for Form 02, the new date for Form 04) and says what
 * the hub answered.
 */
export function ActionPanel({ dossier, procedure, busy, onAct }: ActionPanelProps) {
  const strings = useStrings();
  const a = strings.backoffice.actions;
  const [chosen, setChosen] = useState<BackofficeAction | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const allowed = actionsFrom(dossier.status);

  const send = async (request: ActRequest & { readonly action: BackofficeAction }) => {
    const r = await onAct(request);
    if (r.ok) {
      setChosen(null);
      setOutcome({ kind: 'done', text: a.done(a.names[request.action], strings.backoffice.status(r.value.dossier.status)) });
    } else {
      setOutcome({ kind: 'failed', error: r.error });
    }
  };

  return (
    <section className="bo-panel bo-actions" data-testid="backoffice-actions">
      <h3>{a.title}</h3>
      {allowed.length === 0 ? (
        <p className="bo-muted">{a.none}</p>
      ) : (
        <div className="bo-action-buttons">
          {allowed.map((action) => (
            <button
              key={action}
              type="button"
              aria-pressed={chosen === action}
              className={`bo-btn bo-action bo-action-${action}${chosen === action ? ' bo-chosen' : ''}`}
              disabled={busy}
              onClick={() => {
                setChosen(action);
                setOutcome(null);
              }}
            >
              {a.names[action]}
            </button>
          ))}
        </div>
      )}
      {chosen !== null && allowed.includes(chosen) && (
        <ActionForm key={chosen} action={chosen} dossier={dossier} procedure={procedure} busy={busy} onCancel={() => setChosen(null)} onSend={send} />
      )}
      {outcome?.kind === 'done' && (
        <p className="bo-message bo-message-ok" role="status" data-testid="backoffice-outcome">
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <p className="bo-message bo-message-error" role="alert" data-testid="backoffice-outcome">
          <strong>{a.failed}:</strong> {describeError(strings, outcome.error, true)}
        </p>
      )}
    </section>
  );
}

interface ActionFormProps {
  readonly action: BackofficeAction;
  readonly dossier: Dossier;
  readonly procedure: Procedure | undefined;
  readonly busy: boolean;
  readonly onCancel: () => void;
  readonly onSend: (request: ActRequest & { readonly action: BackofficeAction }) => Promise<void>;
}

function ActionForm({ action, dossier, procedure, busy, onCancel, onSend }: ActionFormProps) {
  const a = useStrings().backoffice.actions;
  const [note, setNote] = useState('');
  const [ticked, setTicked] = useState<readonly string[]>([]);
  const [other, setOther] = useState('');
  const [newDue, setNewDue] = useState(() => nextDayAt(dossier.dueLocal));
  const needsReason = action === 'supplement' || action === 'refuse' || action === 'delay';
  const otherLines = other
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const missing = [...ticked, ...otherLines];
  const ready = (!needsReason || note.trim() !== '') && (action !== 'supplement' || missing.length > 0) && (action !== 'delay' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(newDue));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready || busy) return;
    const trimmed = note.trim();
    void onSend({
      action,
      ...(trimmed === '' ? {} : { note: trimmed }),
      ...(action === 'supplement' ? { missing } : {}),
      ...(action === 'delay' ? { newDueDate: newDue } : {}),
    });
  };

  // The procedure's checklist, and anything the counter recorded beyond it.
  const papers = [...new Set([...(procedure?.documents.map((d) => d.name) ?? []), ...dossier.documents.map((d) => d.name)])];
  return (
    <form className={`bo-action-form bo-action-form-${action}`} onSubmit={submit} data-testid="backoffice-action-form">
      <p className="bo-hint">{a.hints[action]}</p>
      {action === 'supplement' && (
        <fieldset className="bo-missing-pick">
          <legend>{a.missingTitle}</legend>
          {papers.map((name) => (
            <label key={name} className="bo-check">
              <input
                type="checkbox"
                checked={ticked.includes(name)}
                onChange={(e) => setTicked((t) => (e.target.checked ? [...t, name] : t.filter((x) => x !== name)))}
              />
              <span>{name}</span>
            </label>
          ))}
          <label className="bo-field">
            <span>{a.missingOther}</span>
            <textarea rows={2} value={other} maxLength={2000} onChange={(e) => setOther(e.target.value)} />
          </label>
          {missing.length === 0 && <p className="bo-muted">{a.missingNeeded}</p>}
        </fieldset>
      )}
      {action === 'delay' && (
        <label className="bo-field">
          <span>{a.newDue}</span>
          <input type="datetime-local" value={newDue} min={dossier.dueLocal.slice(0, 16)} onChange={(e) => setNewDue(e.target.value)} required />
        </label>
      )}
      <label className="bo-field">
        <span>{needsReason ? (action === 'supplement' ? a.reasonSupplement : a.reason) : a.note}</span>
        <textarea rows={2} value={note} maxLength={1000} required={needsReason} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="bo-form-buttons">
        <button type="submit" className={`bo-btn ${action === 'refuse' ? 'bo-btn-danger' : 'bo-btn-primary'}`} disabled={busy || !ready}>
          {busy ? a.working : `${a.confirm}: ${a.names[action]}`}
        </button>
        <button type="button" className="bo-btn bo-btn-ghost" disabled={busy} onClick={onCancel}>
          {a.cancel}
        </button>
      </div>
    </form>
  );
}

/** A first guess for a new due date: the day after the current one, same time. */
function nextDayAt(dueLocal: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(dueLocal);
  if (m === null) return '';
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return `${next.toISOString().slice(0, 10)}T${m[4]}`;
}
