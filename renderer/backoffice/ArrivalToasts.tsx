import { useStrings } from '../i18n/strings';
import { formatWallTime } from './inbox';
import type { ArrivalToast } from './use-inbox';

/** "A new dossier arrived": in the corner, with a button that opens it. */
export function ArrivalToasts({ toasts, onOpen, onDismiss }: { readonly toasts: readonly ArrivalToast[]; readonly onOpen: (code: string) => void; readonly onDismiss: (id: number) => void }) {
  const b = useStrings().backoffice;
  const t = b.toast;
  return (
    <div className="bo-toasts" role="status" aria-live="polite" data-testid="backoffice-toasts">
      {toasts.map(({ id, dossier }) => (
        <div key={id} className="bo-toast" data-code={dossier.code}>
          <div className="bo-toast-text">
            <p className="bo-toast-title">{t.arrived}</p>
            <p className="bo-toast-code">
              {dossier.code} · {dossier.applicant.fullName}
            </p>
            <p className="bo-toast-procedure">{dossier.procedureName}</p>
            <p className="bo-toast-due">{b.dueAt(formatWallTime(dossier.dueLocal))}</p>
          </div>
          <div className="bo-toast-actions">
            <button type="button" className="bo-btn bo-btn-primary bo-btn-small" onClick={() => onOpen(dossier.code)}>
              {t.open}
            </button>
            <button type="button" className="bo-toast-close" aria-label={t.close} onClick={() => onDismiss(id)}>
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
