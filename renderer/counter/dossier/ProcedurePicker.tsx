import { useMemo, useState } from 'react';
import { searchProcedures, type Procedure } from '../../../core/dossiers/catalogue';
import { useStrings } from '../../i18n/strings';
import { processingText } from './dossier-format';

const MAX_RESULTS = 8;

/** Search the catalogue the way clerks type (no diacritics is fine), then tap the procedure. */
export function ProcedurePicker({ procedures, onPick }: { readonly procedures: readonly Procedure[]; readonly onPick: (p: Procedure) => void }) {
  const t = useStrings().counterDossier;
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchProcedures(procedures, query).slice(0, MAX_RESULTS), [procedures, query]);
  return (
    <div className="cd-picker" data-testid="dossier-procedure-search">
      <label className="cd-field cd-field-wide">
        <span>{t.search.label}</span>
        <input type="search" value={query} placeholder={t.search.placeholder} autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
      </label>
      {query.trim() !== '' && found.length === 0 && <p className="cd-note">{t.search.none(query.trim())}</p>}
      {found.length > 0 && (
        <ul className="cd-results" aria-label={t.search.results}>
          {found.map((p) => (
            <li key={p.code}>
              <button type="button" className="cd-hit" onClick={() => onPick(p)}>
                <span className="cd-hit-name">{p.name}</span>
                <span className="cd-hit-facts">
                  {p.code}
                  {p.nationalCode !== undefined && ` · ${t.search.nationalCode(p.nationalCode)}`} · {processingText(t, p)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ProcedureFacts({ procedure, onChange }: { readonly procedure: Procedure; readonly onChange: () => void }) {
  const t = useStrings().counterDossier;
  return (
    <div className="cd-procedure" data-testid="dossier-procedure">
      <div className="cd-procedure-head">
        <h2>{procedure.name}</h2>
        <button type="button" className="cd-btn cd-btn-ghost" onClick={onChange}>
          {t.search.change}
        </button>
      </div>
      <dl className="cd-facts">
        <div>
          <dt>{t.procedure.processing}</dt>
          <dd>{processingText(t, procedure)}</dd>
        </div>
        <div>
          <dt>{t.procedure.fee}</dt>
          <dd>{procedure.fee === 0 ? t.procedure.free : t.fee.vnd(procedure.fee)}</dd>
        </div>
      </dl>
    </div>
  );
}
