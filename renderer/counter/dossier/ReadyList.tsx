import { useCallback, useEffect, useState } from 'react';
import type { Dossier } from '../../../core/dossiers/dossier';
import type { AppError } from '../../../core/result';
import { useBridge } from '../../bridge/use-terminal-context';
import { useStrings } from '../../i18n/strings';
import { describeError } from '../../shared/describe-error';

/**
 * "Kết quả chờ trả": the results ready (done) to hand back at this counter's centre, wherever
 * the dossier was received (core/protocol dossier:ready). Loaded when the desk is shown, when a
 * dossier event arrives (`version`) and after a hand-back; a line opens the dossier.
 */
export function ReadyList({ active, version, onOpen }: { readonly active: boolean; readonly version: string; readonly onOpen: (code: string) => void }) {
  const strings = useStrings();
  const t = strings.counterDossier.ready;
  const bridge = useBridge();
  const [dossiers, setDossiers] = useState<readonly Dossier[] | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    void bridge
      .invoke('counter:ready-dossiers', {})
      .then((r) => {
        if (r.ok) {
          setDossiers(r.value.dossiers);
          setFailure(null);
        } else setFailure(r.error);
      })
      .finally(() => setLoading(false));
  }, [bridge]);
  useEffect(() => {
    if (active) load();
  }, [active, version, load]);

  return (
    <section className="cd-ready" aria-labelledby="cd-ready-title" data-testid="dossier-ready">
      <div className="cd-ready-head">
        <h3 id="cd-ready-title">
          {t.title}
          {dossiers !== null && dossiers.length > 0 ? ` (${dossiers.length})` : ''}
        </h3>
        <button type="button" className="cd-btn cd-btn-secondary cd-btn-small" disabled={loading} onClick={load}>
          {loading ? t.loading : t.refresh}
        </button>
      </div>
      {failure !== null && (
        <p className="cd-msg cd-msg-error" role="alert">
          <strong>{t.failed}:</strong> {describeError(strings, failure, true)}
        </p>
      )}
      {dossiers !== null && dossiers.length === 0 && <p className="cd-note">{t.none}</p>}
      {dossiers !== null && dossiers.length > 0 && (
        <ul>
          {dossiers.map((d) => (
            <li key={d.code}>
              <button type="button" className="cd-ready-item" aria-label={t.open(d.code)} onClick={() => onOpen(d.code)}>
                <span className="cd-ready-code">{d.code}</span>
                <span className="cd-ready-who">
                  {d.applicant.fullName} · {d.procedureName}
                </span>
                <span className="cd-ready-where">{t.receivedAt(d.receivedAtCentre.name)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
