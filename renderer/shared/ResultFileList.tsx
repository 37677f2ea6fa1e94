import type { ReactNode } from 'react';
import type { DossierResult } from '../../core/dossiers/result-files';
import { resultFileRef } from '../../core/dossiers/result-files';
import { fileUrl } from '../bridge/get-bridge';
import { formatBytes } from '../backoffice/inbox';
import { useStrings } from '../i18n/strings';
import './result-files.css';

/** The path the agent serves a result file at (main/agent/bridge-server.ts, kind "dossier-result"). */
export function resultFilePath(code: string, id: number): string {
  return `/files/dossier-result/${encodeURIComponent(resultFileRef(code, id))}`;
}

/** A dossier's result files, each opened in a new window through the terminal's agent; `children` (the back office's upload) below the list. */
export function ResultFileList({ code, results, children }: { readonly code: string; readonly results: readonly DossierResult[]; readonly children?: ReactNode }) {
  const strings = useStrings();
  const t = strings.resultFiles;
  return (
    <section className="rf-panel" data-testid="result-files" aria-labelledby={`rf-title-${code}`}>
      <h3 id={`rf-title-${code}`}>{t.title}</h3>
      {results.length === 0 ? (
        <>
          <p className="rf-none">{t.none}</p>
          <p className="rf-muted">{t.noneHint}</p>
        </>
      ) : (
        <ul className="rf-list">
          {results.map((r) => (
            <li key={r.id} className="rf-item">
              <span className="rf-name">{r.name}</span>
              <span className="rf-muted">{t.meta(r.pages, formatBytes(r.bytes, strings.locale), r.attachedBy)}</span>
              <a className="rf-open" href={fileUrl(resultFilePath(code, r.id))} target="_blank" rel="noopener noreferrer" aria-label={`${t.open}: ${r.name}`}>
                {t.open}
              </a>
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}
