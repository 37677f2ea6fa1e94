import type { RequiredDocument } from '../../../core/dossiers/catalogue';
import { useStrings } from '../../i18n/strings';

export interface ChecklistLine {
  readonly received: boolean;
  readonly copies: number;
}

export function initialChecklist(documents: readonly RequiredDocument[]): ChecklistLine[] {
  return documents.map((d) => ({ received: false, copies: d.copies }));
}

/** The procedure's papers: the clerk ticks each one handed in and corrects the copies. */
export function Checklist({
  documents,
  lines,
  onChange,
}: {
  readonly documents: readonly RequiredDocument[];
  readonly lines: readonly ChecklistLine[];
  readonly onChange: (index: number, line: ChecklistLine) => void;
}) {
  const t = useStrings().counterDossier.checklist;
  const done = lines.filter((l) => l.received).length;
  return (
    <section className="cd-checklist" aria-labelledby="cd-checklist-title" data-testid="dossier-checklist">
      <div className="cd-section-head">
        <h3 id="cd-checklist-title">{t.title}</h3>
        <span className="cd-count">{t.received(done, documents.length)}</span>
      </div>
      <ul>
        {documents.map((d, i) => {
          const line = lines[i] ?? { received: false, copies: d.copies };
          return (
            <li key={d.name} className={line.received ? 'cd-doc cd-doc-received' : 'cd-doc'}>
              <label className="cd-doc-tick">
                <input type="checkbox" checked={line.received} onChange={(e) => onChange(i, { ...line, received: e.target.checked })} />
                <span className="cd-doc-name">{d.name}</span>
              </label>
              <span className={d.original ? 'cd-tag cd-tag-original' : 'cd-tag'}>{d.original ? t.original : t.copy}</span>
              <label className="cd-copies">
                <span>{t.copies}</span>
                <input
                  type="number"
                  min={1}
                  max={20}
                  inputMode="numeric"
                  value={line.copies}
                  aria-label={`${t.copies}: ${d.name}`}
                  onChange={(e) => onChange(i, { ...line, copies: Math.min(20, Math.max(1, Math.trunc(Number(e.target.value) || 1))) })}
                />
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
